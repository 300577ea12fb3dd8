// The offline evaluator against AWS's documented policy evaluation logic
// (docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html):
// an explicit Deny wins, else an Allow in an identity policy (and in the boundary, when there
// is one) allows, else the request is implicitly denied. Each row names the deciding statement.
import {describe, expect, it} from 'vitest';
import type {Decision} from './facts.js';
import {evaluateOffline} from './offline.js';
import type {NamedPolicy, RolePolicies} from './role-policies.js';

const account = '123456789012';
const roleArn = `arn:aws:iam::${account}:role/Cognito_notesAuth_Role`;
const methodArn = `arn:aws:execute-api:us-east-1:${account}:a1b2c3d4e5/prod/GET/notes/42`;
const apiWideArn = 'arn:aws:execute-api:us-east-1:*:a1b2c3d4e5/*';

const doc = (...Statement: object[]) => JSON.stringify({Version: '2012-10-17', Statement});
const inline = (name: string, document: string): NamedPolicy => ({name, kind: 'inline', document});
const managed = (name: string, document: string): NamedPolicy => ({name, arn: `arn:aws:iam::${account}:policy/${name}`, kind: 'managed', document});
const invoke = (Resource: string | string[], extra: object = {}) => ({Effect: 'Allow', Action: 'execute-api:Invoke', Resource, ...extra});

interface Row {
  readonly name: string;
  readonly resource?: string;
  readonly inline?: NamedPolicy[];
  readonly managed?: NamedPolicy[];
  readonly boundary?: NamedPolicy;
  readonly decision: Decision;
  /** "policy statementId" of each deciding statement. */
  readonly deciding: string[];
  readonly missing?: string[];
}

const rows: Row[] = [
  {name: 'allow on the exact method ARN', inline: [inline('p', doc(invoke(methodArn, {Sid: 'Exact'})))], decision: 'allowed', deciding: ['p Exact']},
  {name: 'allow on * (any resource)', inline: [inline('p', doc({Effect: 'Allow', Action: 'execute-api:*', Resource: '*'}))], decision: 'allowed', deciding: ['p #1']},
  {name: 'a /* suffix matches every stage, verb and path (prefix match)', inline: [inline('p', doc(invoke('arn:aws:execute-api:us-east-1:*:a1b2c3d4e5/*')))], decision: 'allowed', deciding: ['p #1']},
  {name: 'a * in the middle also matches slashes', inline: [inline('p', doc(invoke('arn:aws:execute-api:*:*:a1b2c3d4e5/*/GET/*')))], decision: 'allowed', deciding: ['p #1']},
  {name: 'another API id does not match', inline: [inline('p', doc(invoke('arn:aws:execute-api:us-east-1:*:zzzzzzzzzz/*')))], decision: 'implicitDeny', deciding: []},
  {name: 'another stage does not match', inline: [inline('p', doc(invoke('arn:aws:execute-api:us-east-1:*:a1b2c3d4e5/dev/*')))], decision: 'implicitDeny', deciding: []},
  {name: '/notes/* does not cover /notes itself but covers /notes/42', inline: [inline('p', doc(invoke('arn:aws:execute-api:us-east-1:*:a1b2c3d4e5/prod/GET/notes/*')))], decision: 'allowed', deciding: ['p #1']},
  {name: 'no statement about execute-api: implicit deny', inline: [inline('p', doc({Effect: 'Allow', Action: ['cognito-sync:*'], Resource: '*'}))], decision: 'implicitDeny', deciding: []},
  {
    name: 'explicit Deny wins over an Allow in another policy',
    inline: [inline('allow-all', doc({Effect: 'Allow', Action: '*', Resource: '*'}))],
    managed: [managed('guard', doc({Sid: 'NoInvoke', Effect: 'Deny', Action: 'execute-api:Invoke', Resource: 'arn:aws:execute-api:*:*:a1b2c3d4e5/*'}))],
    decision: 'explicitDeny',
    deciding: ['guard NoInvoke'],
  },
  {name: 'NotAction allows everything but the listed actions', inline: [inline('p', doc({Sid: 'AllButIam', Effect: 'Allow', NotAction: 'iam:*', Resource: '*'}))], decision: 'allowed', deciding: ['p AllButIam']},
  {name: 'NotAction naming execute-api does not allow it', inline: [inline('p', doc({Effect: 'Allow', NotAction: 'execute-api:*', Resource: '*'}))], decision: 'implicitDeny', deciding: []},
  {
    name: 'NotResource: a Deny on everything except another API does not match this one…',
    inline: [inline('p', doc(invoke('*'), {Sid: 'OnlyOther', Effect: 'Deny', Action: 'execute-api:Invoke', NotResource: 'arn:aws:execute-api:*:*:a1b2c3d4e5/*'}))],
    decision: 'allowed',
    deciding: ['p #1'],
  },
  {
    name: '…and does deny an API outside the exception',
    inline: [inline('p', doc(invoke('*'), {Sid: 'OnlyOther', Effect: 'Deny', Action: 'execute-api:Invoke', NotResource: 'arn:aws:execute-api:*:*:zzzzzzzzzz/*'}))],
    decision: 'explicitDeny',
    deciding: ['p OnlyOther'],
  },
  {
    name: 'an Allow whose condition needs a key the simulation lacks does not allow; the key is named',
    inline: [inline('p', doc(invoke('*', {Sid: 'OfficeOnly', Condition: {IpAddress: {'aws:SourceIp': '10.0.0.0/8'}}})))],
    decision: 'implicitDeny',
    deciding: [],
    missing: ['aws:SourceIp'],
  },
  {
    name: 'managed + inline: the managed policy allows',
    inline: [inline('boilerplate', doc({Effect: 'Allow', Action: 'cognito-identity:*', Resource: '*'}))],
    managed: [managed('notes-invoke', doc(invoke('arn:aws:execute-api:us-east-1:*:a1b2c3d4e5/*', {Sid: 'InvokeNotesApi'})))],
    decision: 'allowed',
    deciding: ['notes-invoke InvokeNotesApi'],
  },
  {
    name: 'permission boundary without execute-api blocks an identity Allow',
    inline: [inline('p', doc(invoke('*')))],
    boundary: {name: 'boundary', arn: `arn:aws:iam::${account}:policy/boundary`, kind: 'boundary', document: doc({Effect: 'Allow', Action: 's3:*', Resource: '*'})},
    decision: 'implicitDeny',
    deciding: [],
  },
  {
    name: 'permission boundary that allows execute-api lets the identity Allow through',
    inline: [inline('p', doc(invoke('*', {Sid: 'Invoke'})))],
    boundary: {name: 'boundary', arn: `arn:aws:iam::${account}:policy/boundary`, kind: 'boundary', document: doc({Effect: 'Allow', Action: 'execute-api:*', Resource: '*'})},
    decision: 'allowed',
    deciding: ['p Invoke'],
  },
  {name: 'the API-wide ARN is allowed by the same pattern (matched literally)', resource: apiWideArn, inline: [inline('p', doc(invoke(apiWideArn)))], decision: 'allowed', deciding: ['p #1']},
  {name: 'the API-wide ARN is not covered by a grant for one stage', resource: apiWideArn, inline: [inline('p', doc(invoke('arn:aws:execute-api:us-east-1:*:a1b2c3d4e5/prod/*')))], decision: 'implicitDeny', deciding: []},
];

function policies(row: Row): RolePolicies {
  return {roleName: 'Cognito_notesAuth_Role', inline: row.inline ?? [], managed: row.managed ?? [], boundary: row.boundary, unread: []};
}

describe('offline evaluation of execute-api:Invoke', () => {
  it.each(rows)('$name', async (row) => {
    const result = await evaluateOffline({principalArn: roleArn, account, action: 'execute-api:Invoke', resourceArn: row.resource ?? methodArn, policies: policies(row)});
    if (!result.ok) throw new Error(result.reason);
    expect(result.verdict.decision).toBe(row.decision);
    expect(result.verdict.deciding.map((s) => `${s.policyName} ${s.statementId}`)).toEqual(row.deciding);
    expect(result.verdict.missingContextKeys).toEqual(row.missing ?? []);
  });

  it('gives the deciding statement text and says when a boundary blocked', async () => {
    const allowed = await evaluateOffline({principalArn: roleArn, account, action: 'execute-api:Invoke', resourceArn: methodArn, policies: policies(rows[0]!)});
    expect(allowed.ok && JSON.parse(allowed.verdict.deciding[0]!.text)).toEqual(invoke(methodArn, {Sid: 'Exact'}));
    const blocked = await evaluateOffline({principalArn: roleArn, account, action: 'execute-api:Invoke', resourceArn: methodArn, policies: policies(rows.find((r) => r.name.startsWith('permission boundary without'))!)});
    expect(blocked.ok && blocked.verdict.blockedByBoundary).toBe(true);
    expect(blocked.ok && blocked.verdict.note).toMatch(/permissions boundary boundary does not/);
  });

  it('reports what it cannot evaluate instead of guessing', async () => {
    const root = `arn:aws:execute-api:us-east-1:${account}:a1b2c3d4e5/prod/GET/`;
    const result = await evaluateOffline({principalArn: roleArn, account, action: 'execute-api:Invoke', resourceArn: root, policies: policies(rows[0]!)});
    expect(result.ok).toBe(false);
  });
});
