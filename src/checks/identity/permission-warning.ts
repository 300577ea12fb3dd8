// One AccessDenied on one call should not end a stage: say which permission is missing
// and what the stage could not learn because of it, then carry on.
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

/**
 * Runs one call; AccessDenied becomes a warning (pushed to `findings`) and `undefined`.
 * Fatal errors (credentials, network) and everything else propagate.
 */
export async function unlessDenied<T>(
  stage: StageId,
  findings: Finding[],
  consequence: string,
  call: () => Promise<T>,
): Promise<T | undefined> {
  try {
    return await call();
  } catch (error) {
    if (isFatalAwsError(error) || !isAwsError(error, 'AccessDenied')) throw error;
    findings.push(permissionWarning(stage, error, consequence));
    return undefined;
  }
}
