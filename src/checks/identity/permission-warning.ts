// One failing call should not end a stage: say which permission is missing (or that AWS
// throttled or failed the call) and what the stage could not learn because of it, then
// carry on with the rest.
import {AwsError, isAwsError, isFatalAwsError} from '../../aws/errors.js';
import {sanitizeLine} from '../../report/sanitize.js';
import type {Finding, StageId} from '../findings.js';

export function permissionWarning(stage: StageId, error: AwsError, consequence: string): Finding {
  return {
    id: 'permission-missing',
    stage,
    severity: 'warning',
    title: `Not allowed to call ${error.action}`,
    detail: `${consequence} The credentials apigw-doctor runs with may not call ${error.action}.`,
    evidence: [{kind: 'text', label: 'AWS said', text: sanitizeLine(error.message)}],
    fix: {kind: 'text', summary: `Grant ${error.action} to the credentials you run apigw-doctor with to check this too.`},
  };
}

export function callFailedWarning(stage: StageId, error: AwsError, consequence: string): Finding {
  return {
    id: 'aws-call-failed',
    stage,
    severity: 'warning',
    title: `${error.action} failed (${error.kind})`,
    detail: `${consequence} The call failed even after the AWS SDK's retries.`,
    evidence: [{kind: 'text', label: 'AWS said', text: sanitizeLine(error.message)}],
    fix: {kind: 'text', summary: error.kind === 'Throttled' ? 'Run apigw-doctor again in a minute, when the API is less busy.' : 'Run apigw-doctor again; if it persists, check the AWS Health Dashboard for the service.'},
  };
}

/**
 * Runs one call; AccessDenied, throttling and other non-fatal AWS failures become a warning
 * (pushed to `findings`) and `undefined`. NotFound (the caller's to interpret), cancellation,
 * fatal errors (credentials, network) and non-AWS errors propagate.
 */
export async function unlessCallFails<T>(
  stage: StageId,
  findings: Finding[],
  consequence: string,
  call: () => Promise<T>,
): Promise<T | undefined> {
  try {
    return await call();
  } catch (error) {
    if (isFatalAwsError(error) || !isAwsError(error) || error.kind === 'NotFound' || error.kind === 'Cancelled') throw error;
    findings.push(error.kind === 'AccessDenied' ? permissionWarning(stage, error, consequence) : callFailedWarning(stage, error, consequence));
    return undefined;
  }
}
