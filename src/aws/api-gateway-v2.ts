// API Gateway v2 (HTTP APIs). The SDK ships no paginators for these list calls, so the
// NextToken loop is ours (collectPages).
import type * as Sdk from '@aws-sdk/client-apigatewayv2';
import type {ApiGatewayV2Port, Authorizer, HttpApi, HttpIntegration, HttpRoute, HttpStage} from './ports.js';
import {collectPages, sendOptions, serviceCaller, type AdapterScope} from './sdk-client.js';

// MaxResults is a string on the wire; 500 is what the console uses for large lists.
const maxResults = '500';

interface Page<T> {
  Items?: T[];
  NextToken?: string;
}

export function createApiGatewayV2Adapter(scope: AdapterScope): ApiGatewayV2Port {
  const call = serviceCaller(scope, 'apigateway', async (options) => {
    const sdk = await import('@aws-sdk/client-apigatewayv2');
    return {sdk, client: new sdk.ApiGatewayV2Client(options)};
  });
  const all = <T>(fetchPage: (token: string | undefined) => Promise<Page<T>>) =>
    collectPages(fetchPage, (page) => page.Items, (page) => page.NextToken);

  return {
    getApi: (apiId, o) => call('GET', async ({sdk, client}) => toHttpApi(await client.send(new sdk.GetApiCommand({ApiId: apiId}), sendOptions(o)))),
    listApis: (o) =>
      call('GET', async ({sdk, client}) =>
        (await all((NextToken) => client.send(new sdk.GetApisCommand({MaxResults: maxResults, NextToken}), sendOptions(o)))).map(toHttpApi),
      ),
    listStages: (apiId, o) =>
      call('GET', async ({sdk, client}) =>
        (await all((NextToken) => client.send(new sdk.GetStagesCommand({ApiId: apiId, MaxResults: maxResults, NextToken}), sendOptions(o)))).map(toHttpStage),
      ),
    listRoutes: (apiId, o) =>
      call('GET', async ({sdk, client}) =>
        (await all((NextToken) => client.send(new sdk.GetRoutesCommand({ApiId: apiId, MaxResults: maxResults, NextToken}), sendOptions(o)))).map(toHttpRoute),
      ),
    getIntegration: (apiId, integrationId, o) =>
      call('GET', async ({sdk, client}) =>
        toHttpIntegration(await client.send(new sdk.GetIntegrationCommand({ApiId: apiId, IntegrationId: integrationId}), sendOptions(o))),
      ),
    listIntegrations: (apiId, o) =>
      call('GET', async ({sdk, client}) =>
        (
          await all((NextToken) => client.send(new sdk.GetIntegrationsCommand({ApiId: apiId, MaxResults: maxResults, NextToken}), sendOptions(o)))
        ).map(toHttpIntegration),
      ),
    listAuthorizers: (apiId, o) =>
      call('GET', async ({sdk, client}) =>
        (
          await all((NextToken) => client.send(new sdk.GetAuthorizersCommand({ApiId: apiId, MaxResults: maxResults, NextToken}), sendOptions(o)))
        ).map(toAuthorizer),
      ),
    listDomainNames: (o) =>
      call('GET', async ({sdk, client}) =>
        (await all((NextToken) => client.send(new sdk.GetDomainNamesCommand({MaxResults: maxResults, NextToken}), sendOptions(o)))).map((domain) => ({
          domainName: domain.DomainName ?? '',
          regionalDomainName: domain.DomainNameConfigurations?.[0]?.ApiGatewayDomainName,
        })),
      ),
    listApiMappings: (domainName, o) =>
      call('GET', async ({sdk, client}) =>
        (
          await all((NextToken) =>
            client.send(new sdk.GetApiMappingsCommand({DomainName: domainName, MaxResults: maxResults, NextToken}), sendOptions(o)),
          )
        ).map((mapping) => ({basePath: mapping.ApiMappingKey ?? '', apiId: mapping.ApiId ?? '', stage: mapping.Stage ?? ''})),
      ),
  };
}

function toHttpApi(api: Partial<Sdk.Api>): HttpApi {
  return {
    apiId: api.ApiId ?? '',
    name: api.Name ?? '',
    protocolType: api.ProtocolType ?? 'HTTP',
    apiEndpoint: api.ApiEndpoint,
    disableExecuteApiEndpoint: api.DisableExecuteApiEndpoint ?? false,
    createdDate: api.CreatedDate,
  };
}

function toHttpStage(stage: Sdk.Stage): HttpStage {
  return {
    stageName: stage.StageName ?? '',
    autoDeploy: stage.AutoDeploy ?? false,
    deploymentId: stage.DeploymentId,
    accessLogDestinationArn: stage.AccessLogSettings?.DestinationArn,
    accessLogFormat: stage.AccessLogSettings?.Format,
    defaultRouteSettings: stage.DefaultRouteSettings
      ? {loggingLevel: stage.DefaultRouteSettings.LoggingLevel, detailedMetricsEnabled: stage.DefaultRouteSettings.DetailedMetricsEnabled}
      : undefined,
    lastUpdatedDate: stage.LastUpdatedDate,
  };
}

function toHttpRoute(route: Sdk.Route): HttpRoute {
  return {
    routeId: route.RouteId ?? '',
    routeKey: route.RouteKey ?? '',
    authorizationType: route.AuthorizationType ?? 'NONE',
    authorizerId: route.AuthorizerId,
    target: route.Target,
  };
}

function toHttpIntegration(integration: Sdk.Integration): HttpIntegration {
  return {
    integrationId: integration.IntegrationId ?? '',
    integrationType: integration.IntegrationType ?? '',
    integrationUri: integration.IntegrationUri,
    payloadFormatVersion: integration.PayloadFormatVersion,
    timeoutInMillis: integration.TimeoutInMillis,
  };
}

function toAuthorizer(authorizer: Sdk.Authorizer): Authorizer {
  return {
    id: authorizer.AuthorizerId ?? '',
    name: authorizer.Name ?? '',
    type: authorizer.AuthorizerType ?? '',
    providerArns: authorizer.JwtConfiguration?.Issuer ? [authorizer.JwtConfiguration.Issuer] : [],
    authorizerUri: authorizer.AuthorizerUri,
  };
}
