import {
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  IAMClient,
  ListAttachedRolePoliciesCommand,
  ListRolePoliciesCommand,
  ListRolesCommand,
  PutRolePolicyCommand,
  SimulatePrincipalPolicyCommand,
  paginateListRoles,
  paginateSimulatePrincipalPolicy,
  type EvaluationResult,
} from '@aws-sdk/client-iam';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {Scenario} from '../../src/sandbox/scenario.js';
import {loadScenario} from '../../src/sandbox/scenarios/index.js';
import {startTestSandbox, type TestSandbox} from '../helpers/sandbox.js';

const account = '123456789012';
const api = `arn:aws:execute-api:us-east-1:${account}:abc123`;
const boundaryArn = `arn:aws:iam::${account}:policy/boundaries/logs-only`;

// The healthy account plus two roles that exercise the evaluator through the wire: one with
// an allow and a deny on the API, one whose permissions boundary caps an allow-all.
function scenario(): Scenario {
  const base = loadScenario('healthy');
  const trust = {Version: '2012-10-17', Statement: [{Effect: 'Allow', Principal: {Service: 'lambda.amazonaws.com'}, Action: 'sts:AssumeRole'}]};
  return {
    ...base,
    roles: [
      ...base.roles,
      {
        name: 'caller',
        path: '/app/',
        assumeRolePolicy: trust,
        inlinePolicies: {
          invoke: {Version: '2012-10-17', Statement: [{Sid: 'Invoke', Effect: 'Allow', Action: 'execute-api:Invoke', Resource: `${api}/prod/*`}]},
          guard: {Version: '2012-10-17', Statement: [{Effect: 'Deny', Action: 'execute-api:Invoke', Resource: `${api}/*/DELETE/*`}]},
          office: {
            Version: '2012-10-17',
            Statement: [{Effect: 'Allow', Action: 'execute-api:Invoke', Resource: `${api}/dev/*`, Condition: {IpAddress: {'aws:SourceIp': '10.0.0.0/8'}}}],
          },
        },
        attachedPolicyArns: ['arn:aws:iam::aws:policy/AmazonAPIGatewayInvokeFullAccess'],
      },
      {name: 'bounded', assumeRolePolicy: trust, inlinePolicies: {all: {Version: '2012-10-17', Statement: [{Effect: 'Allow', Action: '*', Resource: '*'}]}}, attachedPolicyArns: [], permissionsBoundaryArn: boundaryArn},
    ],
    managedPolicies: [
      ...base.managedPolicies,
      {name: 'logs-only', path: '/boundaries/', arn: boundaryArn, document: {Version: '2012-10-17', Statement: [{Effect: 'Allow', Action: 'logs:*', Resource: '*'}]}},
    ],
  };
}

let sandbox: TestSandbox;
let iam: IAMClient;
beforeAll(async () => {
  sandbox = await startTestSandbox(scenario());
  iam = new IAMClient(sandbox.clientConfig);
});
afterAll(() => sandbox.stop());

async function simulate(policySourceArn: string, resourceArns?: string[], pageSize = 2): Promise<EvaluationResult[]> {
  const results: EvaluationResult[] = [];
  const pages = paginateSimulatePrincipalPolicy({client: iam, pageSize}, {PolicySourceArn: policySourceArn, ActionNames: ['execute-api:Invoke'], ResourceArns: resourceArns});
  for await (const page of pages) results.push(...(page.EvaluationResults ?? []));
  return results;
}

describe('sandbox IAM roles and policies over the real SDK', () => {
  it('GetRole returns the role with a URL-encoded trust policy and its boundary', async () => {
    const {Role} = await iam.send(new GetRoleCommand({RoleName: 'bounded'}));
    expect(Role).toMatchObject({RoleName: 'bounded', Path: '/', Arn: `arn:aws:iam::${account}:role/bounded`, PermissionsBoundary: {PermissionsBoundaryArn: boundaryArn}});
    expect(Role?.RoleId).toMatch(/^AROA/);
    expect(Role?.CreateDate).toBeInstanceOf(Date);
    expect(Role?.AssumeRolePolicyDocument).toMatch(/^%7B/);
    expect(JSON.parse(decodeURIComponent(Role!.AssumeRolePolicyDocument!)).Statement[0].Action).toBe('sts:AssumeRole');
  });

  it('GetRole of an unknown role is NoSuchEntityException with AWS wording', async () => {
    const error = await iam.send(new GetRoleCommand({RoleName: 'ghost'})).catch((e: unknown) => e as Error & {$metadata: {httpStatusCode: number}});
    expect(error).toMatchObject({name: 'NoSuchEntityException', message: 'The role with name ghost cannot be found.'});
    expect(error.$metadata.httpStatusCode).toBe(404);
  });

  it('ListRoles pages with Marker/IsTruncated and filters by PathPrefix', async () => {
    const first = await iam.send(new ListRolesCommand({MaxItems: 2}));
    expect(first.Roles).toHaveLength(2);
    expect(first.IsTruncated).toBe(true);
    const names: string[] = [];
    for await (const page of paginateListRoles({client: iam, pageSize: 2}, {})) names.push(...(page.Roles ?? []).map((role) => role.RoleName!));
    expect(names).toEqual(sandbox.state.scenario.roles.map((role) => role.name).sort((a, b) => a.localeCompare(b)));
    const app = await iam.send(new ListRolesCommand({PathPrefix: '/app/'}));
    expect(app.Roles?.map((role) => role.Arn)).toEqual([`arn:aws:iam::${account}:role/app/caller`]);
  });

  it('lists and reads inline policies, URL-encoded', async () => {
    const listed = await iam.send(new ListRolePoliciesCommand({RoleName: 'caller', MaxItems: 2}));
    expect(listed).toMatchObject({PolicyNames: ['guard', 'invoke'], IsTruncated: true});
    const rest = await iam.send(new ListRolePoliciesCommand({RoleName: 'caller', Marker: listed.Marker}));
    expect(rest).toMatchObject({PolicyNames: ['office'], IsTruncated: false});
    const {PolicyDocument} = await iam.send(new GetRolePolicyCommand({RoleName: 'caller', PolicyName: 'invoke'}));
    expect(JSON.parse(decodeURIComponent(PolicyDocument!)).Statement[0].Sid).toBe('Invoke');
    const missing = await iam.send(new GetRolePolicyCommand({RoleName: 'caller', PolicyName: 'nope'})).catch((e: Error) => e);
    expect(missing).toMatchObject({name: 'NoSuchEntityException', message: 'The role policy with name nope cannot be found.'});
  });

  it('lists attached policies and reads AWS-managed and customer-managed versions', async () => {
    const {AttachedPolicies} = await iam.send(new ListAttachedRolePoliciesCommand({RoleName: 'caller'}));
    expect(AttachedPolicies).toEqual([{PolicyName: 'AmazonAPIGatewayInvokeFullAccess', PolicyArn: 'arn:aws:iam::aws:policy/AmazonAPIGatewayInvokeFullAccess'}]);
    const {Policy} = await iam.send(new GetPolicyCommand({PolicyArn: boundaryArn}));
    expect(Policy).toMatchObject({PolicyName: 'logs-only', DefaultVersionId: 'v1', Path: '/boundaries/', PermissionsBoundaryUsageCount: 1});
    const {PolicyVersion} = await iam.send(new GetPolicyVersionCommand({PolicyArn: Policy!.Arn, VersionId: Policy!.DefaultVersionId}));
    expect(JSON.parse(decodeURIComponent(PolicyVersion!.Document!)).Statement[0].Action).toBe('logs:*');
    const unknown = await iam.send(new GetPolicyCommand({PolicyArn: `arn:aws:iam::${account}:policy/none`})).catch((e: Error) => e);
    expect(unknown).toMatchObject({name: 'NoSuchEntityException', message: `Policy arn:aws:iam::${account}:policy/none does not exist or is not attachable.`});
  });
});

describe('sandbox SimulatePrincipalPolicy over the real SDK', () => {
  const caller = `arn:aws:iam::${account}:role/app/caller`;

  it('evaluates each resource, pages, and locates the deciding statements', async () => {
    const results = await simulate(caller, [`${api}/prod/GET/notes`, `${api}/prod/DELETE/notes/1`, `${api}/dev/GET/notes`], 1);
    expect(results.map((result) => [result.EvalResourceName, result.EvalDecision])).toEqual([
      [`${api}/prod/GET/notes`, 'allowed'],
      [`${api}/prod/DELETE/notes/1`, 'explicitDeny'],
      [`${api}/dev/GET/notes`, 'allowed'],
    ]);
    const [allowed, denied] = results;
    expect(allowed!.MatchedStatements?.map((statement) => [statement.SourcePolicyId, statement.SourcePolicyType])).toEqual([
      ['invoke', 'role'],
      ['AmazonAPIGatewayInvokeFullAccess', 'aws-managed'],
    ]);
    expect(denied!.MatchedStatements).toEqual([{SourcePolicyId: 'guard', SourcePolicyType: 'role', StartPosition: {Line: 4, Column: 5}, EndPosition: {Line: 8, Column: 6}}]);
    expect(denied!.ResourceSpecificResults).toEqual([
      {EvalResourceName: `${api}/prod/DELETE/notes/1`, EvalResourceDecision: 'explicitDeny', MatchedStatements: denied!.MatchedStatements, MissingContextValues: []},
    ]);
  });

  it('reports condition keys it could not resolve', async () => {
    const base = loadScenario('healthy');
    const narrow = await startTestSandbox({
      ...base,
      roles: [{name: 'office', assumeRolePolicy: base.roles[0]!.assumeRolePolicy, attachedPolicyArns: [], inlinePolicies: {ip: {Version: '2012-10-17', Statement: [{Effect: 'Allow', Action: '*', Resource: '*', Condition: {IpAddress: {'aws:SourceIp': '10.0.0.0/8'}}}]}}}],
    });
    try {
      const client = new IAMClient(narrow.clientConfig);
      const input = {PolicySourceArn: `arn:aws:iam::${account}:role/office`, ActionNames: ['execute-api:Invoke']};
      const without = await client.send(new SimulatePrincipalPolicyCommand(input));
      expect(without.EvaluationResults?.[0]).toMatchObject({EvalResourceName: '*', EvalDecision: 'implicitDeny', MissingContextValues: ['aws:SourceIp']});
      const withIp = await client.send(new SimulatePrincipalPolicyCommand({...input, ContextEntries: [{ContextKeyName: 'aws:SourceIp', ContextKeyValues: ['10.9.8.7'], ContextKeyType: 'ip'}]}));
      expect(withIp.EvaluationResults?.[0]).toMatchObject({EvalDecision: 'allowed', MissingContextValues: []});
    } finally {
      await narrow.stop();
    }
  });

  it('applies the permissions boundary', async () => {
    const [result] = await simulate(`arn:aws:iam::${account}:role/bounded`, [`${api}/prod/GET/notes`]);
    expect(result).toMatchObject({EvalDecision: 'implicitDeny', MatchedStatements: [], PermissionsBoundaryDecisionDetail: {AllowedByPermissionsBoundary: false}});
  });

  it('answers NoSuchEntity for an unknown principal', async () => {
    const error = await simulate(`arn:aws:iam::${account}:role/ghost`).catch((e: Error) => e);
    expect(error).toMatchObject({name: 'NoSuchEntityException'});
  });
});

describe('sandbox PutRolePolicy over the real SDK', () => {
  it('stores a valid policy that the next simulation uses', async () => {
    const role = `arn:aws:iam::${account}:role/Cognito_notesUnauth_Role`;
    expect((await simulate(role, [`${api}/prod/GET/notes`]))[0]?.EvalDecision).toBe('implicitDeny');
    const document = JSON.stringify({Version: '2012-10-17', Statement: [{Effect: 'Allow', Action: 'execute-api:Invoke', Resource: `${api}/*`}]});
    await iam.send(new PutRolePolicyCommand({RoleName: 'Cognito_notesUnauth_Role', PolicyName: 'apigw-doctor-invoke', PolicyDocument: document}));
    const [after] = await simulate(role, [`${api}/prod/GET/notes`]);
    expect(after).toMatchObject({EvalDecision: 'allowed', MatchedStatements: [{SourcePolicyId: 'apigw-doctor-invoke', SourcePolicyType: 'role'}]});
    const {PolicyNames} = await iam.send(new ListRolePoliciesCommand({RoleName: 'Cognito_notesUnauth_Role'}));
    expect(PolicyNames).toContain('apigw-doctor-invoke');
  });

  it('rejects a malformed document and an unknown role', async () => {
    const bad = await iam.send(new PutRolePolicyCommand({RoleName: 'caller', PolicyName: 'x', PolicyDocument: '{"Statement": ['})).catch((e: Error) => e);
    expect(bad).toMatchObject({name: 'MalformedPolicyDocumentException', message: 'Syntax errors in policy.'});
    const noResource = await iam
      .send(new PutRolePolicyCommand({RoleName: 'caller', PolicyName: 'x', PolicyDocument: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*"}]}'}))
      .catch((e: Error) => e);
    expect(noResource).toMatchObject({name: 'MalformedPolicyDocumentException', message: 'Policy statement must contain resources.'});
    const ghost = await iam.send(new PutRolePolicyCommand({RoleName: 'ghost', PolicyName: 'x', PolicyDocument: '{}'})).catch((e: Error) => e);
    expect(ghost).toMatchObject({name: 'NoSuchEntityException'});
  });
});
