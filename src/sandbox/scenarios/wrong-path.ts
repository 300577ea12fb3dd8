import type {Scenario} from '../scenario.js';
import {buildAccount, invokeUrl} from './base.js';

/**
 * A typo in the path on an API without a `/{proxy+}` catch-all. (The sibling mistake, a verb
 * the resource lacks such as PATCH /notes/42, gives `method-not-allowed` on the same account;
 * this preset keeps to its one promise.)
 */
export function wrongPath(now: number): Scenario {
  return {
    ...buildAccount({now, catchAll: false}),
    name: 'wrong-path',
    title: 'No resource matches /note/42',
    description:
      'The URL asks for /note/42 but the API defines /notes and /notes/{id}, with no {proxy+} catch-all. REST API Gateway answers 403 "Missing Authentication Token", the same body as an unsigned request, which is why the path is the first thing to check.',
    demo: {url: invokeUrl({path: '/note/42'}), method: 'GET'},
    expectedFindings: ['route-not-found'],
  };
}
