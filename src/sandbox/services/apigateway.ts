// API Gateway v1 (REST APIs), restJson1: the control-plane reads the tool makes, plus
// UpdateStage (turning execution logging on) and TestInvokeMethod. Wire shapes follow
// aws-facts §1.2: lists under `item`, `position`/`limit` paging, epoch-second dates.
import {SandboxError, type HandlerContext, type RestHandler, type RestRequest, type RestRoute, type RestService} from '../protocol.js';
import {pageLimit, pageOf} from '../pagination.js';
import {defaultRestIntegrationTimeoutMs, executeRestMethod, formatExecutionLog} from '../rest-execution.js';
import type {MethodSeed, MethodSettingSeed, ResourceSeed, RestApiSeed, RestStageSeed} from '../scenario.js';

const epochSeconds = (iso: string): number => Math.floor(Date.parse(iso) / 1000);
const notFound = (message: string): SandboxError => new SandboxError('NotFoundException', message, 404);
const mapValues = <T, U>(record: Readonly<Record<string, T>>, map: (value: T, key: string) => U): Record<string, U> =>
  Object.fromEntries(Object.entries(record).map(([key, value]) => [key, map(value, key)]));

/** When UpdateStage last changed a stage (state.restStages holds the replaced seed). */
const stageUpdatedAt = new WeakMap<RestStageSeed, number>();

function restApiOf(ctx: HandlerContext, id: string | undefined): RestApiSeed {
  const api = ctx.state.scenario.restApis.find((candidate) => candidate.region === ctx.region && candidate.id === id);
  if (!api) throw notFound(`Invalid API identifier specified ${ctx.accountId}:${id}`);
  return api;
}

function stageKey(api: RestApiSeed, stageName: string): string {
  return `${api.region}/${api.id}/${stageName}`;
}

function stageOf(ctx: HandlerContext, api: RestApiSeed, stageName: string | undefined): RestStageSeed {
  const stage = stageName === undefined ? undefined : ctx.state.restStages.get(stageKey(api, stageName));
  if (!stage) throw notFound('Invalid Stage identifier specified');
  return stage;
}

function resourceOf(api: RestApiSeed, resourceId: string | undefined): ResourceSeed {
  const resource = api.resources.find((candidate) => candidate.id === resourceId);
  if (!resource) throw notFound('Invalid Resource identifier specified');
  return resource;
}

function methodOf(resource: ResourceSeed, httpMethod: string | undefined): MethodSeed {
  const method = httpMethod === undefined ? undefined : resource.methods[httpMethod];
  if (!method) throw notFound('Invalid Method identifier specified');
  return method;
}

function paged<T>(request: RestRequest, all: readonly T[]): {item: T[]; position?: string} {
  const page = pageOf(all, request.query.get('position'), pageLimit(request.query.get('limit'), 25, 500));
  return {item: page.items, position: page.next};
}

function restApiView(api: RestApiSeed): Record<string, unknown> {
  return {
    id: api.id,
    name: api.name,
    description: api.description,
    createdDate: epochSeconds(api.createdDate),
    apiKeySource: 'HEADER',
    endpointConfiguration: {types: ['REGIONAL'], ipAddressType: 'ipv4'},
    disableExecuteApiEndpoint: false,
    rootResourceId: api.resources.find((resource) => resource.path === '/')?.id,
    tags: {},
  };
}

function methodSettingView(setting: MethodSettingSeed): Record<string, unknown> {
  return {
    metricsEnabled: setting.metricsEnabled ?? false,
    loggingLevel: setting.loggingLevel ?? 'OFF',
    dataTraceEnabled: setting.dataTraceEnabled ?? false,
    throttlingBurstLimit: 5000,
    throttlingRateLimit: 10000,
    cachingEnabled: false,
    cacheTtlInSeconds: 300,
    cacheDataEncrypted: false,
    requireAuthorizationForCacheControl: true,
    unauthorizedCacheControlHeaderStrategy: 'SUCCEED_WITH_RESPONSE_HEADER',
  };
}

function stageView(api: RestApiSeed, stage: RestStageSeed): Record<string, unknown> {
  const created = epochSeconds(api.createdDate);
  const updated = stageUpdatedAt.get(stage);
  return {
    deploymentId: stage.deploymentId,
    stageName: stage.stageName,
    cacheClusterEnabled: false,
    cacheClusterStatus: 'NOT_AVAILABLE',
    methodSettings: mapValues(stage.methodSettings, methodSettingView),
    variables: stage.variables,
    accessLogSettings: stage.accessLogSettings,
    tracingEnabled: stage.tracingEnabled ?? false,
    tags: {},
    createdDate: created,
    lastUpdatedDate: updated === undefined ? created : Math.floor(updated / 1000),
  };
}

function integrationView(resource: ResourceSeed, method: MethodSeed): Record<string, unknown> | undefined {
  const integration = method.integration;
  if (!integration) return undefined;
  return {
    type: integration.type,
    httpMethod: integration.httpMethod ?? 'POST',
    uri: integration.uri,
    passthroughBehavior: 'WHEN_NO_MATCH',
    timeoutInMillis: integration.timeoutInMillis ?? defaultRestIntegrationTimeoutMs,
    cacheNamespace: resource.id,
    cacheKeyParameters: [],
  };
}

function methodView(resource: ResourceSeed, httpMethod: string, method: MethodSeed): Record<string, unknown> {
  return {
    httpMethod,
    authorizationType: method.authorizationType,
    authorizerId: method.authorizerId,
    apiKeyRequired: method.apiKeyRequired ?? false,
    requestParameters: {},
    methodIntegration: integrationView(resource, method),
  };
}

function resourceView(resource: ResourceSeed, embedMethods: boolean): Record<string, unknown> {
  const hasMethods = Object.keys(resource.methods).length > 0;
  return {
    id: resource.id,
    parentId: resource.parentId,
    pathPart: resource.pathPart,
    path: resource.path,
    resourceMethods: hasMethods ? mapValues(resource.methods, (method, verb) => (embedMethods ? methodView(resource, verb, method) : {})) : undefined,
  };
}

const defaultGatewayResponses: ReadonlyArray<readonly [string, string | undefined]> = [
  ['ACCESS_DENIED', '403'], ['API_CONFIGURATION_ERROR', '500'], ['AUTHORIZER_CONFIGURATION_ERROR', '500'], ['AUTHORIZER_FAILURE', '500'],
  ['BAD_REQUEST_PARAMETERS', '400'], ['BAD_REQUEST_BODY', '400'], ['DEFAULT_4XX', undefined], ['DEFAULT_5XX', undefined],
  ['EXPIRED_TOKEN', '403'], ['INTEGRATION_FAILURE', '504'], ['INTEGRATION_TIMEOUT', '504'], ['INVALID_API_KEY', '403'],
  ['INVALID_SIGNATURE', '403'], ['MISSING_AUTHENTICATION_TOKEN', '403'], ['QUOTA_EXCEEDED', '429'], ['REQUEST_TOO_LARGE', '413'],
  ['RESOURCE_NOT_FOUND', '404'], ['THROTTLED', '429'], ['UNAUTHORIZED', '401'], ['UNSUPPORTED_MEDIA_TYPE', '415'], ['WAF_FILTERED', '403'],
];

function gatewayResponsesView(api: RestApiSeed): Record<string, unknown>[] {
  const custom = api.gatewayResponses ?? {};
  const types = [...new Set([...defaultGatewayResponses.map(([type]) => type), ...Object.keys(custom)])];
  const defaults = new Map(defaultGatewayResponses);
  return types.map((responseType) => {
    const customised = custom[responseType];
    return {
      responseType,
      statusCode: customised?.statusCode ?? defaults.get(responseType),
      responseParameters: {},
      responseTemplates: {'application/json': customised?.template ?? '{"message":$context.error.messageString}'},
      defaultResponse: customised === undefined,
    };
  });
}

const patchableSettings: Readonly<Record<string, (setting: MethodSettingSeed, value: string) => MethodSettingSeed>> = {
  'logging/loglevel': (setting, value) => {
    if (value !== 'OFF' && value !== 'ERROR' && value !== 'INFO') throw new SandboxError('BadRequestException', `Invalid logging level: ${value}. Valid values are OFF, ERROR, INFO`, 400);
    return {...setting, loggingLevel: value};
  },
  'logging/dataTrace': (setting, value) => ({...setting, dataTraceEnabled: value === 'true'}),
  'metrics/enabled': (setting, value) => ({...setting, metricsEnabled: value === 'true'}),
};

/** Applies `replace` patch operations on "/{resourcePath}/{METHOD}/<setting>" (e.g. /*\/*\/logging/loglevel). */
function patchStage(stage: RestStageSeed, operations: unknown): RestStageSeed {
  const methodSettings = {...stage.methodSettings};
  for (const operation of Array.isArray(operations) ? (operations as Array<Record<string, unknown>>) : []) {
    const path = String(operation.path ?? '');
    const match = /^\/([^/]+)\/([^/]+)\/(logging\/loglevel|logging\/dataTrace|metrics\/enabled)$/.exec(path);
    if (operation.op !== 'replace' || !match) throw new SandboxError('BadRequestException', `Invalid patch path ${path}`, 400);
    const key = `${match[1]}/${match[2]}`;
    methodSettings[key] = patchableSettings[match[3]!]!(methodSettings[key] ?? {}, String(operation.value ?? ''));
  }
  return {...stage, methodSettings};
}

const getRestApis: RestHandler = (request, ctx) => ({body: paged(request, ctx.state.scenario.restApis.filter((api) => api.region === ctx.region).map(restApiView))});
const getRestApi: RestHandler = (request, ctx) => ({body: restApiView(restApiOf(ctx, request.params.restapi_id))});
const getStages: RestHandler = (request, ctx) => {
  const api = restApiOf(ctx, request.params.restapi_id);
  return {body: {item: api.stages.map((seed) => stageView(api, stageOf(ctx, api, seed.stageName)))}};
};
const getStage: RestHandler = (request, ctx) => {
  const api = restApiOf(ctx, request.params.restapi_id);
  return {body: stageView(api, stageOf(ctx, api, request.params.stage_name))};
};
const updateStage: RestHandler = (request, ctx) => {
  const api = restApiOf(ctx, request.params.restapi_id);
  const updated = patchStage(stageOf(ctx, api, request.params.stage_name), request.body.patchOperations);
  stageUpdatedAt.set(updated, Date.now());
  ctx.state.restStages.set(stageKey(api, updated.stageName), updated);
  return {body: stageView(api, updated)};
};
const getResources: RestHandler = (request, ctx) => {
  const embed = request.query.getAll('embed').flatMap((value) => value.split(',')).includes('methods');
  return {body: paged(request, restApiOf(ctx, request.params.restapi_id).resources.map((resource) => resourceView(resource, embed)))};
};
const getMethod: RestHandler = (request, ctx) => {
  const resource = resourceOf(restApiOf(ctx, request.params.restapi_id), request.params.resource_id);
  return {body: methodView(resource, request.params.http_method!, methodOf(resource, request.params.http_method))};
};
const getIntegration: RestHandler = (request, ctx) => {
  const resource = resourceOf(restApiOf(ctx, request.params.restapi_id), request.params.resource_id);
  const integration = integrationView(resource, methodOf(resource, request.params.http_method));
  if (!integration) throw notFound('Invalid Integration identifier specified');
  return {body: integration};
};
const getAuthorizers: RestHandler = (request, ctx) => {
  const authorizers = restApiOf(ctx, request.params.restapi_id).authorizers ?? [];
  return {
    body: paged(
      request,
      authorizers.map((authorizer) => ({
        id: authorizer.id,
        name: authorizer.name,
        type: authorizer.type,
        providerARNs: authorizer.providerArns,
        authorizerUri: authorizer.authorizerUri,
        authType: authorizer.type === 'COGNITO_USER_POOLS' ? 'cognito_user_pools' : 'custom',
        identitySource: 'method.request.header.Authorization',
        authorizerResultTtlInSeconds: 300,
      })),
    ),
  };
};
const getGatewayResponses: RestHandler = (request, ctx) => ({body: {item: gatewayResponsesView(restApiOf(ctx, request.params.restapi_id))}});
const getDomainNames: RestHandler = (request, ctx) => ({
  body: paged(
    request,
    ctx.state.scenario.domainNames
      .filter((domain) => domain.region === ctx.region)
      .map((domain) => ({
        domainName: domain.domainName,
        regionalDomainName: domain.regionalDomainName,
        regionalHostedZoneId: 'Z1UJRXOUMOOFQ8',
        endpointConfiguration: {types: ['REGIONAL'], ipAddressType: 'ipv4'},
        domainNameStatus: 'AVAILABLE',
        securityPolicy: 'TLS_1_2',
        tags: {},
      })),
  ),
});
const getBasePathMappings: RestHandler = (request, ctx) => {
  const domain = ctx.state.scenario.domainNames.find((candidate) => candidate.region === ctx.region && candidate.domainName === request.params.domain_name);
  if (!domain) throw notFound('Invalid domain name identifier specified');
  return {body: paged(request, domain.mappings.map((mapping) => ({basePath: mapping.basePath === '' ? '(none)' : mapping.basePath, restApiId: mapping.apiId, stage: mapping.stage})))};
};
const getAccount: RestHandler = (_request, ctx) => ({
  body: {
    cloudwatchRoleArn: ctx.state.scenario.apiGatewayAccounts[ctx.region]?.cloudwatchRoleArn,
    throttleSettings: {burstLimit: 5000, rateLimit: 10000},
    features: ['UsagePlans'],
    apiKeyVersion: '4',
  },
});
const testInvokeMethod: RestHandler = (request, ctx) => {
  const api = restApiOf(ctx, request.params.restapi_id);
  const resource = resourceOf(api, request.params.resource_id);
  const httpMethod = request.params.http_method!;
  const target = new URL(String(request.body.pathWithQueryString ?? resource.path), 'http://test-invoke.invalid');
  const requestPath = decodeURIComponent(target.pathname);
  const execution = executeRestMethod(ctx.state, {
    resource,
    httpMethod,
    method: methodOf(resource, httpMethod),
    path: requestPath,
    query: target.searchParams,
    headers: (request.body.headers ?? {}) as Record<string, string>,
    body: typeof request.body.body === 'string' ? request.body.body : '',
    requestId: ctx.requestId,
    sourceArn: `arn:aws:execute-api:${ctx.region}:${ctx.accountId}:${api.id}/test-invoke-stage/${httpMethod}${requestPath}`,
  });
  return {
    body: {
      status: execution.status,
      body: execution.body,
      headers: execution.headers,
      multiValueHeaders: mapValues(execution.headers, (value) => [value]),
      log: formatExecutionLog(ctx.requestId, execution.log, new Date()),
      latency: execution.latencyMs,
    },
  };
};

const route = (method: string, pattern: string, operation: string, handler: RestHandler): RestRoute => ({method, pattern, action: `apigateway:${operation}`, handler});
const methodPath = '/restapis/{restapi_id}/resources/{resource_id}/methods/{http_method}';

export const apigatewayService: RestService = {
  protocol: 'restJson1',
  signingName: 'apigateway',
  routes: [
    route('GET', '/restapis', 'GetRestApis', getRestApis),
    route('GET', '/restapis/{restapi_id}', 'GetRestApi', getRestApi),
    route('GET', '/restapis/{restapi_id}/stages', 'GetStages', getStages),
    route('GET', '/restapis/{restapi_id}/stages/{stage_name}', 'GetStage', getStage),
    route('PATCH', '/restapis/{restapi_id}/stages/{stage_name}', 'UpdateStage', updateStage),
    route('GET', '/restapis/{restapi_id}/resources', 'GetResources', getResources),
    route('GET', methodPath, 'GetMethod', getMethod),
    route('POST', methodPath, 'TestInvokeMethod', testInvokeMethod),
    route('GET', `${methodPath}/integration`, 'GetIntegration', getIntegration),
    route('GET', '/restapis/{restapi_id}/authorizers', 'GetAuthorizers', getAuthorizers),
    route('GET', '/restapis/{restapi_id}/gatewayresponses', 'GetGatewayResponses', getGatewayResponses),
    route('GET', '/domainnames', 'GetDomainNames', getDomainNames),
    route('GET', '/domainnames/{domain_name}/basepathmappings', 'GetBasePathMappings', getBasePathMappings),
    route('GET', '/account', 'GetAccount', getAccount),
  ],
};
