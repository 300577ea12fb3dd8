import type {Scenario} from '../scenario.js';
import {buildAccount, invokeUrl} from './base.js';

/**
 * A callback-style handler opens a pg pool and never ends it, so the event loop never drains
 * and every invocation runs into the 6 s function timeout, well before API Gateway's 29 s
 * integration timeout: clients see 502, not 504.
 */
export function lambdaTimeout(now: number): Scenario {
  return {
    ...buildAccount({now, lambda: 'timeout'}),
    name: 'lambda-timeout',
    title: 'notes-api times out holding a DB pool open',
    description:
      'The handler calls back with its rows, but the PostgreSQL pool it opened keeps the event loop busy until "Task timed out after 6.01 seconds" (function timeout 6 s, integration timeout 29 s). The fix is context.callbackWaitsForEmptyEventLoop = false, or closing the pool, or an async handler.',
    demo: {url: invokeUrl({path: '/notes'}), method: 'GET'},
    expectedFindings: ['lambda-timeout'],
  };
}
