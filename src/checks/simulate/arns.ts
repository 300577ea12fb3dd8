// execute-api ARNs (aws-facts §3): arn:PARTITION:execute-api:REGION:ACCOUNT:API_ID/STAGE/VERB/PATH.
// ANY is written "*", the root resource ends in "/", and HTTP APIs' default stage is "$default".

export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

/** The whole API, in any account: what the fix grants. */
export function apiWideArn(region: string, apiId: string): string {
  return `arn:${partitionOf(region)}:execute-api:${region}:*:${apiId}/*`;
}

export function methodArn(input: {region: string; account: string; apiId: string; stage: string; method: string; path: string}): string {
  const verb = input.method.toUpperCase() === 'ANY' ? '*' : input.method.toUpperCase();
  const path = input.path.replace(/^\/+/, '');
  return `arn:${partitionOf(input.region)}:execute-api:${input.region}:${input.account}:${input.apiId}/${input.stage}/${verb}/${path}`;
}

/** The account in an IAM or STS ARN (arn:aws:iam::123456789012:role/x). */
export function accountOfArn(arn: string): string | undefined {
  const account = arn.split(':')[4];
  return account && /^\d{12}$/.test(account) ? account : undefined;
}

/** IAM's resource matching: `*` is any run of characters (also `/` and `:`), `?` one character. */
export function iamGlobMatches(pattern: string, value: string): boolean {
  const source = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${source}$`, 's').test(value);
}
