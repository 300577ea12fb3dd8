// restJson1 (API Gateway v1/v2, Lambda): the route is chosen by method + path template, the
// input is the JSON body plus path and query parameters, the output is JSON. Errors carry
// their code in the x-amzn-ErrorType header (aws-facts §1.3); Lambda's error bodies use
// {"Type","Message"}, API Gateway's use {"message"}.
import {SandboxError, type HandlerContext, type RestRoute, type RestService, type WireResponse} from '../protocol.js';
import {matchPath} from '../route-match.js';

export interface RestCall {
  readonly method: string;
  /** The raw (still URL-encoded) path. */
  readonly path: string;
  readonly query: URLSearchParams;
  readonly body: string;
}

export interface RestRouteMatch {
  readonly service: RestService;
  readonly route: RestRoute;
  readonly params: Readonly<Record<string, string>>;
}

export function findRestRoute(services: readonly RestService[], method: string, path: string): RestRouteMatch | undefined {
  for (const service of services) {
    for (const route of service.routes) {
      if (route.method !== method) continue;
      const params = matchPath(route.pattern, path);
      if (params) return {service, route, params};
    }
  }
  return undefined;
}

function parseBody(body: string): Record<string, unknown> {
  if (body.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new SandboxError('BadRequestException', 'Could not parse request body into json', 400);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new SandboxError('BadRequestException', 'Request body must be a JSON object', 400);
  }
  return parsed as Record<string, unknown>;
}

export function serveRest(match: RestRouteMatch, call: RestCall, ctx: HandlerContext): WireResponse {
  const result = match.route.handler({method: call.method, params: match.params, query: call.query, body: parseBody(call.body)}, ctx);
  return {
    status: result.status ?? 200,
    headers: {'content-type': 'application/json', ...result.headers},
    body: result.body === undefined ? '' : JSON.stringify(result.body),
  };
}

export function encodeRestError(error: SandboxError, requestId: string, service?: RestService): WireResponse {
  const body = service?.signingName === 'lambda' ? {Type: error.type === 'Sender' ? 'User' : 'Service', Message: error.message} : {message: error.message};
  return {
    status: error.status,
    headers: {'content-type': 'application/json', 'x-amzn-errortype': error.code, 'x-amzn-requestid': requestId},
    body: JSON.stringify(body),
  };
}
