// The message an unexpected error ends the run with: one sanitised line, and with
// APIGW_DOCTOR_DEBUG=1 a stack that is sanitised and redacted too (its first line is the
// error's message, which may quote AWS or a hostile endpoint verbatim).
import {describe, expect, it} from 'vitest';
import {AwsError} from '../../src/aws/errors.js';
import {describeFatalError} from '../../src/cli/fatal.js';
import {markerCredentials} from './fixtures/built-command.js';
import {forbiddenCharacters, hostileText} from './fixtures/hostile-scenario.js';

const env = {...markerCredentials};
const leaky = `${hostileText} x-amz-security-token: ${markerCredentials.AWS_SESSION_TOKEN} key ${markerCredentials.AWS_ACCESS_KEY_ID} secret=${markerCredentials.AWS_SECRET_ACCESS_KEY}`;
const errors = [new Error(leaky), new AwsError({kind: 'Unexpected', action: 'lambda:Invoke', message: leaky}), Object.assign(new Error(leaky), {name: 'ConfigError'})];

describe('describeFatalError', () => {
  it.each(errors.map((error) => [error.name, error] as const))('%s: one clean line, no stack, no secret', (_name, error) => {
    const text = describeFatalError(error, env);
    expect(text.split('\n')).toHaveLength(1);
    expect(text).not.toMatch(/\n\s+at /);
    expect(text).not.toMatch(forbiddenCharacters);
    for (const marker of Object.values(markerCredentials)) expect(text).not.toContain(marker);
  });

  it.each(errors.map((error) => [error.name, error] as const))('%s with APIGW_DOCTOR_DEBUG=1: the stack, sanitised and redacted', (_name, error) => {
    const text = describeFatalError(error, {...env, APIGW_DOCTOR_DEBUG: '1'});
    expect(text).toMatch(/\n\s+at .*fatal-error\.test\.ts/);
    expect(text).not.toMatch(forbiddenCharacters);
    for (const marker of Object.values(markerCredentials)) expect(text).not.toContain(marker);
  });

  it('a thrown non-Error is described, not crashed on', () => {
    expect(describeFatalError(`boom ${hostileText}`, env)).toMatch(/^unexpected error: boom .* \(run with APIGW_DOCTOR_DEBUG=1 for details\)$/);
  });
});
