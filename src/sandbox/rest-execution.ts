// A REST API method's integration as API Gateway runs it once routing and authorisation are
// done: the response the client gets and the execution log lines it writes (the same lines
// TestInvokeMethod returns and CloudWatch's API-Gateway-Execution-Logs group receives).
import {functionFromIntegrationUri} from './lambda-functions.js';
import {invokeFunction, type Invocation} from './lambda-invoke.js';
import {matchPath} from './route-match.js';
import type {MethodSeed, ResourceSeed} from './scenario.js';
import type {SandboxState} from './state.js';

export const defaultRestIntegrationTimeoutMs = 29_000;

export interface RestExecutionInput {
  readonly resource: ResourceSeed;
  readonly httpMethod: string;
  readonly method: MethodSeed;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  readonly requestId: string;
  /** arn:aws:execute-api:REGION:ACCOUNT:API/STAGE/VERB/PATH, what Lambda's resource policy sees. */
  readonly sourceArn: string;
}

export interface RestExecution {
  readonly status: number;
  readonly body: string;
  /** Gateway-generated errors carry x-amzn-ErrorType. */
  readonly headers: Readonly<Record<string, string>>;
  readonly log: readonly string[];
  readonly latencyMs: number;
}

function gatewayError(status: number, message: string, errorType: string, log: string[], latencyMs: number): RestExecution {
  log.push(`Method completed with status: ${status}`);
  return {status, body: JSON.stringify({message}), headers: {'content-type': 'application/json', 'x-amzn-errortype': errorType}, log, latencyMs};
}

function lambdaOutcome(invocation: Invocation, proxy: boolean, log: string[]): RestExecution {
  switch (invocation.kind) {
    case 'not-invocable':
      log.push(`Execution failed due to configuration error: ${invocation.reason}`);
      return gatewayError(500, 'Internal server error', 'InternalServerErrorException', log, 12);
    case 'integration-timeout':
      log.push('Execution failed due to a timeout error');
      return gatewayError(504, 'Endpoint request timed out', 'InternalServerErrorException', log, invocation.waitedMs);
    case 'function-error': {
      const errorBody = JSON.stringify({errorType: invocation.errorType, errorMessage: invocation.errorMessage, trace: []});
      log.push(`Received response. Status: 200, Integration latency: ${invocation.durationMs} ms`);
      log.push(`Endpoint response body before transformations: ${errorBody}`);
      if (!proxy) {
        log.push(`Method response body after transformations: ${errorBody}`, 'Successfully completed execution', 'Method completed with status: 200');
        return {status: 200, body: errorBody, headers: {'content-type': 'application/json'}, log, latencyMs: invocation.durationMs};
      }
      log.push(`Lambda execution failed with status 200 due to customer function error: ${invocation.errorMessage}. Lambda request id: ${invocation.lambdaRequestId}`);
      return gatewayError(502, 'Internal server error', 'InternalServerErrorException', log, invocation.durationMs);
    }
    case 'ok': {
      const proxyResponse = JSON.stringify({statusCode: invocation.statusCode, body: invocation.body});
      log.push(`Received response. Status: 200, Integration latency: ${invocation.durationMs} ms`);
      log.push(`Endpoint response body before transformations: ${proxyResponse}`);
      const status = proxy ? invocation.statusCode : 200;
      const body = proxy ? invocation.body : proxyResponse;
      log.push(`Method response body after transformations: ${body}`, 'Successfully completed execution', `Method completed with status: ${status}`);
      return {status, body, headers: {'content-type': 'application/json'}, log, latencyMs: invocation.durationMs + 8};
    }
  }
}

export function executeRestMethod(state: SandboxState, input: RestExecutionInput): RestExecution {
  const log = [
    `Starting execution for request: ${input.requestId}`,
    `HTTP Method: ${input.httpMethod}, Resource Path: ${input.resource.path}`,
    `Method request path: {${Object.entries(matchPath(input.resource.path, input.path) ?? {}).map(([key, value]) => `${key}=${value}`).join(', ')}}`,
    `Method request query string: {${[...input.query].map(([key, value]) => `${key}=${value}`).join(', ')}}`,
    `Method request headers: {${Object.entries(input.headers).map(([key, value]) => `${key}=${value}`).join(', ')}}`,
    `Method request body before transformations: ${input.body}`,
  ];
  const integration = input.method.integration;
  if (!integration) {
    log.push('Execution failed due to configuration error: No integration defined for method');
    return gatewayError(500, 'Internal server error', 'InternalServerErrorException', log, 1);
  }
  if (integration.type === 'MOCK') {
    log.push('Method completed with status: 200');
    return {status: 200, body: '', headers: {'content-type': 'application/json'}, log, latencyMs: 1};
  }
  if (integration.type !== 'AWS_PROXY' && integration.type !== 'AWS') {
    log.push(`Execution failed due to configuration error: the sandbox does not reach ${integration.type} backends (${integration.uri ?? 'no uri'})`);
    return gatewayError(500, 'Internal server error', 'InternalServerErrorException', log, 1);
  }
  const uri = integration.uri ?? '';
  const functionArn = /functions\/([^/]+)\/invocations/.exec(uri)?.[1] ?? uri;
  const region = /^arn:aws[a-z-]*:apigateway:([a-z0-9-]+):/.exec(uri)?.[1] ?? 'us-east-1';
  log.push(`Endpoint request URI: https://lambda.${region}.amazonaws.com/2015-03-31/functions/${functionArn}/invocations`);
  log.push(`Sending request to https://lambda.${region}.amazonaws.com/2015-03-31/functions/${functionArn}/invocations`);
  const invocation = invokeFunction(state, functionFromIntegrationUri(state, uri), integration.timeoutInMillis ?? defaultRestIntegrationTimeoutMs, input.sourceArn);
  return lambdaOutcome(invocation, integration.type === 'AWS_PROXY', log);
}

/** Execution log text as TestInvokeMethod returns it: one timestamped line each. */
export function formatExecutionLog(requestId: string, lines: readonly string[], at: Date): string {
  const stamp = at.toUTCString().replace(/^(\w+), (\d+) (\w+) (\d+) ([\d:]+) GMT$/, '$1 $3 $2 $5 UTC $4');
  return [`Execution log for request ${requestId}`, ...lines.map((line) => `${stamp} : ${line}`)].join('\n') + '\n';
}
