// Every SDK failure becomes one AwsError whose message says what happened and what to do.
// The SDK has already retried (throttling, 5xx, resets) by the time an error reaches here.
// Messages carry AWS's own text (sanitised, shortened, secrets redacted), never credentials.
import {sanitizeLine} from '../report/sanitize.js';
import {AwsError, type AwsErrorKind} from './errors.js';

export interface ErrorContext {
  /** The --profile in use, so the advice can name it (`aws sso login --profile X`). */
  readonly profile?: string;
}

/** What an SDK error (ServiceException, CredentialsProviderError, Node socket error) may carry. */
interface SdkErrorShape {
  name?: string;
  message?: string;
  code?: string;
  Code?: string;
  hostname?: string;
  address?: string;
  port?: number;
  $metadata?: {httpStatusCode?: number; requestId?: string; attempts?: number};
  $response?: {headers?: Record<string, string | undefined>};
  [requestHostKey]?: string;
}

const requestHostKey = Symbol('apigw-doctor.requestHost');

const notFoundCodes = new Set(['NotFoundException', 'ResourceNotFoundException', 'NoSuchEntity', 'NoSuchEntityException', 'NotFound']);
const accessDeniedCodes = new Set(['AccessDenied', 'AccessDeniedException', 'UnauthorizedOperation', 'NotAuthorizedException', 'AuthorizationError']);
const throttlingCodes = new Set(['Throttling', 'ThrottlingException', 'TooManyRequestsException', 'RequestLimitExceeded', 'ThrottledException', 'SlowDown']);
const expiredCodes = new Set(['ExpiredToken', 'ExpiredTokenException', 'RequestExpired', 'TokenRefreshRequired']);
const rejectedCredentialCodes = new Set(['InvalidClientTokenId', 'UnrecognizedClientException', 'SignatureDoesNotMatch', 'InvalidSignatureException', 'IncompleteSignature', 'InvalidAccessKeyId']);
const unknownOperationCodes = new Set(['InvalidAction', 'UnknownOperationException', 'UnknownOperation', 'NotImplemented', 'NotImplementedException']);
const networkCodes: Record<string, string> = {
  ECONNREFUSED: 'the connection was refused',
  ENOTFOUND: 'the host name does not resolve',
  EAI_AGAIN: 'DNS lookup failed (temporary)',
  ECONNRESET: 'the connection was reset',
  EPIPE: 'the connection was closed while sending',
  ETIMEDOUT: 'the connection timed out',
  EHOSTUNREACH: 'the host is unreachable',
  ENETUNREACH: 'the network is unreachable',
};

type Handler = (args: {request: unknown}) => Promise<unknown>;
type AddBuildMiddleware = (middleware: (next: Handler) => Handler, options: {step: 'build'; name: string}) => void;

/** The part of an SDK client this module touches (its `add` is heavily overloaded, hence never[]). */
export interface ClientWithMiddleware {
  middlewareStack: {add(...args: never[]): void};
}

/**
 * Adds a small middleware that remembers which host a failed request went to, so a network
 * error can name it (Node's reset/timeout errors do not). Runs after endpoint resolution.
 */
export function recordRequestHost(client: ClientWithMiddleware): void {
  const add = client.middlewareStack.add.bind(client.middlewareStack) as AddBuildMiddleware;
  add(
    (next) => async (args) => {
      try {
        return await next(args);
      } catch (error) {
        const request = args.request as {hostname?: string; port?: number} | undefined;
        if (error && typeof error === 'object' && request?.hostname && !(requestHostKey in error)) {
          const host = request.port ? `${request.hostname}:${request.port}` : request.hostname;
          Object.defineProperty(error, requestHostKey, {value: host, enumerable: false});
        }
        throw error;
      }
    },
    {step: 'build', name: 'apigwDoctorRecordRequestHost'},
  );
}

/** Runs one SDK call and turns any failure into an AwsError. */
export async function callAws<T>(action: string, context: ErrorContext, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw toAwsError(error, action, context);
  }
}

export function toAwsError(error: unknown, action: string, context: ErrorContext = {}): AwsError {
  if (error instanceof AwsError) return error;
  const e: SdkErrorShape = error && typeof error === 'object' ? (error as SdkErrorShape) : {message: String(error)};
  const code = e.name ?? e.Code ?? 'Error';
  const status = e.$metadata?.httpStatusCode;
  const requestId = e.$metadata?.requestId;
  const awsText = shortText(e.message ?? '');
  const make = (kind: AwsErrorKind, message: string) =>
    new AwsError({kind, action, message: redactSecrets(message), code, httpStatus: status, requestId});

  if (code === 'AbortError') return make('Cancelled', `${action} was cancelled.`);

  if (code === 'CredentialsProviderError' || code === 'TokenProviderError') return credentialsProviderError(awsText, action, context, make);

  const socketCode = e.code && networkCodes[e.code] ? e.code : undefined;
  if (socketCode || code === 'TimeoutError' || /socket hang up/i.test(awsText)) {
    const host = e[requestHostKey] ?? e.hostname ?? (e.address ? `${e.address}${e.port ? `:${e.port}` : ''}` : undefined);
    const what = socketCode ? `${networkCodes[socketCode]} (${socketCode})` : code === 'TimeoutError' ? `the request timed out (${awsText})` : 'the connection was dropped (socket hang up)';
    const endpointNote = endpointOverrideNote();
    return make('Network', `Could not reach ${host ?? `the ${serviceOf(action)} endpoint`} for ${action}: ${what}. Check your network or proxy${endpointNote}.`);
  }

  if (isHtmlAnswer(e) || unknownOperationCodes.has(code)) {
    return make('Unsupported', `The endpoint does not offer ${action}: it answered HTTP ${status ?? '?'} ${unknownOperationCodes.has(code) ? `(${code})` : 'with an HTML page instead of an AWS response'}. An emulator may lack this operation.`);
  }

  if (expiredCodes.has(code) || /sso.*(expired|invalid)|token.*expired/i.test(awsText)) {
    return make('CredentialsExpired', `Your AWS credentials have expired (${code}) while calling ${action}. ${refreshAdvice(context)}`);
  }
  if (rejectedCredentialCodes.has(code)) {
    return make(
      'CredentialsExpired',
      `AWS rejected your credentials (${code}) while calling ${action}: the access key is unknown, the secret does not match, or the clock is off. ${refreshAdvice(context)}`,
    );
  }

  if (notFoundCodes.has(code) || (status === 404 && !throttlingCodes.has(code))) {
    return make('NotFound', `${action}: ${awsText || 'not found'} (${code}).`);
  }

  if (accessDeniedCodes.has(code) || (status === 403 && /not authorized/i.test(awsText))) {
    return make(
      'AccessDenied',
      `Your credentials may not call ${action} (${code}). Ask for that permission, or use a profile that has it.${awsText ? ` AWS said: ${awsText}` : ''}`,
    );
  }

  if (code === 'LimitExceededException' || code === 'LimitExceeded') {
    // IAM's LimitExceeded is a quota (too many inline policies, document too large), not a rate.
    if (action.startsWith('iam:')) return make('Unexpected', `${action} hit an IAM quota (${code}): ${awsText}`);
    return make('Throttled', throttledMessage(action, code, e.$metadata?.attempts));
  }
  if (throttlingCodes.has(code) || status === 429) return make('Throttled', throttledMessage(action, code, e.$metadata?.attempts));

  const details = [status ? `HTTP ${status}` : undefined, requestId ? `request id ${requestId}` : undefined].filter(Boolean).join(', ');
  return make('Unexpected', `${action} failed: ${code}${awsText && awsText !== code ? `: ${awsText}` : ''}${details ? ` (${details})` : ''}.`);
}

function credentialsProviderError(
  awsText: string,
  action: string,
  context: ErrorContext,
  make: (kind: AwsErrorKind, message: string) => AwsError,
): AwsError {
  if (/sso/i.test(awsText) && /expired|invalid|not found/i.test(awsText)) {
    return make('CredentialsExpired', `Your AWS SSO session has expired, so ${action} could not be signed. ${refreshAdvice(context)}`);
  }
  if (/token is expired/i.test(awsText)) return make('CredentialsExpired', `Your AWS login token has expired. ${refreshAdvice(context)}`);
  const where = context.profile
    ? `Profile "${context.profile}" gave no usable credentials (${awsText}). Check it in ~/.aws/config and ~/.aws/credentials, or run \`aws configure --profile ${context.profile}\`.`
    : 'Set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, pass --profile NAME, or run `aws configure` / `aws sso login`.';
  return make('CredentialsMissing', `No AWS credentials found to call ${action}. ${where}`);
}

function refreshAdvice(context: ErrorContext): string {
  return context.profile
    ? `Refresh them, e.g. \`aws sso login --profile ${context.profile}\`, then try again.`
    : 'Refresh them (new session credentials, or `aws sso login --profile NAME` for SSO), then try again.';
}

function throttledMessage(action: string, code: string, attempts: number | undefined): string {
  return `AWS kept throttling ${action} (${code})${attempts ? ` after ${attempts} attempts` : ''}. Wait a minute and try again; other tools in the account may be using the same API quota.`;
}

function isHtmlAnswer(e: SdkErrorShape): boolean {
  const contentType = e.$response?.headers?.['content-type'] ?? '';
  return (e.$metadata?.httpStatusCode ?? 0) >= 500 && /html/i.test(contentType);
}

function serviceOf(action: string): string {
  return action.split(':')[0] ?? action;
}

function endpointOverrideNote(): string {
  const endpoint = process.env.AWS_ENDPOINT_URL;
  return endpoint ? `, and AWS_ENDPOINT_URL (${sanitizeLine(endpoint)})` : '';
}

function shortText(text: string): string {
  const line = redactSecrets(sanitizeLine(text)).trim();
  return line.length > 300 ? `${line.slice(0, 297)}...` : line;
}

const secretPatterns: readonly RegExp[] = [
  /\b(?:AKIA|ASIA)[A-Z0-9]{16}\b/g,
  /\bAuthorization\s*[:=]\s*[^\r\n]*/gi,
  /\bAWS4-HMAC-SHA256\s+Credential=[^\r\n]*/g,
  /\b(?:x-amz-security-token|aws_session_token|sessionToken|aws_secret_access_key|secretAccessKey|SecretKey|Signature)\s*[:=]\s*\S+/gi,
  // A bare 40+ character base64 run: the shape of secret keys and session tokens.
  /[A-Za-z0-9+/]{40,}={0,2}/g,
];

/** Removes anything credential-shaped (and the env's own secrets) from a message. */
export function redactSecrets(text: string, env: NodeJS.ProcessEnv = process.env): string {
  let result = text;
  for (const secret of [env.AWS_SECRET_ACCESS_KEY, env.AWS_SESSION_TOKEN, env.AWS_ACCESS_KEY_ID]) {
    if (secret && secret.length >= 8) result = result.split(secret).join('[redacted]');
  }
  for (const pattern of secretPatterns) result = result.replace(pattern, '[redacted]');
  return result;
}
