// What happens when API Gateway invokes a scenario's function: the outcome follows the
// seed's `behaviour`, without running code or sleeping. Error texts are taken from the
// function's own seeded log when it has one, so the gateway's execution log and the Lambda
// log tell the same story.
import {randomUUID} from 'node:crypto';
import type {FunctionSeed} from './scenario.js';
import {logGroupKey, type SandboxState} from './state.js';

export type Invocation =
  | {readonly kind: 'ok'; readonly statusCode: number; readonly body: string; readonly lambdaRequestId: string; readonly durationMs: number}
  /** The function failed (threw, failed to start, ran out of memory, or hit its own timeout). */
  | {readonly kind: 'function-error'; readonly errorType: string; readonly errorMessage: string; readonly lambdaRequestId: string; readonly durationMs: number}
  /** The integration gave up before the function answered. */
  | {readonly kind: 'integration-timeout'; readonly waitedMs: number}
  /** API Gateway could not invoke it at all (no such function, or no permission). */
  | {readonly kind: 'not-invocable'; readonly reason: string};

function logGroupOf(fn: FunctionSeed): string {
  return fn.logGroup ?? `/aws/lambda/${fn.name}`;
}

/** The newest {"errorType","errorMessage"} the function logged (text or JSON log format). */
function loggedError(state: SandboxState, fn: FunctionSeed): {errorType: string; errorMessage: string} | undefined {
  const group = state.logGroups.get(logGroupKey(fn.region, logGroupOf(fn)));
  if (!group) return undefined;
  const events = [...group.streams.values()].flat().sort((a, b) => b.timestamp - a.timestamp);
  for (const event of events) {
    const start = event.message.indexOf('{');
    if (start < 0 || !event.message.includes('errorType')) continue;
    try {
      const parsed = JSON.parse(event.message.slice(start)) as Record<string, unknown>;
      if (typeof parsed.errorType === 'string' && typeof parsed.errorMessage === 'string') return {errorType: parsed.errorType, errorMessage: parsed.errorMessage};
    } catch {
      // Not a JSON error record; keep looking.
    }
  }
  return undefined;
}

function matchesWildcard(pattern: string, value: string): boolean {
  const regex = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
  return regex.test(value);
}

function asList(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

/**
 * Does the function's resource policy let API Gateway invoke it for this method ARN? A small
 * evaluator for the statement shape `lambda add-permission` writes: Allow, principal
 * apigateway.amazonaws.com, lambda:InvokeFunction, optional ArnLike/ArnEquals AWS:SourceArn.
 */
export function allowsApiGateway(fn: FunctionSeed, sourceArn: string): boolean {
  for (const statement of fn.resourcePolicy?.Statement ?? []) {
    if (statement.Effect !== 'Allow') continue;
    const principal = statement.Principal as Record<string, unknown> | string | undefined;
    const services = typeof principal === 'string' ? [principal] : asList(principal?.Service);
    if (!services.some((service) => service === '*' || service === 'apigateway.amazonaws.com')) continue;
    if (!asList(statement.Action).some((action) => matchesWildcard(action, 'lambda:InvokeFunction'))) continue;
    const conditions = (statement.Condition ?? {}) as Record<string, Record<string, unknown>>;
    const arnPatterns = Object.values(conditions).flatMap((block) =>
      Object.entries(block)
        .filter(([key]) => key.toLowerCase() === 'aws:sourcearn')
        .flatMap(([, value]) => asList(value)),
    );
    if (arnPatterns.every((pattern) => matchesWildcard(pattern, sourceArn))) return true;
  }
  return false;
}

export function invokeFunction(state: SandboxState, fn: FunctionSeed | undefined, integrationTimeoutMs: number, sourceArn: string): Invocation {
  if (!fn) return {kind: 'not-invocable', reason: 'Function not found'};
  if (!allowsApiGateway(fn, sourceArn)) return {kind: 'not-invocable', reason: 'Invalid permissions on Lambda function'};
  const lambdaRequestId = randomUUID();
  const logged = loggedError(state, fn);
  switch (fn.behaviour) {
    case 'ok':
      return {kind: 'ok', statusCode: fn.okResponse?.statusCode ?? 200, body: fn.okResponse?.body ?? '{"message":"ok"}', lambdaRequestId, durationMs: 42};
    case 'throws':
      return {kind: 'function-error', ...(logged ?? {errorType: 'Error', errorMessage: 'Unhandled error'}), lambdaRequestId, durationMs: 35};
    case 'init-error':
      return {kind: 'function-error', ...(logged ?? {errorType: 'Runtime.ImportModuleError', errorMessage: `Error: Cannot find module '${fn.handler.split('.')[0]}'`}), lambdaRequestId, durationMs: 180};
    case 'out-of-memory':
      return {kind: 'function-error', errorType: 'Runtime.ExitError', errorMessage: `RequestId: ${lambdaRequestId} Error: Runtime exited with error: signal: killed`, lambdaRequestId, durationMs: 900};
    case 'timeout': {
      const timeoutMs = fn.timeout * 1000;
      if (timeoutMs >= integrationTimeoutMs) return {kind: 'integration-timeout', waitedMs: integrationTimeoutMs};
      const errorMessage = `${new Date().toISOString()} ${lambdaRequestId} Task timed out after ${fn.timeout.toFixed(2)} seconds`;
      return {kind: 'function-error', errorType: 'Sandbox.Timedout', errorMessage, lambdaRequestId, durationMs: timeoutMs};
    }
  }
}
