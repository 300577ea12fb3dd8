// What to do about a Lambda that times out, tailored to the handler when its code was read
// (aws-facts §6.2 "Event-loop hang"): callback handlers wait for an empty event loop, so an
// open connection holds them until the timeout; async handlers answer when their promise
// settles, so for them the slow part is a downstream call (or a promise that never settles).
import type {Fix} from '../findings.js';
import type {HandlerShape} from './handler-shape.js';

export type AdviceKind = 'callback-event-loop' | 'async-downstream' | 'both';

export interface TimeoutAdvice {
  readonly kind: AdviceKind;
  /** Why this advice applies (one or two sentences a person can check). */
  readonly why: string;
  readonly fix: Fix;
}

const callbackCode = `export const handler = (event, context, callback) => {
  // Answer as soon as callback() is called, even though the pool keeps sockets open.
  context.callbackWaitsForEmptyEventLoop = false;
  pool.query('SELECT …', (err, result) => callback(err, result && {statusCode: 200, body: JSON.stringify(result.rows)}));
};

// Create clients once, outside the handler, so warm invocations reuse them:
const pool = new pg.Pool({connectionString: process.env.DATABASE_URL, max: 1, idleTimeoutMillis: 1000});`;

const asyncCode = `// Clients outside the handler, reused; every downstream call with its own deadline.
const pool = new pg.Pool({connectionString: process.env.DATABASE_URL, max: 1, connectionTimeoutMillis: 2000, query_timeout: 5000});
const dynamo = new DynamoDBClient({requestHandler: {requestTimeout: 3000, connectionTimeout: 1000}});

export const handler = async (event, context) => {
  // Leave headroom: stop waiting before Lambda (and API Gateway) give up.
  const deadline = AbortSignal.timeout(Math.max(0, context.getRemainingTimeInMillis() - 1000));
  const res = await fetch(process.env.DOWNSTREAM_URL, {signal: deadline});
  return {statusCode: res.ok ? 200 : 502, body: await res.text()};
};`;

const callbackText =
  'A callback handler keeps running after callback() until the event loop is empty; an open database pool, socket or timer never lets it empty, so every call runs into the timeout. ' +
  'Set context.callbackWaitsForEmptyEventLoop = false at the top of the handler (the response is sent when callback() runs; leftover work resumes in the next invocation), ' +
  'and create the client once outside the handler instead of per request. Or convert the handler to async.';

const asyncText =
  'An async handler answers when its promise settles, so open connections do not hold it (callbackWaitsForEmptyEventLoop has no effect on it). ' +
  'It times out because something it awaits is slow or never answers: put a timeout on every downstream call (database, HTTP, AWS SDK requestHandler timeouts), ' +
  'create clients outside the handler and reuse them, check that a function in a VPC can reach what it calls (NAT / VPC endpoints: a missing route hangs until the timeout), ' +
  'and make sure every promise settles. For a genuinely slow dependency, raise the timeout only below the API Gateway limit, or answer 202 and finish asynchronously (SQS/Step Functions).';

export function timeoutAdvice(shape: HandlerShape | undefined, unreadableReason?: string): TimeoutAdvice {
  const opened = shape?.opens.map((resource) => resource.name).join(', ');
  if (shape?.style === 'callback' && !shape.setsCallbackWaitsFalse) {
    const why = opened
      ? `The handler is callback-style (${shape.definition ?? 'three parameters'}) and opens ${opened}${shape.opens.some((resource) => resource.perInvocation) ? ' inside the handler, on every invocation' : ''}: that keeps the event loop busy after callback().`
      : `The handler is callback-style (${shape.definition ?? 'three parameters'}): anything left on the event loop holds the response until the timeout.`;
    return {kind: 'callback-event-loop', why, fix: {summary: 'Set context.callbackWaitsForEmptyEventLoop = false and reuse clients created outside the handler', kind: 'code', language: 'js', body: `${callbackText}\n\n${callbackCode}`}};
  }
  if (shape?.style === 'async' || (shape?.style === 'callback' && shape.setsCallbackWaitsFalse)) {
    const why = shape.style === 'async'
      ? `The handler is async (${shape.definition ?? 'async'}), so open connections do not hold its response${opened ? ` (it opens ${opened})` : ''}: the time goes into a call it awaits.`
      : 'The handler already sets callbackWaitsForEmptyEventLoop = false, so the event loop is not what holds it: the time goes into a downstream call.';
    return {kind: 'async-downstream', why, fix: {summary: 'Put deadlines on downstream calls and reuse clients created outside the handler', kind: 'code', language: 'js', body: `${asyncText}\n\n${asyncCode}`}};
  }
  const why = unreadableReason ? `The handler's code could not be read (${unreadableReason}), so both cases are described.` : "The handler's style could not be recognised, so both cases are described.";
  return {
    kind: 'both',
    why,
    fix: {summary: 'Callback handler: callbackWaitsForEmptyEventLoop = false; async handler: deadlines on downstream calls', kind: 'code', language: 'js', body: `If the handler takes (event, context, callback):\n${callbackText}\n\n${callbackCode}\n\nIf the handler is async:\n${asyncText}\n\n${asyncCode}`},
  };
}
