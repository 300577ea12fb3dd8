import type {Scenario} from '../scenario.js';
import {buildAccount, invokeUrl} from './base.js';

/** Nothing is broken: the walk confirms each stage and ends with a clean bill. */
export function healthy(now: number): Scenario {
  return {
    ...buildAccount({now}),
    name: 'healthy',
    title: 'Healthy notes API',
    description:
      'The notes REST API answers GET /notes/{id} on prod through AWS_IAM auth; the Cognito authenticated role may invoke it, and the notes-api Lambda has only successful invocations in the last hour.',
    demo: {url: invokeUrl({path: '/notes/42'}), method: 'GET'},
    expectedFindings: ['endpoint-ok', 'invoke-allowed'],
  };
}
