import type {Scenario} from '../scenario.js';
import {buildAccount, invokeUrl} from './base.js';

/** A typo in the stage segment: API Gateway rejects it before any log is written. */
export function wrongStage(now: number): Scenario {
  return {
    ...buildAccount({now}),
    name: 'wrong-stage',
    title: 'Stage "prd" does not exist',
    description:
      'The URL names stage "prd", but the notes API only has "dev" and "prod". API Gateway answers 403 without running anything, so neither the execution log nor the Lambda log knows about the request.',
    demo: {url: invokeUrl({stage: 'prd', path: '/notes/42'}), method: 'GET'},
    expectedFindings: ['stage-not-found'],
  };
}
