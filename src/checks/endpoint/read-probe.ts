// Reads the one unsigned request sent to the API's own URL. API Gateway's answer is a hint,
// not the truth (gateway responses can be customised; aws-facts §5.2): the control plane
// decides, the probe is evidence and catches what the control plane cannot see (a route
// defined but never deployed, a host that does not resolve).
import type {ProbeResult} from '../../aws/probe.js';
import {sanitizeForTerminal, sanitizeLine} from '../../report/sanitize.js';
import type {Evidence} from '../findings.js';

export type ProbeVerdict =
  /** REST 403 MissingAuthenticationTokenException: no such route, or an unsigned call to an AWS_IAM route. */
  | 'missing-auth-token'
  /** 403 Forbidden: unknown stage or API (REST), an API key, a resource policy, an unsigned IAM route (HTTP). */
  | 'forbidden'
  /** HTTP API 404 {"message":"Not Found"}: no stage or route matched. */
  | 'not-found'
  | 'unauthorized'
  | 'throttled'
  /** 500/502: the integration (the Lambda) failed or could not be invoked. */
  | 'integration-failed'
  /** 503/504: the integration did not answer in time. */
  | 'integration-timeout'
  /** Any other answer from API Gateway or the integration behind it (2xx, 4xx of the app). */
  | 'answered'
  /** The host name does not resolve: the request never reaches API Gateway. */
  | 'host-not-found'
  /** No API Gateway answer (connection refused, an emulator that cannot serve the URL, …). */
  | 'inconclusive';

export interface ProbeReading {
  readonly verdict: ProbeVerdict;
  /** One sentence a newcomer understands. */
  readonly summary: string;
  readonly status?: number;
  readonly errorType?: string;
  readonly requestId?: string;
  readonly evidence: Evidence;
}

const gatewayMessages = /^(Missing Authentication Token|Forbidden|Not Found|Internal server error|Internal Server Error|Endpoint request timed out|Service Unavailable|Unauthorized|Too Many Requests|Limit Exceeded)$/i;

function messageOf(body: string): string | undefined {
  try {
    const parsed: unknown = JSON.parse(body);
    if (typeof parsed === 'object' && parsed !== null) {
      const record = parsed as Record<string, unknown>;
      const message = record.message ?? record.Message;
      return typeof message === 'string' ? message : undefined;
    }
  } catch {
    // Not JSON: an HTML page or plain text, so not one of API Gateway's own error bodies.
  }
  return undefined;
}

function evidenceOf(result: ProbeResult, method: string): Evidence {
  if (result.kind === 'failed') {
    return {kind: 'http', label: 'Probe request', text: sanitizeForTerminal(`${method} ${result.requestedUrl}\n→ no response (${result.reason}): ${result.message}`)};
  }
  const headers = Object.entries(result.headers).map(([name, value]) => `${name}: ${value}`);
  const body = result.body.length > 600 ? `${result.body.slice(0, 600)}…` : result.body;
  return {
    kind: 'http',
    label: 'Probe response',
    text: sanitizeForTerminal([`${method} ${result.requestedUrl}`, `→ HTTP ${result.status} (${result.elapsedMs} ms)`, ...headers, '', body].join('\n').trimEnd()),
  };
}

function statusVerdict(status: number, message: string | undefined, errorType: string | undefined): ProbeVerdict {
  if (status === 403 && (errorType === 'MissingAuthenticationTokenException' || /^Missing Authentication Token$/i.test(message ?? ''))) return 'missing-auth-token';
  if (status === 403) return 'forbidden';
  if (status === 404 && /^Not Found$/i.test(message ?? '')) return 'not-found';
  if (status === 401) return 'unauthorized';
  if (status === 429) return 'throttled';
  if (status === 500 || status === 502) return 'integration-failed';
  if (status === 503 || status === 504) return 'integration-timeout';
  return 'answered';
}

const summaries: Record<ProbeVerdict, string> = {
  'missing-auth-token': 'API Gateway answered 403 "Missing Authentication Token": it found no route for this path and verb, or the route needs a SigV4-signed (AWS_IAM) request and the probe is unsigned.',
  forbidden: 'API Gateway answered 403 Forbidden: typical of a stage or API it does not know, a required API key, a resource policy, or (HTTP APIs) an unsigned call to an AWS_IAM route.',
  'not-found': 'API Gateway answered 404 Not Found: no stage or route of this HTTP API matched.',
  unauthorized: 'API Gateway answered 401 Unauthorized: an authorizer (Cognito, JWT or Lambda) rejected the unsigned probe.',
  throttled: 'API Gateway answered 429: the request was throttled.',
  'integration-failed': 'API Gateway answered with a 5xx error for the integration: the Lambda failed, returned a malformed response, or API Gateway may not invoke it. The logs stage looks at why.',
  'integration-timeout': 'API Gateway gave up waiting for the integration (503/504): the Lambda was too slow. The timeouts stage compares the limits.',
  answered: 'The URL answered; the route reached its integration.',
  'host-not-found': 'The host name does not resolve, so the request never reaches API Gateway: check the API id and region in the URL.',
  inconclusive: 'The probe was inconclusive: API Gateway did not answer it, so this verdict rests on the control plane (what AWS says is deployed).',
};

export function readProbe(result: ProbeResult, method: string, url: string): ProbeReading {
  const reading = readAnswer(result, method);
  if (result.requestedUrl === url) return reading;
  // AWS_ENDPOINT_URL sends the probe to a local stand-in, which sees the API id and path only.
  const note = ` The probe went to ${sanitizeLine(result.requestedUrl)} instead of the URL itself, so the URL's host and region played no part in this answer.`;
  return {...reading, summary: reading.summary + note};
}

function readAnswer(result: ProbeResult, method: string): ProbeReading {
  const evidence = evidenceOf(result, method);
  if (result.kind === 'failed') {
    const verdict = result.reason === 'dns' ? 'host-not-found' : 'inconclusive';
    return {verdict, summary: verdict === 'inconclusive' ? `${summaries.inconclusive} (${sanitizeLine(result.reason)}: ${sanitizeLine(result.message)})` : summaries[verdict], evidence};
  }
  const errorType = result.headers['x-amzn-errortype']?.split(':')[0];
  const requestId = result.headers['x-amzn-requestid'] ?? result.headers['apigw-requestid'];
  const message = messageOf(result.body);
  // x-amzn-RequestId alone proves nothing: every AWS service (and moto's S3 fallback) sends it.
  const gatewayHeader = errorType !== undefined || result.headers['x-amz-apigw-id'] !== undefined || result.headers['apigw-requestid'] !== undefined;
  const fromApiGateway = gatewayHeader || gatewayMessages.test(message ?? '');
  if (!fromApiGateway) {
    return {verdict: 'inconclusive', status: result.status, summary: `${summaries.inconclusive} (HTTP ${result.status} without API Gateway's headers or error body)`, evidence};
  }
  const verdict = statusVerdict(result.status, message, errorType);
  return {verdict, summary: summaries[verdict], status: result.status, errorType: errorType && sanitizeLine(errorType), requestId: requestId && sanitizeLine(requestId), evidence};
}
