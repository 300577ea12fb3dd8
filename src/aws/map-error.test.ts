// Error shapes that a local HTTP peer cannot produce (credential-provider failures happen
// before any request) or that need no server: the SDK's own error classes, built directly.
import {describe, expect, it} from 'vitest';
import {redactSecrets, toAwsError} from './map-error.js';

const providerError = (message: string) => Object.assign(new Error(message), {name: 'CredentialsProviderError'});

describe('toAwsError', () => {
  it('an expired SSO session says which login command to run', () => {
    const error = toAwsError(
      providerError("The SSO session associated with this profile has expired. To refresh this SSO session run 'aws sso login' with the corresponding profile."),
      'sts:GetCallerIdentity',
      {profile: 'prod-admin'},
    );
    expect(error.kind).toBe('CredentialsExpired');
    expect(error.message).toContain('aws sso login --profile prod-admin');
  });

  it('a missing profile is CredentialsMissing naming it', () => {
    const error = toAwsError(providerError('Profile nope was not found.'), 'iam:GetRole', {profile: 'nope'});
    expect(error.kind).toBe('CredentialsMissing');
    expect(error.message).toContain('Profile "nope"');
  });

  it("IAM's LimitExceeded is a quota, not throttling; elsewhere it is throttling", () => {
    const limit = Object.assign(new Error('Cannot exceed quota for PolicySize: 10240'), {name: 'LimitExceededException', $metadata: {httpStatusCode: 409}});
    expect(toAwsError(limit, 'iam:PutRolePolicy')).toMatchObject({kind: 'Unexpected', message: expect.stringContaining('IAM quota')});
    expect(toAwsError(limit, 'logs:StartQuery').kind).toBe('Throttled');
  });

  it("the SDK's own request timeout is Network", () => {
    const timeout = Object.assign(new Error('Connection timed out after 1000 ms'), {name: 'TimeoutError'});
    expect(toAwsError(timeout, 'logs:FilterLogEvents')).toMatchObject({kind: 'Network', message: expect.stringContaining('timed out')});
  });

  it('anything that is not an Error still becomes Unexpected', () => {
    expect(toAwsError('boom', 'lambda:GetFunction')).toMatchObject({kind: 'Unexpected', action: 'lambda:GetFunction'});
  });
});

describe('redactSecrets', () => {
  it('removes key ids, signatures, tokens and the environment secrets', () => {
    const text =
      'Authorization: AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20240101/us-east-1/iam/aws4_request, Signature=abc';
    expect(redactSecrets(text)).toBe('[redacted]');
    expect(redactSecrets('key ASIAIOSFODNN7EXAMPLE used')).toBe('key [redacted] used');
    expect(redactSecrets('x-amz-security-token: IQoJb3JpZ2luX2VjEMr end')).toBe('[redacted] end');
    expect(redactSecrets('the value hunter22secret leaked', {AWS_SECRET_ACCESS_KEY: 'hunter22secret'})).toBe('the value [redacted] leaked');
    expect(redactSecrets('arn:aws:iam::123456789012:role/service-role/notes-api-role is fine')).toBe('arn:aws:iam::123456789012:role/service-role/notes-api-role is fine');
  });
});
