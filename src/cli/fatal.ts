// The one-line message for an error that ends the run (exit 2): never a stack trace, never
// a credential. Stacks appear only with APIGW_DOCTOR_DEBUG=1, and go through the same
// sanitiser and secret redaction as the message: a stack starts with the error's message,
// which may quote AWS (or a hostile endpoint) verbatim.
import {isAwsError} from '../aws/errors.js';
import {redactSecrets} from '../aws/map-error.js';
import {sanitizeForTerminal, sanitizeLine} from '../report/sanitize.js';

export function describeFatalError(error: unknown, env: NodeJS.ProcessEnv = process.env): string {
  const safeLine = (text: string) => redactSecrets(sanitizeLine(text), env);
  const debug = env.APIGW_DOCTOR_DEBUG === '1' && error instanceof Error && error.stack ? `\n${redactSecrets(sanitizeForTerminal(error.stack), env)}` : '';
  if (isAwsError(error)) return safeLine(error.message) + debug;
  if (error instanceof Error && error.name === 'ConfigError') return safeLine(error.message) + debug;
  const message = error instanceof Error ? error.message : String(error);
  return `unexpected error: ${safeLine(message)} (run with APIGW_DOCTOR_DEBUG=1 for details)${debug}`;
}
