import type {Scenario} from '../scenario.js';
import {buildAccount, invokeUrl} from './base.js';

/** getNote lost its "not found" guard: every request for a missing note throws a TypeError. */
export function lambdaError(now: number): Scenario {
  return {
    ...buildAccount({now, lambda: 'throws'}),
    name: 'lambda-error',
    title: 'notes-api throws on missing notes',
    description:
      "GET /notes/{id} for a note that does not exist makes the handler read note.id of undefined. The Lambda log shows \"Invoke Error\" TypeErrors with their stack, and API Gateway's execution log shows the customer function error and a 502 for the same Lambda request ids.",
    demo: {url: invokeUrl({path: '/notes/7'}), method: 'GET'},
    expectedFindings: ['lambda-error'],
  };
}
