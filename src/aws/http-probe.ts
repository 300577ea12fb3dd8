// The one unsigned request to the API's own URL, to read what API Gateway itself answers
// (status, its error-type header, the first few KB of the body) as evidence.
import {AwsError} from './errors.js';
import type {ProbePort, ProbeRequest, ProbeResult} from './probe.js';

export interface HttpProbeOptions {
  /** Where execute-api URLs go instead of AWS (the sandbox); default AWS_ENDPOINT_URL. */
  readonly endpoint?: string;
  /** API Gateway gives up on an integration after 29-30 s; wait a little longer to see its 504/503. */
  readonly timeoutMs?: number;
  readonly fetchImpl?: typeof fetch;
}

const defaultTimeoutMs = 35_000;
const maxBodyBytes = 4096;
const headersWorthShowing = ['x-amzn-requestid', 'x-amzn-errortype', 'x-amz-apigw-id', 'apigw-requestid', 'content-type'];
const executeApiUrl = /^https:\/\/([a-z0-9]+)\.execute-api\.[a-z0-9-]+\.amazonaws\.com(?:\.cn)?(\/.*)?$/i;

export function createHttpProbe(options: HttpProbeOptions = {}): ProbePort {
  const endpoint = options.endpoint ?? configuredEndpoint();
  // Reading the global `fetch` loads Node's HTTP client (undici, ~10 ms): only when probing,
  // not while the app draws its first frame.
  const fetchImpl: typeof fetch = options.fetchImpl ?? ((input, init) => fetch(input, init));
  const timeoutMs = options.timeoutMs ?? defaultTimeoutMs;

  return {
    async probe(request: ProbeRequest): Promise<ProbeResult> {
      const requestedUrl = endpoint ? rewriteForEndpoint(request.url, endpoint) : request.url;
      const timeout = AbortSignal.timeout(timeoutMs);
      const signal = request.signal ? AbortSignal.any([request.signal, timeout]) : timeout;
      const started = performance.now();
      try {
        // Unsigned on purpose: this is what a browser or curl would see. No redirects: the
        // first answer is API Gateway's (or CloudFront's) own.
        const response = await fetchImpl(requestedUrl, {method: request.method, redirect: 'manual', signal});
        const body = await readCapped(response);
        const headers: Record<string, string> = {};
        for (const name of headersWorthShowing) {
          const value = response.headers.get(name);
          if (value !== null) headers[name] = value;
        }
        return {kind: 'response', requestedUrl, status: response.status, headers, body, elapsedMs: Math.round(performance.now() - started)};
      } catch (error) {
        if (request.signal?.aborted) throw new AwsError({kind: 'Cancelled', action: 'execute-api:Invoke', message: 'The request to the API was cancelled.'});
        if (timeout.aborted) {
          return {kind: 'failed', requestedUrl, reason: 'timeout', message: `No answer from ${hostOf(requestedUrl)} within ${Math.round(timeoutMs / 1000)} s.`};
        }
        return {kind: 'failed', requestedUrl, ...classifyFailure(error, hostOf(requestedUrl))};
      }
    },
  };
}

/**
 * The execute-api data plane is not an SDK service, so AWS defines no AWS_ENDPOINT_URL_<SERVICE>
 * variable for it; the global AWS_ENDPOINT_URL is the one hint that a local stand-in is in use.
 */
function configuredEndpoint(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS === 'true') return undefined;
  return env.AWS_ENDPOINT_URL || undefined;
}

/**
 * `https://API.execute-api.REGION.amazonaws.com/STAGE/PATH?Q` → `${endpoint}/_aws/execute-api/API/STAGE/PATH?Q`,
 * LocalStack's path form, which the sandbox serves. Other URLs (already local, custom domains) stay as they are.
 */
export function rewriteForEndpoint(url: string, endpoint: string): string {
  const match = executeApiUrl.exec(url);
  if (!match) return url;
  const [, apiId, rest = '/'] = match;
  return `${endpoint.replace(/\/+$/, '')}/_aws/execute-api/${apiId}${rest}`;
}

async function readCapped(response: Response): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < maxBodyBytes) {
      const {done, value} = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.byteLength;
    }
  } finally {
    // Stop downloading whatever is left; the first few KB are the evidence.
    await reader.cancel().catch(() => undefined);
  }
  const bytes = Buffer.concat(chunks).subarray(0, maxBodyBytes);
  return new TextDecoder('utf-8', {fatal: false}).decode(bytes);
}

type Failure = Pick<Extract<ProbeResult, {kind: 'failed'}>, 'reason' | 'message'>;

function classifyFailure(error: unknown, host: string): Failure {
  const cause = (error as {cause?: {code?: string; message?: string}} | undefined)?.cause;
  const code = cause?.code ?? (error as {code?: string} | undefined)?.code ?? '';
  const detail = cause?.message ?? (error instanceof Error ? error.message : String(error));
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return {reason: 'dns', message: `The host name ${host} does not resolve (${code}).`};
  if (code === 'ECONNREFUSED') return {reason: 'refused', message: `${host} refused the connection (ECONNREFUSED).`};
  if (code === 'ETIMEDOUT' || code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'UND_ERR_HEADERS_TIMEOUT') {
    return {reason: 'timeout', message: `Connecting to ${host} timed out (${code}).`};
  }
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' || code === 'EPIPE') {
    return {reason: 'reset', message: `${host} closed the connection before answering (${code}).`};
  }
  if (/^(ERR_TLS|ERR_SSL)|CERT|SELF_SIGNED|UNABLE_TO_VERIFY/.test(code) || /certificate|tls|ssl/i.test(detail)) {
    return {reason: 'tls', message: `TLS with ${host} failed: ${detail}${code ? ` (${code})` : ''}.`};
  }
  return {reason: 'other', message: `The request to ${host} failed: ${detail}${code ? ` (${code})` : ''}.`};
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
