// The one-line message for an error that ends the run (exit 2): never a stack trace, never
// a credential. Stacks appear only with APIGW_DOCTOR_DEBUG=1.
import {isAwsError} from '../aws/errors.js';
import {sanitizeLine} from '../report/sanitize.js';

export function describeFatalError(error: unknown, env: NodeJS.ProcessEnv = process.env): string {
  const debug = env.APIGW_DOCTOR_DEBUG === '1' && error instanceof Error && error.stack ? `\n${error.stack}` : '';
  if (isAwsError(error)) return sanitizeLine(error.message) + debug;
  if (error instanceof Error && error.name === 'ConfigError') return sanitizeLine(error.message) + debug;
  const message = error instanceof Error ? error.message : String(error);
  return `unexpected error: ${sanitizeLine(message)} (run with APIGW_DOCTOR_DEBUG=1 for details)${debug}`;
}
