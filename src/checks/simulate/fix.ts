// The fix for an implicit deny: the guide's minimal statement, merged into one of the
// role's inline policies (or a new one), shown as a diff of the pretty-printed documents.
import type {ProposedPolicyFix} from './facts.js';
import {parsePolicyDocument, prettyPolicy} from './policy-document.js';
import type {NamedPolicy} from './role-policies.js';
import {unifiedDiff} from './unified-diff.js';

export function invokeStatement(apiWideArn: string): Readonly<Record<string, unknown>> {
  return {Effect: 'Allow', Action: ['execute-api:Invoke'], Resource: [apiWideArn]};
}

export function newPolicyName(apiId: string): string {
  return `apigw-doctor-invoke-${apiId}`;
}

/**
 * Which inline policy to extend: one already about execute-api, else the only (or first)
 * parseable one, else a new policy. Keeps the role's policy count unchanged when it can.
 */
export function chooseInlinePolicy(inline: readonly NamedPolicy[]): NamedPolicy | undefined {
  const parseable = inline.filter((p) => parsePolicyDocument(p.document) !== undefined);
  return parseable.find((p) => p.document.includes('execute-api')) ?? parseable[0];
}

/** `policyName` is used when there is no target policy to extend (a new inline policy). */
export function buildPolicyFix(input: {roleName: string; policyName: string; apiWideArn: string; target?: NamedPolicy}): ProposedPolicyFix {
  const statement = invokeStatement(input.apiWideArn);
  const policyName = input.target?.name ?? input.policyName;
  const old = input.target ? parsePolicyDocument(input.target.document) : undefined;
  // The old document as written (a single Statement object stays one), so the diff is honest.
  const oldPretty = old && input.target ? prettyPolicy(JSON.parse(input.target.document)) : '';
  const merged = old ? {...old, Version: old.Version ?? '2012-10-17', Statement: [...old.Statement, statement]} : {Version: '2012-10-17', Statement: [statement]};
  const newDocument = prettyPolicy(merged);
  return {
    roleName: input.roleName,
    policyName,
    oldDocument: input.target?.document,
    newDocument,
    diff: unifiedDiff(oldPretty, newDocument, {old: old ? `a/${input.roleName}/${policyName}` : '/dev/null', new: `b/${input.roleName}/${policyName}`}),
    statement,
  };
}
