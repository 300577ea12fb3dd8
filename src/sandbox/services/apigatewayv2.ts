// API Gateway v2 (HTTP APIs), restJson1: lower-camelCase wire keys, lists under `items`,
// `nextToken`/`maxResults` paging (both strings), ISO-8601 date strings (the SDK rejects
// numbers here, aws-facts §1.1). Actions are recorded as "apigatewayv2:<Op>" so faults and
// call counts can tell them from v1 operations of the same name (IAM itself says apigateway:GET).
import {SandboxError, type HandlerContext, type RestHandler, type RestRequest, type RestRoute, type RestService} from '../protocol.js';
import {pageLimit, pageOf} from '../pagination.js';
import type {AuthorizerSeed, HttpApiSeed} from '../scenario.js';

export const defaultHttpIntegrationTimeoutMs = 30_000;

const notFound = (message: string): SandboxError => new SandboxError('NotFoundException', message, 404);

function httpApiOf(ctx: HandlerContext, apiId: string | undefined): HttpApiSeed {
  const api = ctx.state.scenario.httpApis.find((candidate) => candidate.region === ctx.region && candidate.id === apiId);
  if (!api) throw notFound(`Invalid API identifier specified ${ctx.accountId}:${apiId}`);
  return api;
}

function paged<T>(request: RestRequest, all: readonly T[]): {items: T[]; nextToken?: string} {
  const page = pageOf(all, request.query.get('nextToken'), pageLimit(request.query.get('maxResults'), 100, 500));
  return {items: page.items, nextToken: page.next};
}

function apiView(api: HttpApiSeed): Record<string, unknown> {
  return {
    apiId: api.id,
    name: api.name,
    protocolType: 'HTTP',
    apiEndpoint: `https://${api.id}.execute-api.${api.region}.amazonaws.com`,
    apiKeySelectionExpression: '$request.header.x-api-key',
    routeSelectionExpression: '$request.method $request.path',
    createdDate: new Date(api.createdDate).toISOString(),
    disableExecuteApiEndpoint: false,
    ipAddressType: 'ipv4',
    tags: {},
  };
}

function stageView(api: HttpApiSeed, stage: HttpApiSeed['stages'][number]): Record<string, unknown> {
  const created = new Date(api.createdDate).toISOString();
  return {
    stageName: stage.stageName,
    autoDeploy: stage.autoDeploy,
    deploymentId: `${api.id.slice(0, 6)}d1`,
    createdDate: created,
    lastUpdatedDate: created,
    defaultRouteSettings: {detailedMetricsEnabled: false},
    routeSettings: {},
    stageVariables: {},
    accessLogSettings: stage.accessLogSettings,
    tags: {},
  };
}

function integrationView(integration: HttpApiSeed['integrations'][number]): Record<string, unknown> {
  return {
    integrationId: integration.integrationId,
    integrationType: integration.integrationType,
    integrationUri: integration.integrationUri,
    integrationMethod: 'POST',
    connectionType: 'INTERNET',
    payloadFormatVersion: integration.payloadFormatVersion,
    timeoutInMillis: integration.timeoutInMillis ?? defaultHttpIntegrationTimeoutMs,
  };
}

function authorizerView(authorizer: AuthorizerSeed): Record<string, unknown> {
  return {
    authorizerId: authorizer.id,
    name: authorizer.name,
    authorizerType: authorizer.type === 'JWT' ? 'JWT' : 'REQUEST',
    authorizerUri: authorizer.authorizerUri,
    identitySource: ['$request.header.Authorization'],
  };
}

function domainOf(ctx: HandlerContext, domainName: string | undefined) {
  const domain = ctx.state.scenario.domainNames.find((candidate) => candidate.region === ctx.region && candidate.domainName === domainName);
  if (!domain) throw notFound(`The domain name resource specified in the request was not found.`);
  return domain;
}

const getApis: RestHandler = (request, ctx) => ({body: paged(request, ctx.state.scenario.httpApis.filter((api) => api.region === ctx.region).map(apiView))});
const getApi: RestHandler = (request, ctx) => ({body: apiView(httpApiOf(ctx, request.params.apiId))});
const getStages: RestHandler = (request, ctx) => {
  const api = httpApiOf(ctx, request.params.apiId);
  return {body: paged(request, api.stages.map((stage) => stageView(api, stage)))};
};
const getStage: RestHandler = (request, ctx) => {
  const api = httpApiOf(ctx, request.params.apiId);
  const stage = api.stages.find((candidate) => candidate.stageName === request.params.stageName);
  if (!stage) throw notFound(`Invalid stage identifier specified`);
  return {body: stageView(api, stage)};
};
const getRoutes: RestHandler = (request, ctx) => ({
  body: paged(
    request,
    httpApiOf(ctx, request.params.apiId).routes.map((route) => ({
      routeId: route.routeId,
      routeKey: route.routeKey,
      authorizationType: route.authorizationType,
      authorizerId: route.authorizerId,
      target: route.target,
      apiKeyRequired: false,
      apiGatewayManaged: false,
    })),
  ),
});
const getIntegrations: RestHandler = (request, ctx) => ({body: paged(request, httpApiOf(ctx, request.params.apiId).integrations.map(integrationView))});
const getIntegration: RestHandler = (request, ctx) => {
  const integration = httpApiOf(ctx, request.params.apiId).integrations.find((candidate) => candidate.integrationId === request.params.integrationId);
  if (!integration) throw notFound('Invalid Integration identifier specified');
  return {body: integrationView(integration)};
};
const getAuthorizers: RestHandler = (request, ctx) => ({body: paged(request, (httpApiOf(ctx, request.params.apiId).authorizers ?? []).map(authorizerView))});
const getDomainNames: RestHandler = (request, ctx) => ({
  body: paged(
    request,
    ctx.state.scenario.domainNames
      .filter((domain) => domain.region === ctx.region)
      .map((domain) => ({
        domainName: domain.domainName,
        apiMappingSelectionExpression: '$request.basepath',
        domainNameConfigurations: [
          {apiGatewayDomainName: domain.regionalDomainName, endpointType: 'REGIONAL', hostedZoneId: 'Z1UJRXOUMOOFQ8', securityPolicy: 'TLS_1_2', domainNameStatus: 'AVAILABLE'},
        ],
        tags: {},
      })),
  ),
});
const getApiMappings: RestHandler = (request, ctx) => ({
  body: paged(
    request,
    domainOf(ctx, request.params.domainName).mappings.map((mapping, index) => ({
      apiId: mapping.apiId,
      apiMappingId: `map${index + 1}${mapping.apiId.slice(0, 3)}`,
      apiMappingKey: mapping.basePath,
      stage: mapping.stage,
    })),
  ),
});

const route = (pattern: string, operation: string, handler: RestHandler): RestRoute => ({method: 'GET', pattern, action: `apigatewayv2:${operation}`, handler});

export const apigatewayv2Service: RestService = {
  protocol: 'restJson1',
  signingName: 'apigateway',
  routes: [
    route('/v2/apis', 'GetApis', getApis),
    route('/v2/apis/{apiId}', 'GetApi', getApi),
    route('/v2/apis/{apiId}/stages', 'GetStages', getStages),
    route('/v2/apis/{apiId}/stages/{stageName}', 'GetStage', getStage),
    route('/v2/apis/{apiId}/routes', 'GetRoutes', getRoutes),
    route('/v2/apis/{apiId}/integrations', 'GetIntegrations', getIntegrations),
    route('/v2/apis/{apiId}/integrations/{integrationId}', 'GetIntegration', getIntegration),
    route('/v2/apis/{apiId}/authorizers', 'GetAuthorizers', getAuthorizers),
    route('/v2/domainnames', 'GetDomainNames', getDomainNames),
    route('/v2/domainnames/{domainName}/apimappings', 'GetApiMappings', getApiMappings),
  ],
};
