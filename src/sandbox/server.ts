// The sandbox's HTTP server: one port that answers every AWS service the tool calls (by
// protocol: REST paths, X-Amz-Target, form-encoded Query) and the API's own URL (the data
// plane). It owns what is common to every call: the SigV4 credential scope (region, and the
// service for Query), the unsigned-request rejection, operation names for call counting and
// faults, latency, and turning a thrown SandboxError into the protocol's error body.
import {randomUUID} from 'node:crypto';
import {createServer, type IncomingMessage, type ServerResponse} from 'node:http';
import type {AddressInfo} from 'node:net';
import {setTimeout as sleep} from 'node:timers/promises';
import {answerDataPlane, dataPlaneTarget} from './data-plane.js';
import {FaultPlan, unsupportedOperationPage, type FaultOutcome} from './faults.js';
import {codePackageResponse} from './lambda-code.js';
import {SandboxError, type HandlerContext, type Protocol, type WireResponse} from './protocol.js';
import type {FaultSpec, Scenario} from './scenario.js';
import {serviceRegistry} from './services/index.js';
import {createState, type SandboxState} from './state.js';
import {encodeRestError, findRestRoute, serveRest} from './wire/rest.js';

export interface SandboxOptions {
  readonly scenario: Scenario;
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** Default 0: any free port. */
  readonly port?: number;
  /** Added to every call. */
  readonly latencyMs?: number;
  readonly faults?: readonly FaultSpec[];
  /** The moment the scenario is loaded (log event times are relative to it). */
  readonly now?: number;
}

export interface SandboxCall {
  readonly action: string;
  readonly region: string;
}

export interface RunningSandbox {
  /** e.g. http://127.0.0.1:4566 */
  readonly endpoint: string;
  readonly port: number;
  readonly state: SandboxState;
  /** Every AWS call answered, in order (the data plane counts as execute-api:Invoke). */
  readonly calls: ReadonlyArray<SandboxCall>;
  setFaults(faults: readonly FaultSpec[]): void;
  stop(): Promise<void>;
}

interface CredentialScope {
  readonly region: string;
  readonly service: string;
}

function credentialScope(authorization: string | undefined): CredentialScope | undefined {
  const match = /Credential=[^/,\s]+\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request/.exec(authorization ?? '');
  return match ? {region: match[1]!, service: match[2]!} : undefined;
}

/** One control-plane call, resolved to its protocol and operation before it runs. */
interface ResolvedCall {
  readonly protocol: Protocol;
  readonly action: string;
  readonly hasPageToken: boolean;
  /** What an access-denied message names as the resource. */
  readonly resource: (ctx: HandlerContext) => string;
  readonly run: (ctx: HandlerContext) => WireResponse;
  readonly encodeError: (error: SandboxError, requestId: string) => WireResponse;
  /** Cognito's GetId / GetCredentialsForIdentity are sent without a signature. */
  readonly noAuth?: boolean;
}

const pageTokenKeys = ['position', 'nextToken', 'NextToken', 'Marker', 'marker'];
const unsignedCognitoOperations = new Set(['GetId', 'GetCredentialsForIdentity', 'GetOpenIdToken']);

function genericResource(service: string, ctx: HandlerContext): string {
  const region = service === 'iam' || service === 'sts' ? '' : ctx.region;
  return `arn:aws:${service}:${region}:${ctx.accountId}:*`;
}

function resolveRest(method: string, url: URL, body: string): ResolvedCall | {error: SandboxError; protocol: 'restJson1'} {
  const path = url.pathname;
  const match = findRestRoute(serviceRegistry.rest, method, path);
  if (!match) return {protocol: 'restJson1', error: new SandboxError('UnknownOperationException', 'Unknown operation', 404)};
  return {
    protocol: 'restJson1',
    action: match.route.action,
    hasPageToken: pageTokenKeys.some((key) => url.searchParams.has(key)),
    resource: (ctx) =>
      match.service.signingName === 'lambda'
        ? `arn:aws:lambda:${ctx.region}:${ctx.accountId}:function:${match.params.FunctionName ?? '*'}`
        : `arn:aws:apigateway:${ctx.region}::${path.replace(/^\/v2/, '')}`,
    run: (ctx) => serveRest(match, {method, path, query: url.searchParams, body}, ctx),
    encodeError: (error, requestId) => encodeRestError(error, requestId, match.service),
  };
}

function resolveJson(target: string, body: string): ResolvedCall | {error: SandboxError; protocol: 'awsJson1_1'} {
  const json = serviceRegistry.json;
  const [prefix = '', operation = ''] = target.split('.');
  const service = json?.services.find((candidate) => candidate.targetPrefix === prefix);
  if (!json || !service || !Object.hasOwn(service.operations, operation)) {
    return {protocol: 'awsJson1_1', error: new SandboxError('UnknownOperationException', `Unknown operation ${target}`, 400)};
  }
  let hasPageToken = false;
  try {
    const input = JSON.parse(body || '{}') as Record<string, unknown>;
    hasPageToken = pageTokenKeys.some((key) => typeof input[key] === 'string');
  } catch {
    // The wire module reports the malformed body; the page count does not matter then.
  }
  return {
    protocol: 'awsJson1_1',
    action: `${service.actionPrefix}:${operation}`,
    hasPageToken,
    noAuth: service.signingName === 'cognito-identity' && unsignedCognitoOperations.has(operation),
    resource: (ctx) => genericResource(service.actionPrefix, ctx),
    run: (ctx) => json.serve(service, operation, body, ctx),
    encodeError: json.encodeError,
  };
}

function resolveQuery(form: URLSearchParams, scope: CredentialScope | undefined): ResolvedCall | {error: SandboxError; protocol: 'awsQuery'} {
  const query = serviceRegistry.query;
  const action = form.get('Action') ?? '';
  const service = query?.services.find((candidate) => candidate.signingName === scope?.service) ?? query?.services[0];
  if (!query || !service || !Object.hasOwn(service.operations, action)) {
    const version = form.get('Version') ?? '';
    return {protocol: 'awsQuery', error: new SandboxError('InvalidAction', `Could not find operation ${action} for version ${version}`, 400)};
  }
  return {
    protocol: 'awsQuery',
    action: `${service.actionPrefix}:${action}`,
    hasPageToken: pageTokenKeys.some((key) => form.has(key)),
    resource: (ctx) => genericResource(service.actionPrefix, ctx),
    run: (ctx) => query.serve(service, form, ctx),
    encodeError: query.encodeError,
  };
}

function encodeProtocolError(protocol: Protocol, error: SandboxError, requestId: string): WireResponse {
  if (protocol === 'awsQuery' && serviceRegistry.query) return serviceRegistry.query.encodeError(error, requestId);
  if (protocol === 'awsJson1_1' && serviceRegistry.json) return serviceRegistry.json.encodeError(error, requestId);
  return encodeRestError(error, requestId);
}

function missingAuthentication(protocol: Protocol): SandboxError {
  if (protocol === 'restJson1') return new SandboxError('MissingAuthenticationTokenException', 'Missing Authentication Token', 403);
  if (protocol === 'awsJson1_1') return new SandboxError('MissingAuthenticationTokenException', 'Missing Authentication Token', 400);
  return new SandboxError('MissingAuthenticationToken', 'Request is missing Authentication Token', 403);
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function send(response: ServerResponse, wire: WireResponse, requestId: string): void {
  response.writeHead(wire.status, {...wire.headers, 'x-amzn-requestid': requestId});
  response.end(wire.body);
}

export async function startSandbox(options: SandboxOptions): Promise<RunningSandbox> {
  const state = createState(options.scenario, options.now);
  const faults = new FaultPlan(options.faults);
  const calls: SandboxCall[] = [];
  const host = options.host ?? '127.0.0.1';
  let endpoint = '';

  async function controlPlane(request: IncomingMessage, url: URL, body: string, requestId: string): Promise<WireResponse | 'drop'> {
    const method = request.method ?? 'GET';
    const scope = credentialScope(request.headers.authorization);
    const target = request.headers['x-amz-target'];
    const isPostRoot = method === 'POST' && url.pathname === '/';
    const resolved =
      isPostRoot && typeof target === 'string'
        ? resolveJson(target, body)
        : isPostRoot
          ? resolveQuery(new URLSearchParams(body), scope)
          : resolveRest(method, url, body);
    const ctx: HandlerContext = {state, region: scope?.region ?? options.scenario.region, accountId: options.scenario.accountId, baseUrl: endpoint, requestId};
    if (!scope && !('action' in resolved && resolved.noAuth)) return encodeProtocolError(resolved.protocol, missingAuthentication(resolved.protocol), requestId);
    if ('error' in resolved) return encodeProtocolError(resolved.protocol, resolved.error, requestId);

    calls.push({action: resolved.action, region: ctx.region});
    const {delayMs, outcome} = faults.take({
      action: resolved.action,
      protocol: resolved.protocol,
      hasPageToken: resolved.hasPageToken,
      accountId: ctx.accountId,
      resource: resolved.resource(ctx),
    });
    if (delayMs > 0) await sleep(delayMs);
    return runWithFault(resolved, outcome, ctx);
  }

  function runWithFault(resolved: ResolvedCall, outcome: FaultOutcome, ctx: HandlerContext): WireResponse | 'drop' {
    if (outcome.kind === 'drop') return 'drop';
    if (outcome.kind === 'unsupported') return unsupportedOperationPage();
    try {
      if (outcome.kind === 'error') throw outcome.error;
      return resolved.run(ctx);
    } catch (error) {
      const sandboxError = error instanceof SandboxError ? error : new SandboxError('InternalFailure', `The sandbox failed: ${String(error)}`, 500);
      return resolved.encodeError(sandboxError, ctx.requestId);
    }
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const body = await readBody(request);
    const requestId = randomUUID();
    const url = new URL(request.url ?? '/', 'http://sandbox.invalid');
    if (options.latencyMs) await sleep(options.latencyMs);

    const dataPlane = dataPlaneTarget(request.headers.host ?? '', url.pathname);
    if (dataPlane) {
      const answer = answerDataPlane(state, dataPlane, {method: request.method ?? 'GET', headers: request.headers, query: url.searchParams, body, requestId});
      calls.push({action: 'execute-api:Invoke', region: answer.region});
      send(response, answer.response, requestId);
      return;
    }
    if (request.method === 'GET' && url.pathname.startsWith('/_sandbox/code/')) {
      send(response, codePackageResponse(state, url.pathname), requestId);
      return;
    }
    const answer = await controlPlane(request, url, body, requestId);
    if (answer === 'drop') request.socket.destroy();
    else send(response, answer, requestId);
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(500, {'content-type': 'text/plain'});
      response.end(`sandbox failure: ${String(error)}`);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  endpoint = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

  return {
    endpoint,
    port,
    state,
    calls,
    setFaults: (next) => faults.set(next),
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
