// API Gateway v1 (REST APIs): the control plane read by the endpoint, identity and logs stages.
import type * as Sdk from '@aws-sdk/client-api-gateway';
import type {ApiGatewayV1Port, ApiMapping, Authorizer, RestApi, RestIntegration, RestMethod, RestResource, RestStage} from './ports.js';
import {collectPages, collectPaginator, sendOptions, serviceCaller, type AdapterScope} from './sdk-client.js';

// The service maximum, so a large account needs few pages.
const pageSize = 500;

export function createApiGatewayAdapter(scope: AdapterScope): ApiGatewayV1Port {
  const call = serviceCaller(scope, 'apigateway', async (options) => {
    const sdk = await import('@aws-sdk/client-api-gateway');
    return {sdk, client: new sdk.APIGatewayClient(options)};
  });
  // Authorizers and gateway responses have no SDK paginator: follow `position` ourselves.
  const byPosition = <T>(fetchPage: (position: string | undefined) => Promise<{items?: T[]; position?: string}>) =>
    collectPages(fetchPage, (page) => page.items, (page) => page.position);
  return {
    getRestApi: (apiId, o) =>
      call('GET', async ({sdk, client}) => toRestApi(await client.send(new sdk.GetRestApiCommand({restApiId: apiId}), sendOptions(o)))),
    listRestApis: (o) =>
      call('GET', async ({sdk, client}) =>
        (await collectPaginator(sdk.paginateGetRestApis({client, pageSize}, {}, sendOptions(o)), (page) => page.items)).map(toRestApi),
      ),
    listStages: (apiId, o) =>
      call('GET', async ({sdk, client}) => ((await client.send(new sdk.GetStagesCommand({restApiId: apiId}), sendOptions(o))).item ?? []).map(toRestStage)),
    getStage: (apiId, stageName, o) =>
      call('GET', async ({sdk, client}) => toRestStage(await client.send(new sdk.GetStageCommand({restApiId: apiId, stageName}), sendOptions(o)))),
    listResources: (apiId, o) =>
      call('GET', async ({sdk, client}) =>
        (
          await collectPaginator(sdk.paginateGetResources({client, pageSize}, {restApiId: apiId, embed: ['methods']}, sendOptions(o)), (page) => page.items)
        ).map(toRestResource),
      ),
    getMethod: (apiId, resourceId, httpMethod, o) =>
      call('GET', async ({sdk, client}) =>
        toRestMethod(await client.send(new sdk.GetMethodCommand({restApiId: apiId, resourceId, httpMethod}), sendOptions(o))),
      ),
    getIntegration: (apiId, resourceId, httpMethod, o) =>
      call('GET', async ({sdk, client}) =>
        toRestIntegration(await client.send(new sdk.GetIntegrationCommand({restApiId: apiId, resourceId, httpMethod}), sendOptions(o))),
      ),
    listAuthorizers: (apiId, o) =>
      call('GET', async ({sdk, client}) =>
        (await byPosition((position) => client.send(new sdk.GetAuthorizersCommand({restApiId: apiId, position, limit: pageSize}), sendOptions(o)))).map(toAuthorizer),
      ),
    listDomainNames: (o) =>
      call('GET', async ({sdk, client}) =>
        (await collectPaginator(sdk.paginateGetDomainNames({client, pageSize}, {}, sendOptions(o)), (page) => page.items)).map((domain) => ({
          domainName: domain.domainName ?? '',
          regionalDomainName: domain.regionalDomainName,
          distributionDomainName: domain.distributionDomainName,
        })),
      ),
    listBasePathMappings: (domainName, o) =>
      call('GET', async ({sdk, client}) =>
        (await collectPaginator(sdk.paginateGetBasePathMappings({client, pageSize}, {domainName}, sendOptions(o)), (page) => page.items)).map(
          (mapping): ApiMapping => ({
            // AWS writes the root mapping as "(none)".
            basePath: !mapping.basePath || mapping.basePath === '(none)' ? '' : mapping.basePath,
            apiId: mapping.restApiId ?? '',
            stage: mapping.stage ?? '',
          }),
        ),
      ),
    getAccount: (o) =>
      call('GET', async ({sdk, client}) => {
        const account = await client.send(new sdk.GetAccountCommand({}), sendOptions(o));
        return {cloudwatchRoleArn: account.cloudwatchRoleArn};
      }),
    listGatewayResponses: (apiId, o) =>
      call('GET', async ({sdk, client}) =>
        (await byPosition((position) => client.send(new sdk.GetGatewayResponsesCommand({restApiId: apiId, position, limit: pageSize}), sendOptions(o)))).map((response) => ({
          responseType: response.responseType ?? '',
          statusCode: response.statusCode,
          defaultResponse: response.defaultResponse ?? false,
          responseTemplates: response.responseTemplates ?? {},
        })),
      ),
    testInvokeMethod: (input, o) =>
      call('POST', async ({sdk, client}) => {
        const out = await client.send(
          new sdk.TestInvokeMethodCommand({
            restApiId: input.apiId,
            resourceId: input.resourceId,
            httpMethod: input.httpMethod,
            pathWithQueryString: input.pathWithQueryString,
            body: input.body,
            headers: input.headers,
          }),
          sendOptions(o),
        );
        return {status: out.status ?? 0, body: out.body, headers: out.headers ?? {}, log: out.log, latencyMs: out.latency};
      }),
    updateStageLogging: (apiId, stageName, level, o) =>
      call('PATCH', async ({sdk, client}) =>
        toRestStage(
          await client.send(
            new sdk.UpdateStageCommand({restApiId: apiId, stageName, patchOperations: [{op: 'replace', path: '/*/*/logging/loglevel', value: level}]}),
            sendOptions(o),
          ),
        ),
      ),
  };
}

function toRestApi(api: Sdk.RestApi): RestApi {
  return {
    id: api.id ?? '',
    name: api.name ?? '',
    createdDate: api.createdDate,
    endpointTypes: api.endpointConfiguration?.types ?? [],
    disableExecuteApiEndpoint: api.disableExecuteApiEndpoint ?? false,
    policy: api.policy,
  };
}

function toRestStage(stage: Sdk.Stage): RestStage {
  const methodSettings = Object.fromEntries(
    Object.entries(stage.methodSettings ?? {}).map(([key, setting]) => [
      key,
      {loggingLevel: setting.loggingLevel, dataTraceEnabled: setting.dataTraceEnabled, metricsEnabled: setting.metricsEnabled},
    ]),
  );
  return {
    stageName: stage.stageName ?? '',
    deploymentId: stage.deploymentId,
    methodSettings,
    accessLogDestinationArn: stage.accessLogSettings?.destinationArn,
    accessLogFormat: stage.accessLogSettings?.format,
    tracingEnabled: stage.tracingEnabled ?? false,
    variables: stage.variables ?? {},
    lastUpdatedDate: stage.lastUpdatedDate,
  };
}

function toRestIntegration(integration: Sdk.Integration): RestIntegration {
  return {
    type: integration.type ?? '',
    uri: integration.uri,
    httpMethod: integration.httpMethod,
    timeoutInMillis: integration.timeoutInMillis,
    credentials: integration.credentials,
  };
}

function toRestMethod(method: Sdk.Method): RestMethod {
  return {
    httpMethod: method.httpMethod ?? '',
    authorizationType: method.authorizationType ?? 'NONE',
    authorizerId: method.authorizerId,
    apiKeyRequired: method.apiKeyRequired ?? false,
    integration: method.methodIntegration ? toRestIntegration(method.methodIntegration) : undefined,
  };
}

function toRestResource(resource: Sdk.Resource): RestResource {
  const methods = Object.fromEntries(
    Object.entries(resource.resourceMethods ?? {}).map(([verb, method]) => [verb, toRestMethod({httpMethod: verb, ...method})]),
  );
  return {id: resource.id ?? '', parentId: resource.parentId, path: resource.path ?? '', pathPart: resource.pathPart, methods};
}

function toAuthorizer(authorizer: Sdk.Authorizer): Authorizer {
  return {
    id: authorizer.id ?? '',
    name: authorizer.name ?? '',
    type: authorizer.type ?? '',
    providerArns: authorizer.providerARNs ?? [],
    authorizerUri: authorizer.authorizerUri,
  };
}
