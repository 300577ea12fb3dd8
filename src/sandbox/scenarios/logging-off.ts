import type {Scenario} from '../scenario.js';
import {buildAccount, invokeUrl} from './base.js';

/** Nobody ever set up API Gateway logging in this account and region. */
export function loggingOff(now: number): Scenario {
  return {
    ...buildAccount({now, executionLogging: false}),
    name: 'logging-off',
    title: 'API Gateway execution logging is off',
    description:
      'The prod stage has logging level OFF, there is no API-Gateway-Execution-Logs group, and the account has no CloudWatch role, so API Gateway cannot write logs even if the stage asked it to. Only the Lambda log is available.',
    demo: {url: invokeUrl({path: '/notes/42'}), method: 'GET'},
    expectedFindings: ['execution-logging-off'],
  };
}
