// One control-plane read, with AWS's answer sorted the way this stage needs: found, not
// there, or could not ask (a missing permission, throttling, an emulator lacking the call).
// Credential and network failures are not sorted: they end the whole run (exit 2).
import {AwsError, isAwsError, isFatalAwsError} from '../../aws/errors.js';

export interface CallProblem {
  /** The API Gateway operation, e.g. "GetStages". */
  readonly operation: string;
  /** The IAM permission it needs: every API Gateway read is apigateway:GET on a resource ARN. */
  readonly permission: string;
  readonly resource: string;
  readonly error: AwsError;
}

export type Outcome<T> = {readonly kind: 'ok'; readonly value: T} | {readonly kind: 'not-found'} | {readonly kind: 'problem'; readonly problem: CallProblem};

/** The management-plane ARN API Gateway's IAM permissions are written against. */
export function apigatewayArn(region: string, path: string): string {
  return `arn:aws:apigateway:${region}::${path}`;
}

export async function attempt<T>(operation: string, resource: string, run: () => Promise<T>): Promise<Outcome<T>> {
  try {
    return {kind: 'ok', value: await run()};
  } catch (error) {
    if (!isAwsError(error) || isFatalAwsError(error) || error.kind === 'Cancelled') throw error;
    if (error.kind === 'NotFound') return {kind: 'not-found'};
    return {kind: 'problem', problem: {operation, permission: 'apigateway:GET', resource, error}};
  }
}
