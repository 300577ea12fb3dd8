// Builders for log lines exactly as Lambda (text format) and API Gateway execution logging
// write them (shared/aws-facts.md §5.5, §6.1, §6.2). Lambda's raw events end in "\n" as
// CloudWatch stores them; API Gateway's execution lines start with "(requestId) ".

export function isoAt(now: number, agoMs: number): string {
  return new Date(now - agoMs).toISOString();
}

// ---- Lambda (text format) ------------------------------------------------------------

export interface LambdaError {
  readonly errorType: string;
  readonly errorMessage: string;
  readonly stack: readonly string[];
}

export interface ReportFields {
  readonly requestId: string;
  readonly durationMs: number;
  /** Defaults to the duration rounded up to the millisecond; a timeout bills the configured limit. */
  readonly billedDurationMs?: number;
  readonly memorySizeMb: number;
  readonly maxMemoryUsedMb: number;
  /** Only on the first invocation of a new execution environment. */
  readonly initDurationMs?: number;
  readonly status?: 'timeout' | 'error';
  readonly errorType?: string;
}

export const lambdaLine = {
  initStart: (region: string, runtimeHash: string): string =>
    `INIT_START Runtime Version: nodejs:20.v43\tRuntime Version ARN: arn:aws:lambda:${region}::runtime:${runtimeHash}\n`,
  start: (requestId: string): string => `START RequestId: ${requestId} Version: $LATEST\n`,
  /** console.log/console.error inside the handler. */
  app: (iso: string, requestId: string, level: 'INFO' | 'WARN' | 'ERROR', message: string): string => `${iso}\t${requestId}\t${level}\t${message}\n`,
  /** What the Node runtime client logs when the handler throws or rejects. */
  invokeError: (iso: string, requestId: string, error: LambdaError): string =>
    `${iso}\t${requestId}\tERROR\tInvoke Error \t${JSON.stringify({errorType: error.errorType, errorMessage: error.errorMessage, stack: error.stack})}\n`,
  timedOut: (iso: string, requestId: string, timeoutSeconds: number): string => `${iso} ${requestId} ${timeoutMessage(timeoutSeconds)}\n`,
  end: (requestId: string): string => `END RequestId: ${requestId}\n`,
  report: (r: ReportFields): string => {
    const fields = [
      `REPORT RequestId: ${r.requestId}`,
      `Duration: ${r.durationMs.toFixed(2)} ms`,
      `Billed Duration: ${r.billedDurationMs ?? Math.ceil(r.durationMs)} ms`,
      `Memory Size: ${r.memorySizeMb} MB`,
      `Max Memory Used: ${r.maxMemoryUsedMb} MB`,
      ...(r.initDurationMs === undefined ? [] : [`Init Duration: ${r.initDurationMs.toFixed(2)} ms`]),
      ...(r.status === undefined ? [] : [`Status: ${r.status}`]),
      ...(r.errorType === undefined ? [] : [`Error Type: ${r.errorType}`]),
    ];
    return `${fields.join('\t')}\t\n`;
  },
};

/** Lambda rounds the reported timeout to two decimals past the configured seconds. */
export function timeoutMessage(timeoutSeconds: number): string {
  return `Task timed out after ${(timeoutSeconds + 0.01).toFixed(2)} seconds`;
}

// ---- API Gateway REST execution log ---------------------------------------------------

export interface ExecutionRequest {
  readonly requestId: string;
  readonly extendedRequestId: string;
  readonly apiId: string;
  readonly stage: string;
  readonly region: string;
  readonly accountId: string;
  readonly method: string;
  readonly resourcePath: string;
  readonly path: string;
  readonly pathParameters: Readonly<Record<string, string>>;
  readonly functionArn: string;
  readonly lambdaRequestId: string;
  readonly integrationLatencyMs: number;
  /** What Lambda answered API Gateway with (the proxy response, or the error payload). */
  readonly lambdaResponseBody: string;
  /** Set when the function failed: the errorMessage API Gateway quotes. */
  readonly functionError?: string;
  readonly methodStatus: number;
  readonly requestBody?: string;
}

function javaMap(entries: Readonly<Record<string, string>>): string {
  return `{${Object.entries(entries)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ')}}`;
}

/** The per-request lines, in order, each prefixed with "(requestId) ". */
export function executionLogLines(r: ExecutionRequest): string[] {
  const lambdaUri = `https://lambda.${r.region}.amazonaws.com/2015-03-31/functions/${r.functionArn}/invocations`;
  const methodKey = `${r.method} ${r.resourcePath}`;
  const sourceArn = `arn:aws:execute-api:${r.region}:${r.accountId}:${r.apiId}/${r.stage}/${r.method}${r.resourcePath}`;
  const body = r.lambdaResponseBody;
  const lines = [
    `Extended Request Id: ${r.extendedRequestId}`,
    `Verifying Usage Plan for request: ${r.requestId}. API Key:  API Stage: ${r.apiId}/${r.stage}`,
    `API Key  authorized because method '${methodKey}' does not require API Key. Request will not contribute to throttle or quota limits`,
    `Usage Plan check succeeded for API Key  and API Stage ${r.apiId}/${r.stage}`,
    `Starting execution for request: ${r.requestId}`,
    `HTTP Method: ${r.method}, Resource Path: ${r.path}`,
    `Method request path: ${javaMap(r.pathParameters)}`,
    `Method request query string: {}`,
    `Method request headers: {Accept=application/json, Authorization=*********************************************************************************4a9e1b, Host=${r.apiId}.execute-api.${r.region}.amazonaws.com, User-Agent=aws-amplify/6.0.9 api/1 framework/1, X-Amz-Date=****, X-Amz-Security-Token=****}`,
    `Method request body before transformations: ${r.requestBody ?? ''}`,
    `Endpoint request URI: ${lambdaUri}`,
    `Endpoint request headers: {X-Amz-Date=****, x-amzn-apigateway-api-id=${r.apiId}, Accept=application/json, User-Agent=AmazonAPIGateway_${r.apiId}, X-Amz-Security-Token=**** [TRUNCATED], Host=lambda.${r.region}.amazonaws.com, X-Amz-Source-Arn=${sourceArn}, x-amzn-lambda-integration-tag=${r.requestId}, Authorization=****}`,
    `Endpoint request body after transformations: {"resource":"${r.resourcePath}","path":"${r.path}","httpMethod":"${r.method}", [TRUNCATED]`,
    `Sending request to ${lambdaUri}`,
    `Received response. Status: 200, Integration latency: ${r.integrationLatencyMs} ms`,
    `Endpoint response headers: {Date=****, Content-Type=application/json, Content-Length=${body.length}, Connection=keep-alive, x-amzn-RequestId=${r.lambdaRequestId}${r.functionError === undefined ? '' : ', X-Amz-Function-Error=Unhandled'}, X-Amzn-Trace-Id=****}`,
    `Endpoint response body before transformations: ${body}`,
  ];
  if (r.functionError !== undefined) {
    lines.push(`Lambda execution failed with status 200 due to customer function error: ${r.functionError}. Lambda request id: ${r.lambdaRequestId}`);
  } else {
    lines.push(
      `Method response body after transformations: ${safeProxyBody(body)}`,
      `Method response headers: {content-type=application/json, X-Amzn-Trace-Id=****}`,
      `Successfully completed execution`,
    );
  }
  lines.push(`Method completed with status: ${r.methodStatus}`);
  return lines.map((line) => `(${r.requestId}) ${line}`);
}

function safeProxyBody(proxyResponse: string): string {
  const parsed = JSON.parse(proxyResponse) as {body?: string};
  return parsed.body ?? '';
}

// ---- API Gateway access log (JSON format) -----------------------------------------------

export const accessLogFormat = JSON.stringify({
  requestId: '$context.requestId',
  ip: '$context.identity.sourceIp',
  caller: '$context.identity.caller',
  requestTime: '$context.requestTime',
  httpMethod: '$context.httpMethod',
  resourcePath: '$context.resourcePath',
  status: '$context.status',
  protocol: '$context.protocol',
  responseLength: '$context.responseLength',
  integrationLatency: '$context.integration.latency',
  integrationError: '$context.integration.error',
});

export interface AccessLogFields {
  readonly requestId: string;
  readonly sourceIp: string;
  readonly caller: string;
  readonly requestTimeEpochMs: number;
  readonly method: string;
  readonly resourcePath: string;
  readonly status: number;
  readonly responseLength: number;
  readonly integrationLatencyMs: number;
  readonly integrationError?: string;
}

/** $context.requestTime is CLF-style: 26/Nov/2026:08:12:31 +0000. */
function clfTime(epochMs: number): string {
  const d = new Date(epochMs);
  const month = d.toLocaleString('en-US', {month: 'short', timeZone: 'UTC'});
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${pad(d.getUTCDate())}/${month}/${d.getUTCFullYear()}:${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000`;
}

export function accessLogLine(f: AccessLogFields): string {
  return JSON.stringify({
    requestId: f.requestId,
    ip: f.sourceIp,
    caller: f.caller,
    requestTime: clfTime(f.requestTimeEpochMs),
    httpMethod: f.method,
    resourcePath: f.resourcePath,
    status: String(f.status),
    protocol: 'HTTP/1.1',
    responseLength: String(f.responseLength),
    integrationLatency: String(f.integrationLatencyMs),
    integrationError: f.integrationError ?? '-',
  });
}
