// Fault injection: makes chosen operations slow, throttled, denied, expired, dropped or
// missing, so tests (and `sandbox --latency`) can see how the tool copes. Each fault names an
// IAM-style action or "*"; `times` bounds how often it fires.
//
// Pages: a call that carries no pagination token is page 1; each following call of the same
// action that carries a token is the next page. `drop` with `onPage: N` fires only on page N.
import type {FaultSpec} from './scenario.js';
import {SandboxError, type Protocol, type WireResponse} from './protocol.js';

export interface FaultCall {
  readonly action: string;
  readonly protocol: Protocol;
  readonly hasPageToken: boolean;
  readonly accountId: string;
  /** What the access-denied message names as the resource. */
  readonly resource: string;
}

export type FaultOutcome =
  | {readonly kind: 'none'}
  | {readonly kind: 'drop'}
  | {readonly kind: 'unsupported'}
  | {readonly kind: 'error'; readonly error: SandboxError};

interface ArmedFault {
  readonly spec: FaultSpec;
  remaining: number;
}

function throttleError(protocol: Protocol): SandboxError {
  if (protocol === 'awsQuery') return new SandboxError('Throttling', 'Rate exceeded', 400);
  if (protocol === 'awsJson1_1') return new SandboxError('ThrottlingException', 'Rate exceeded', 400);
  return new SandboxError('TooManyRequestsException', 'Too Many Requests', 429);
}

function accessDeniedError(call: FaultCall): SandboxError {
  const message = `User: arn:aws:iam::${call.accountId}:user/sandbox is not authorized to perform: ${call.action} on resource: ${call.resource}`;
  return new SandboxError(call.protocol === 'awsQuery' ? 'AccessDenied' : 'AccessDeniedException', message, 403);
}

function expiredTokenError(protocol: Protocol): SandboxError {
  return new SandboxError(protocol === 'awsQuery' ? 'ExpiredToken' : 'ExpiredTokenException', 'The security token included in the request is expired', 403);
}

export class FaultPlan {
  private armed: ArmedFault[] = [];
  private readonly pages = new Map<string, number>();

  constructor(faults: readonly FaultSpec[] = []) {
    this.set(faults);
  }

  set(faults: readonly FaultSpec[]): void {
    this.armed = faults.map((spec) => ({spec, remaining: spec.times ?? Number.POSITIVE_INFINITY}));
    this.pages.clear();
  }

  /** The extra delay for this call and the fault (if any) that replaces its answer. */
  take(call: FaultCall): {delayMs: number; outcome: FaultOutcome} {
    const page = call.hasPageToken ? (this.pages.get(call.action) ?? 1) + 1 : 1;
    this.pages.set(call.action, page);
    let delayMs = 0;
    let outcome: FaultOutcome = {kind: 'none'};
    for (const fault of this.armed) {
      const {spec} = fault;
      if (fault.remaining <= 0 || (spec.action !== '*' && spec.action !== call.action)) continue;
      if (spec.kind === 'latency') {
        delayMs += spec.latencyMs ?? 0;
        fault.remaining -= 1;
        continue;
      }
      if (outcome.kind !== 'none') continue;
      if (spec.kind === 'drop' && spec.onPage !== undefined && spec.onPage !== page) continue;
      fault.remaining -= 1;
      outcome = this.outcomeOf(spec, call);
    }
    return {delayMs, outcome};
  }

  private outcomeOf(spec: FaultSpec, call: FaultCall): FaultOutcome {
    switch (spec.kind) {
      case 'throttle':
        return {kind: 'error', error: throttleError(call.protocol)};
      case 'access-denied':
        return {kind: 'error', error: accessDeniedError(call)};
      case 'expired-token':
        return {kind: 'error', error: expiredTokenError(call.protocol)};
      case 'drop':
        return {kind: 'drop'};
      case 'unsupported':
        return {kind: 'unsupported'};
      case 'latency':
        return {kind: 'none'};
    }
  }
}

/** What moto (a Flask app) answers for an operation it does not implement. */
export function unsupportedOperationPage(): WireResponse {
  return {
    status: 500,
    headers: {'content-type': 'text/html; charset=utf-8'},
    body:
      '<!doctype html>\n<html lang=en>\n<title>500 Internal Server Error</title>\n<h1>Internal Server Error</h1>\n' +
      '<p>The server encountered an internal error and was unable to complete your request. Either the server is overloaded or there is an error in the application.</p>\n',
  };
}
