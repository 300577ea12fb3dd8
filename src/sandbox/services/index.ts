// Every service module the sandbox serves, grouped by wire protocol, with the wire module
// that speaks it. The server routes by protocol first (path, X-Amz-Target, form body), then
// picks the service here.
import type {HandlerContext, JsonService, QueryService, RestService, SandboxError, WireResponse} from '../protocol.js';
import {encodeJsonError, serveJson} from '../wire/json.js';
import {encodeQueryError, serveQuery} from '../wire/query.js';
import {apigatewayService} from './apigateway.js';
import {apigatewayv2Service} from './apigatewayv2.js';
import {cognitoIdentityService} from './cognito-identity.js';
import {lambdaService} from './lambda.js';
import {logsService} from './logs.js';
import {iamService} from './iam.js';
import {stsService} from './sts.js';

export interface QueryProtocol {
  readonly services: readonly QueryService[];
  serve(service: QueryService, form: URLSearchParams, ctx: HandlerContext): WireResponse;
  encodeError(error: SandboxError, requestId: string): WireResponse;
}

export interface JsonProtocol {
  readonly services: readonly JsonService[];
  serve(service: JsonService, operation: string, body: string, ctx: HandlerContext): WireResponse;
  encodeError(error: SandboxError, requestId: string): WireResponse;
}

export interface ServiceRegistry {
  readonly rest: readonly RestService[];
  /** awsQuery (IAM, STS): wire/query.ts and services/{iam,sts}.ts. */
  readonly query?: QueryProtocol;
  /** awsJson1_1 (Logs, Cognito Identity): wire/json.ts and services/{logs,cognito-identity}.ts. */
  readonly json?: JsonProtocol;
}

export const serviceRegistry: ServiceRegistry = {
  rest: [apigatewayv2Service, lambdaService, apigatewayService],
  query: {services: [iamService, stsService], serve: serveQuery, encodeError: encodeQueryError},
  json: {services: [logsService, cognitoIdentityService], serve: serveJson, encodeError: encodeJsonError},
};
