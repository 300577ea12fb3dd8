// The API's own URL, answered as API Gateway would for the scenario (aws-facts §5.2): stage,
// route and method matching, IAM authorisation, then the Lambda integration's outcome, with
// API Gateway's status codes, bodies and headers for REST (v1) and HTTP (v2) APIs.
//
// URL forms (aws-facts §4): /_aws/execute-api/API/STAGE/PATH, the legacy
// /restapis/API/STAGE/_user_request_/PATH, and Host API.execute-api.localhost.localstack.cloud.
// Those carry no region, so the API is looked up in every region (the scenario's own region
// first). A Host of API.execute-api.REGION.amazonaws.com is honoured with its region.
import {randomBytes} from 'node:crypto';
import type {IncomingHttpHeaders} from 'node:http';
import {authorizeInvoke, type InvokeDecision} from './execute-api-auth.js';
import {functionFromIntegrationUri} from './lambda-functions.js';
import {invokeFunction} from './lambda-invoke.js';
import type {WireResponse} from './protocol.js';
import {executeRestMethod} from './rest-execution.js';
import {compareSpecificity, matchPath} from './route-match.js';
import type {HttpApiSeed, RestApiSeed} from './scenario.js';
import {defaultHttpIntegrationTimeoutMs} from './services/apigatewayv2.js';
import type {SandboxState} from './state.js';

export interface DataPlaneTarget {
  readonly apiId: string;
  readonly region?: string;
  /** The path after the API id: "/STAGE/rest", or "/rest" for an HTTP API's $default stage. */
  readonly path: string;
}

export interface DataPlaneRequest {
  readonly method: string;
  readonly headers: IncomingHttpHeaders;
  readonly query: URLSearchParams;
  readonly body: string;
  readonly requestId: string;
}

export function dataPlaneTarget(host: string, pathname: string): DataPlaneTarget | undefined {
  const hostname = host.replace(/:\d+$/, '').toLowerCase();
  const localHost = /^([a-z0-9]+)\.execute-api\.localhost\.localstack\.cloud$/.exec(hostname);
  if (localHost) return {apiId: localHost[1]!, path: pathname};
  const awsHost = /^([a-z0-9]+)\.execute-api\.([a-z0-9-]+)\.amazonaws\.com$/.exec(hostname);
  if (awsHost) return {apiId: awsHost[1]!, region: awsHost[2]!, path: pathname};
  const current = /^\/_aws\/execute-api\/([^/]+)(\/.*)?$/.exec(pathname);
  if (current) return {apiId: current[1]!, path: current[2] ?? '/'};
  const legacy = /^\/restapis\/([^/]+)\/([^/]+)\/_user_request_(\/.*)?$/.exec(pathname);
  if (legacy) return {apiId: legacy[1]!, path: `/${legacy[2]}${legacy[3] ?? '/'}`};
  return undefined;
}

function json(status: number, body: unknown, headers: Record<string, string>): WireResponse {
  return {status, headers: {'content-type': 'application/json', ...headers}, body: JSON.stringify(body)};
}

function isSigned(request: DataPlaneRequest): boolean {
  return typeof request.headers.authorization === 'string' || request.query.has('X-Amz-Signature');
}

/** First path segment (decoded) and the rest of the path. */
function splitFirstSegment(path: string): {first: string; rest: string} {
  const [, first = '', rest = ''] = /^\/([^/]*)(.*)$/.exec(path) ?? [];
  return {first: decodeURIComponent(first), rest: rest === '' ? '/' : rest};
}

function pickByRegion<T extends {region: string}>(candidates: readonly T[], target: DataPlaneTarget, home: string): T | undefined {
  const inScope = candidates.filter((candidate) => target.region === undefined || candidate.region === target.region);
  return inScope.find((candidate) => candidate.region === home) ?? inScope[0];
}

function answerRest(state: SandboxState, api: RestApiSeed, target: DataPlaneTarget, request: DataPlaneRequest): WireResponse {
  const gatewayHeaders = {'x-amz-apigw-id': randomBytes(12).toString('base64')};
  const gatewayError = (status: number, body: Record<string, string>, errorType: string) => json(status, body, {...gatewayHeaders, 'x-amzn-errortype': errorType});
  const {first: stageName, rest: path} = splitFirstSegment(target.path);
  if (!state.restStages.has(`${api.region}/${api.id}/${stageName}`)) return gatewayError(403, {message: 'Forbidden'}, 'ForbiddenException');

  const resource = api.resources.filter((candidate) => matchPath(candidate.path, path)).sort((a, b) => compareSpecificity(a.path, b.path))[0];
  const verb = request.method.toUpperCase();
  const method = resource?.methods[verb] ?? resource?.methods.ANY;
  const missingToken = () => gatewayError(403, {message: 'Missing Authentication Token'}, 'MissingAuthenticationTokenException');
  if (!resource || !method) return missingToken();

  const methodArn = `arn:aws:execute-api:${api.region}:${state.scenario.accountId}:${api.id}/${stageName}/${verb}/${path.slice(1)}`;
  if (method.authorizationType === 'AWS_IAM') {
    if (!isSigned(request)) return missingToken();
    const decision = authorizeInvoke(state, api.region, methodArn);
    if (decision.kind === 'unknown-caller') return gatewayError(403, {message: 'The security token included in the request is invalid.'}, 'UnrecognizedClientException');
    if (decision.kind === 'denied') {
      const message = `User: ${decision.callerArn} is not authorized to perform: execute-api:Invoke on resource: ${methodArn}${decision.explicit ? ' with an explicit deny' : ''}`;
      return gatewayError(403, {Message: message}, 'AccessDeniedException');
    }
  } else if (method.authorizationType !== 'NONE' && typeof request.headers.authorization !== 'string') {
    return gatewayError(401, {message: 'Unauthorized'}, 'UnauthorizedException');
  }
  if (method.apiKeyRequired && typeof request.headers['x-api-key'] !== 'string') return gatewayError(403, {message: 'Forbidden'}, 'ForbiddenException');

  const headers = Object.fromEntries(Object.entries(request.headers).flatMap(([key, value]) => (typeof value === 'string' ? [[key, value]] : [])));
  const execution = executeRestMethod(state, {resource, httpMethod: verb, method, path, query: request.query, headers, body: request.body, requestId: request.requestId, sourceArn: methodArn});
  return {status: execution.status, headers: {...execution.headers, ...gatewayHeaders}, body: execution.body};
}

function routeParts(routeKey: string): {verb: string; path: string} | undefined {
  const match = /^([A-Z]+) (\/.*)$/.exec(routeKey);
  return match ? {verb: match[1]!, path: match[2]!} : undefined;
}

function answerHttp(state: SandboxState, api: HttpApiSeed, target: DataPlaneTarget, request: DataPlaneRequest): WireResponse {
  const headers = {'apigw-requestid': randomBytes(11).toString('base64').replace(/=+$/, '') + '='};
  const {first, rest} = splitFirstSegment(target.path);
  const namedStage = first !== '$default' ? api.stages.find((stage) => stage.stageName === first) : undefined;
  const stage = namedStage ?? api.stages.find((candidate) => candidate.stageName === '$default');
  const notFound = json(404, {message: 'Not Found'}, headers);
  if (!stage) return notFound;
  const path = namedStage ? rest : target.path;
  const verb = request.method.toUpperCase();

  const route =
    api.routes
      .map((candidate) => ({candidate, parts: routeParts(candidate.routeKey)}))
      .filter(({parts}) => parts && (parts.verb === verb || parts.verb === 'ANY') && matchPath(parts.path, path))
      .sort((a, b) => compareSpecificity(a.parts!.path, b.parts!.path) || Number(a.parts!.verb === 'ANY') - Number(b.parts!.verb === 'ANY'))[0]?.candidate ??
    api.routes.find((candidate) => candidate.routeKey === '$default');
  if (!route) return notFound;

  const sourceArn = `arn:aws:execute-api:${api.region}:${state.scenario.accountId}:${api.id}/${stage.stageName}/${verb}${path}`;
  if (route.authorizationType === 'AWS_IAM') {
    const decision: InvokeDecision | undefined = isSigned(request) ? authorizeInvoke(state, api.region, sourceArn) : undefined;
    if (decision?.kind !== 'allowed') return json(403, {message: 'Forbidden'}, headers);
  } else if (route.authorizationType !== 'NONE' && typeof request.headers.authorization !== 'string') {
    return json(401, {message: 'Unauthorized'}, headers);
  }

  const integrationId = route.target?.replace(/^integrations\//, '');
  const integration = api.integrations.find((candidate) => candidate.integrationId === integrationId);
  const internalError = json(500, {message: 'Internal Server Error'}, headers);
  if (!integration || integration.integrationType !== 'AWS_PROXY') return internalError;
  const invocation = invokeFunction(state, functionFromIntegrationUri(state, integration.integrationUri), integration.timeoutInMillis ?? defaultHttpIntegrationTimeoutMs, sourceArn);
  if (invocation.kind === 'integration-timeout') return json(503, {message: 'Service Unavailable'}, headers);
  if (invocation.kind !== 'ok') return internalError;
  return {status: invocation.statusCode, headers: {'content-type': 'application/json', ...headers}, body: invocation.body};
}

export function answerDataPlane(state: SandboxState, target: DataPlaneTarget, request: DataPlaneRequest): {response: WireResponse; region: string} {
  const home = state.scenario.region;
  const restApi = pickByRegion(state.scenario.restApis.filter((api) => api.id === target.apiId), target, home);
  if (restApi) return {response: answerRest(state, restApi, target, request), region: restApi.region};
  const httpApi = pickByRegion(state.scenario.httpApis.filter((api) => api.id === target.apiId), target, home);
  if (httpApi) return {response: answerHttp(state, httpApi, target, request), region: httpApi.region};
  const forbidden = json(403, {message: 'Forbidden'}, {'x-amzn-errortype': 'ForbiddenException', 'x-amz-apigw-id': randomBytes(12).toString('base64')});
  return {response: forbidden, region: target.region ?? home};
}
