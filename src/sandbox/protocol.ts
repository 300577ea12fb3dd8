// The seam between the sandbox's HTTP server (server.ts: routing, signing checks, faults,
// wire encoding) and the per-service handlers (one module per AWS service). A handler sees
// decoded input and returns plain data; the server encodes it for the service's protocol
// (awsQuery XML, awsJson1_1, restJson1) and turns a thrown SandboxError into that
// protocol's error body (shared/aws-facts.md §1.3).
import type {SandboxState} from './state.js';

export type Protocol = 'awsQuery' | 'awsJson1_1' | 'restJson1';

/** AWS's own error: the code on the wire, its HTTP status and message. */
export class SandboxError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
    /** awsQuery <Type>: Sender for client faults, Receiver for server faults. */
    readonly type: 'Sender' | 'Receiver' = status >= 500 ? 'Receiver' : 'Sender',
  ) {
    super(message);
    this.name = 'SandboxError';
  }
}

export interface HandlerContext {
  readonly state: SandboxState;
  /** From the SigV4 credential scope (Credential=KEY/DATE/REGION/SERVICE/aws4_request). */
  readonly region: string;
  readonly accountId: string;
  /** Base URL of this sandbox, e.g. http://127.0.0.1:4566, for URLs it hands out (Code.Location). */
  readonly baseUrl: string;
  readonly requestId: string;
}

/** awsQuery (IAM, STS): flattened form params in, a JS object out (rendered as <OpResult>). */
export type QueryHandler = (params: Readonly<Record<string, string>>, ctx: HandlerContext) => Record<string, unknown> | undefined;

/** awsJson1_1 (Logs, Cognito Identity): JSON body in, JSON out. */
export type JsonHandler = (input: Record<string, unknown>, ctx: HandlerContext) => Record<string, unknown>;

/** restJson1 (API Gateway v1/v2, Lambda): matched route params in, status + JSON out. */
export interface RestRequest {
  readonly method: string;
  /** Path parameters from the route pattern, already URL-decoded. */
  readonly params: Readonly<Record<string, string>>;
  readonly query: URLSearchParams;
  readonly body: Record<string, unknown>;
}
export type RestHandler = (request: RestRequest, ctx: HandlerContext) => {status?: number; body?: unknown; headers?: Record<string, string>};

export interface RestRoute {
  readonly method: string;
  /** e.g. "/restapis/{restapi_id}/stages/{stage_name}" */
  readonly pattern: string;
  /** IAM action for faults and call counting, e.g. "apigateway:GetStage". */
  readonly action: string;
  readonly handler: RestHandler;
}

/** A service module exports one of these. */
export type ServiceHandlers =
  | {readonly protocol: 'awsQuery'; readonly signingName: string; readonly actionPrefix: string; readonly operations: Readonly<Record<string, QueryHandler>>}
  | {readonly protocol: 'awsJson1_1'; readonly signingName: string; readonly targetPrefix: string; readonly actionPrefix: string; readonly operations: Readonly<Record<string, JsonHandler>>}
  | {readonly protocol: 'restJson1'; readonly signingName: string; readonly routes: readonly RestRoute[]};

/** What a wire module hands back to the HTTP server to write. */
export interface WireResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string | Uint8Array;
}

export type QueryService = Extract<ServiceHandlers, {protocol: 'awsQuery'}>;
export type JsonService = Extract<ServiceHandlers, {protocol: 'awsJson1_1'}>;
export type RestService = Extract<ServiceHandlers, {protocol: 'restJson1'}>;
