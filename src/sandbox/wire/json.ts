// awsJson1_1 (CloudWatch Logs, Cognito Identity): `POST /` with X-Amz-Target
// `<TargetPrefix>.<Operation>` and a JSON body; JSON out. Errors are
// `{"__type":"Code","message":"…"}` (aws-facts §1.3), status 400 unless the error says
// otherwise. Timestamps stay numbers: each handler already speaks the service's units
// (Logs: epoch ms, Cognito: epoch seconds).
import {SandboxError, type HandlerContext, type JsonService, type WireResponse} from '../protocol.js';

const contentType = 'application/x-amz-json-1.1';

export function encodeJsonError(error: SandboxError, requestId: string): WireResponse {
  return {
    status: error.status,
    headers: {'content-type': contentType, 'x-amzn-requestid': requestId},
    body: JSON.stringify({__type: error.code, message: error.message}),
  };
}

function parseInput(body: string): Record<string, unknown> {
  if (body.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new SandboxError('SerializationException', 'Unable to parse the request body as JSON', 400);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new SandboxError('SerializationException', 'Start of structure or map found where not expected', 400);
  }
  return parsed as Record<string, unknown>;
}

export function serveJson(service: JsonService, operation: string, body: string, ctx: HandlerContext): WireResponse {
  const handler = Object.hasOwn(service.operations, operation) ? service.operations[operation] : undefined;
  try {
    if (handler === undefined) throw new SandboxError('UnknownOperationException', '', 400);
    const output = handler(parseInput(body), ctx);
    return {status: 200, headers: {'content-type': contentType, 'x-amzn-requestid': ctx.requestId}, body: JSON.stringify(output)};
  } catch (error) {
    if (error instanceof SandboxError) return encodeJsonError(error, ctx.requestId);
    throw error;
  }
}

// Typed reads of JSON input fields. Both awsJson services here report bad input as
// InvalidParameterException with the Coral validation wording.
function invalid(message: string): SandboxError {
  return new SandboxError('InvalidParameterException', `1 validation error detected: ${message}`, 400);
}

export function optionalString(input: Record<string, unknown>, name: string): string | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw invalid(`Value at '${name}' failed to satisfy constraint: Member must be a string`);
  return value;
}

export function requiredString(input: Record<string, unknown>, name: string): string {
  const value = optionalString(input, name);
  if (value === undefined || value === '') throw invalid(`Value null at '${name}' failed to satisfy constraint: Member must not be null`);
  return value;
}

export function optionalNumber(input: Record<string, unknown>, name: string, range?: {min: number; max: number}): number | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value)) throw invalid(`Value at '${name}' failed to satisfy constraint: Member must be a number`);
  if (range && (value < range.min || value > range.max)) {
    throw invalid(`Value '${value}' at '${name}' failed to satisfy constraint: Member must have value between ${range.min} and ${range.max}`);
  }
  return value;
}

export function optionalStringList(input: Record<string, unknown>, name: string): string[] | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) {
    throw invalid(`Value at '${name}' failed to satisfy constraint: Member must be a list of strings`);
  }
  return value as string[];
}

/** One page of a list and the opaque nextToken (absent on the last page) for Logs/Cognito lists. */
export function jsonPage<T>(items: readonly T[], nextToken: string | undefined, limit: number): {items: T[]; nextToken?: string} {
  const start = nextToken === undefined ? 0 : Number(Buffer.from(nextToken, 'base64url').toString('utf8').replace(/^next:/, ''));
  if (!Number.isInteger(start) || start < 0 || start > items.length) throw new SandboxError('InvalidParameterException', 'The specified nextToken is invalid.');
  const end = Math.min(items.length, start + limit);
  return {items: items.slice(start, end), nextToken: end < items.length ? Buffer.from(`next:${end}`).toString('base64url') : undefined};
}
