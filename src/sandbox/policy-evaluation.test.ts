import {describe, expect, it} from 'vitest';
import type {PolicyDocument} from './scenario.js';
import {evaluate, isInvokeAllowed, policyText, statementLocations, type PolicySource} from './policy-evaluation.js';
import {loadScenario} from './scenarios/index.js';
import {createState} from './state.js';

const api = 'arn:aws:execute-api:us-east-1:123456789012:abc123';
const invoke = (resource: string, context: Record<string, string[]> = {}) => ({
  action: 'execute-api:Invoke',
  resource,
  context: new Map(Object.entries(context).map(([key, values]) => [key.toLowerCase(), values])),
});
const doc = (...Statement: Array<Record<string, unknown>>): PolicyDocument => ({Version: '2012-10-17', Statement});
const inline = (document: PolicyDocument, id = 'p'): PolicySource => ({id, type: 'role', document});

describe('evaluate: the decision table', () => {
  const cases: Array<[string, PolicySource[], PolicySource | undefined, string, string]> = [
    ['exact allow', [inline(doc({Effect: 'Allow', Action: 'execute-api:Invoke', Resource: `${api}/prod/GET/items`}))], undefined, `${api}/prod/GET/items`, 'allowed'],
    ['no statement → implicit deny', [inline(doc({Effect: 'Allow', Action: 's3:GetObject', Resource: '*'}))], undefined, `${api}/prod/GET/items`, 'implicitDeny'],
    ['action matching ignores case and takes wildcards', [inline(doc({Effect: 'Allow', Action: 'Execute-API:*', Resource: '*'}))], undefined, `${api}/prod/GET/x`, 'allowed'],
    ['`*` in the middle matches across slashes', [inline(doc({Effect: 'Allow', Action: 'execute-api:Invoke', Resource: 'arn:aws:execute-api:*:*:abc123/*/GET/*'}))], undefined, `${api}/prod/GET/a/b/c`, 'allowed'],
    ['trailing /* is a prefix match', [inline(doc({Effect: 'Allow', Action: 'execute-api:Invoke', Resource: `${api}/prod/*`}))], undefined, `${api}/prod/POST/orders/1`, 'allowed'],
    ['/* prefix does not cover another stage', [inline(doc({Effect: 'Allow', Action: 'execute-api:Invoke', Resource: `${api}/prod/*`}))], undefined, `${api}/dev/GET/x`, 'implicitDeny'],
    ['`?` matches exactly one character', [inline(doc({Effect: 'Allow', Action: 'execute-api:Invoke', Resource: `${api}/prod/GET/item?`}))], undefined, `${api}/prod/GET/items`, 'allowed'],
    ['resources compare case-sensitively', [inline(doc({Effect: 'Allow', Action: 'execute-api:Invoke', Resource: `${api}/PROD/*`}))], undefined, `${api}/prod/GET/x`, 'implicitDeny'],
    [
      'explicit deny wins over allow',
      [inline(doc({Effect: 'Allow', Action: '*', Resource: '*'})), inline(doc({Effect: 'Deny', Action: 'execute-api:Invoke', Resource: `${api}/*/DELETE/*`}), 'deny')],
      undefined,
      `${api}/prod/DELETE/x`,
      'explicitDeny',
    ],
    ['NotAction allows everything else', [inline(doc({Effect: 'Allow', NotAction: 'iam:*', Resource: '*'}))], undefined, `${api}/prod/GET/x`, 'allowed'],
    ['NotAction excludes the named action', [inline(doc({Effect: 'Allow', NotAction: 'execute-api:*', Resource: '*'}))], undefined, `${api}/prod/GET/x`, 'implicitDeny'],
    ['NotResource allows other resources', [inline(doc({Effect: 'Allow', Action: 'execute-api:Invoke', NotResource: `${api}/admin/*`}))], undefined, `${api}/prod/GET/x`, 'allowed'],
    ['NotResource excludes the named one', [inline(doc({Effect: 'Allow', Action: 'execute-api:Invoke', NotResource: `${api}/admin/*`}))], undefined, `${api}/admin/GET/x`, 'implicitDeny'],
    [
      'boundary without the action caps an allow',
      [inline(doc({Effect: 'Allow', Action: '*', Resource: '*'}))],
      {id: 'Boundary', type: 'user-managed', document: doc({Effect: 'Allow', Action: 'logs:*', Resource: '*'})},
      `${api}/prod/GET/x`,
      'implicitDeny',
    ],
    [
      'boundary that allows lets the identity allow through',
      [inline(doc({Effect: 'Allow', Action: 'execute-api:Invoke', Resource: '*'}))],
      {id: 'Boundary', type: 'user-managed', document: doc({Effect: 'Allow', Action: 'execute-api:*', Resource: '*'})},
      `${api}/prod/GET/x`,
      'allowed',
    ],
    ['boundary alone grants nothing', [], {id: 'Boundary', type: 'aws-managed', document: doc({Effect: 'Allow', Action: '*', Resource: '*'})}, `${api}/prod/GET/x`, 'implicitDeny'],
  ];
  it.each(cases)('%s', (_name, identity, boundary, resource, decision) => {
    expect(evaluate(identity, boundary, invoke(resource)).decision).toBe(decision);
  });

  it('lists only the deny statements when a deny decides, with source and position', () => {
    const result = evaluate(
      [inline(doc({Effect: 'Allow', Action: '*', Resource: '*'}), 'allow-all'), {id: 'Guard', type: 'user-managed', document: doc({Effect: 'Deny', Action: 'execute-api:*', Resource: '*'})}],
      undefined,
      invoke(`${api}/prod/GET/x`),
    );
    expect(result.matchedStatements).toEqual([{sourcePolicyId: 'Guard', sourcePolicyType: 'user-managed', start: {line: 4, column: 5}, end: {line: 8, column: 6}}]);
  });

  it('reports the boundary verdict only when there is a boundary', () => {
    const identity = [inline(doc({Effect: 'Allow', Action: '*', Resource: '*'}))];
    expect(evaluate(identity, undefined, invoke(`${api}/prod/GET/x`)).allowedByPermissionsBoundary).toBeUndefined();
    const boundary: PolicySource = {id: 'B', type: 'user-managed', document: doc({Effect: 'Allow', Action: 's3:*', Resource: '*'})};
    expect(evaluate(identity, boundary, invoke(`${api}/prod/GET/x`)).allowedByPermissionsBoundary).toBe(false);
  });
});

describe('evaluate: conditions', () => {
  const ipLimited = inline(doc({Effect: 'Allow', Action: 'execute-api:Invoke', Resource: '*', Condition: {IpAddress: {'aws:SourceIp': '10.0.0.0/8'}}}));

  it('an unresolved condition key denies and is reported as missing', () => {
    const result = evaluate([ipLimited], undefined, invoke(`${api}/prod/GET/x`));
    expect(result).toMatchObject({decision: 'implicitDeny', missingContextValues: ['aws:SourceIp']});
  });

  it('evaluates supplied context values (keys are case-insensitive)', () => {
    expect(evaluate([ipLimited], undefined, invoke(`${api}/prod/GET/x`, {'AWS:SOURCEIP': ['10.1.2.3']})).decision).toBe('allowed');
    expect(evaluate([ipLimited], undefined, invoke(`${api}/prod/GET/x`, {'aws:SourceIp': ['192.168.0.1']})).decision).toBe('implicitDeny');
  });

  it('handles IfExists, Null, negated and set operators', () => {
    const allowIf = (Condition: Record<string, unknown>) => [inline(doc({Effect: 'Allow', Action: '*', Resource: '*', Condition}))];
    const run = (Condition: Record<string, unknown>, context: Record<string, string[]> = {}) => evaluate(allowIf(Condition), undefined, invoke(`${api}/p/GET/x`, context)).decision;
    expect(run({StringEqualsIfExists: {'aws:PrincipalTag/team': 'core'}})).toBe('allowed');
    expect(run({Null: {'aws:TokenIssueTime': 'true'}})).toBe('allowed');
    expect(run({StringNotEquals: {'aws:RequestedRegion': ['eu-west-1', 'eu-west-2']}}, {'aws:RequestedRegion': ['us-east-1']})).toBe('allowed');
    expect(run({StringNotEquals: {'aws:RequestedRegion': 'us-east-1'}}, {'aws:RequestedRegion': ['us-east-1']})).toBe('implicitDeny');
    expect(run({'ForAllValues:StringLike': {'aws:TagKeys': 'team-*'}}, {'aws:TagKeys': ['team-a', 'team-b']})).toBe('allowed');
    expect(run({'ForAnyValue:StringEquals': {'aws:TagKeys': 'x'}}, {'aws:TagKeys': ['a', 'x']})).toBe('allowed');
    expect(run({NumericLessThan: {'s3:max-keys': '10'}}, {'s3:max-keys': ['5']})).toBe('allowed');
    expect(run({Bool: {'aws:SecureTransport': 'true'}}, {'aws:SecureTransport': ['false']})).toBe('implicitDeny');
    expect(run({SomeFutureOperator: {'aws:x': 'y'}}, {'aws:x': ['y']})).toBe('implicitDeny');
  });

  it('fills ${key} policy variables from the context and reports them when absent', () => {
    const identity = [inline(doc({Effect: 'Allow', Action: '*', Resource: `${api}/\${aws:PrincipalTag/stage}/*`}))];
    expect(evaluate(identity, undefined, invoke(`${api}/prod/GET/x`, {'aws:PrincipalTag/stage': ['prod']})).decision).toBe('allowed');
    const missing = evaluate(identity, undefined, invoke(`${api}/prod/GET/x`));
    expect(missing).toMatchObject({decision: 'implicitDeny', missingContextValues: ['aws:PrincipalTag/stage']});
  });
});

describe('statementLocations', () => {
  it('points at each statement in the pretty-printed document', () => {
    const document = doc({Effect: 'Allow', Action: 'a:b', Resource: '*'}, {Effect: 'Deny', Action: ['c:d', 'e:f'], Resource: '*'});
    const lines = policyText(document).split('\n');
    const [first, second] = statementLocations(document);
    expect(lines[first!.start.line - 1]!.charAt(first!.start.column - 1)).toBe('{');
    expect(lines[first!.end.line - 1]!.charAt(first!.end.column - 2)).toBe('}');
    expect(second!.start.line).toBe(first!.end.line + 1);
    expect(lines[second!.end.line - 1]!.trim()).toBe('}');
  });

  it('handles a single statement object', () => {
    const document = {Version: '2012-10-17', Statement: {Effect: 'Allow', Action: '*', Resource: '*'}} as unknown as PolicyDocument;
    expect(statementLocations(document)).toEqual([{start: {line: 3, column: 16}, end: {line: 7, column: 4}}]);
  });
});

describe('isInvokeAllowed over scenario presets', () => {
  const authRole = 'arn:aws:iam::123456789012:role/Cognito_notesAuth_Role';
  const methodArn = (scenario: ReturnType<typeof loadScenario>) => `arn:aws:execute-api:${scenario.region}:123456789012:${scenario.restApis[0]!.id}/prod/GET/notes/42`;

  it('allows the healthy auth role and names the deciding statement', () => {
    const scenario = loadScenario('healthy');
    const decision = isInvokeAllowed(createState(scenario), authRole, methodArn(scenario));
    expect(decision).toMatchObject({allowed: true, roleFound: true, decision: 'allowed'});
    expect(decision.matchedStatements[0]?.sourcePolicyType).toBe('role');
  });

  it('denies the iam-denied auth role, and an unknown role', () => {
    const scenario = loadScenario('iam-denied');
    const state = createState(scenario);
    expect(isInvokeAllowed(state, authRole, methodArn(scenario))).toMatchObject({allowed: false, decision: 'implicitDeny'});
    expect(isInvokeAllowed(state, 'arn:aws:iam::123456789012:role/ghost', methodArn(scenario))).toMatchObject({allowed: false, roleFound: false});
  });
});
