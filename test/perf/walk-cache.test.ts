// The per-walk cache over the real adapters and the sandbox: a read is answered once per walk,
// a write makes the reads it changed ask again, and a walk that restarts at the endpoint stage
// asks AWS afresh (the user may just have fixed what it read).
import {afterEach, describe, expect, test} from 'vitest';
import {createAwsPorts, createHttpProbe} from '../../src/aws/index.js';
import {createCachedPorts} from '../../src/aws/cached-ports.js';
import {createWalkScope} from '../../src/run/runtime.js';
import {loadScenario} from '../../src/sandbox/scenarios/index.js';
import {sandboxStopper, startTestSandbox, type TestSandbox} from '../helpers/sandbox.js';

const stopper = sandboxStopper();
afterEach(() => stopper.stopAll());

const role = 'Cognito_notesAuth_Role';
const policyName = 'oneClick_Cognito_notesAuth_Role_1709052834417';

async function sandboxPorts() {
  const sandbox = stopper.track(await startTestSandbox(loadScenario('iam-denied')));
  const aws = createAwsPorts(sandbox.clientConfig);
  const count = (action: string) => sandbox.calls.filter((call) => call.action === action).length;
  return {sandbox, aws, count};
}

describe('cached ports', () => {
  test('the same read is asked once, also when two stages ask at the same time and from another region view', async () => {
    const {aws, count} = await sandboxPorts();
    const cached = createCachedPorts(aws);
    const [a, b] = await Promise.all([cached.iam.getRole(role), cached.iam.getRole(role)]);
    const c = await cached.forRegion('eu-west-1').forRegion(aws.region).iam.getRole(role);
    expect(a).toEqual(b);
    expect(c).toEqual(a);
    expect(count('iam:GetRole')).toBe(1);
    expect(cached.hits()).toBe(2);
    // Different arguments are a different read.
    await cached.iam.getRole('Cognito_notesUnauth_Role');
    expect(count('iam:GetRole')).toBe(2);
  });

  test('a NotFound answer is remembered; PutRolePolicy drops the role policy reads and simulations it changed', async () => {
    const {aws, count} = await sandboxPorts();
    const cached = createCachedPorts(aws);
    await expect(cached.iam.getRolePolicy(role, 'not-there')).rejects.toMatchObject({kind: 'NotFound'});
    await expect(cached.iam.getRolePolicy(role, 'not-there')).rejects.toMatchObject({kind: 'NotFound'});
    expect(count('iam:GetRolePolicy')).toBe(1);

    const simulation = {policySourceArn: `arn:aws:iam::123456789012:role/${role}`, actionNames: ['execute-api:Invoke'], resourceArns: ['*']};
    const before = await cached.iam.getRolePolicy(role, policyName);
    await cached.iam.simulatePrincipalPolicy(simulation);
    await cached.iam.listRoles();
    const document = JSON.stringify({Version: '2012-10-17', Statement: [{Effect: 'Allow', Action: 'execute-api:Invoke', Resource: '*'}]});
    await cached.iam.putRolePolicy(role, policyName, document);

    expect(await cached.iam.getRolePolicy(role, policyName)).not.toEqual(before);
    await cached.iam.simulatePrincipalPolicy(simulation);
    await cached.iam.listRoles();
    expect(count('iam:GetRolePolicy')).toBe(3);
    expect(count('iam:SimulatePrincipalPolicy')).toBe(2);
    // Untouched by the write: still remembered.
    expect(count('iam:ListRoles')).toBe(1);
  });

  test('UpdateStage drops that stage’s settings only', async () => {
    const {sandbox, aws, count} = await sandboxPorts();
    const scenario = sandbox.state.scenario;
    const api = scenario.restApis[0]!;
    const stageName = api.stages[0]!.stageName;
    const cached = createCachedPorts(aws);
    await cached.apigw.getStage(api.id, stageName);
    await cached.apigw.getAccount();
    await cached.apigw.updateStageLogging(api.id, stageName, 'INFO');
    expect((await cached.apigw.getStage(api.id, stageName)).methodSettings['*/*']?.loggingLevel).toBe('INFO');
    await cached.apigw.getAccount();
    expect(count('apigateway:GetStage')).toBe(2);
    expect(count('apigateway:GetAccount')).toBe(1);
  });
});

describe('the walk scope', () => {
  async function scope(sandbox: TestSandbox) {
    return createWalkScope(createAwsPorts(sandbox.clientConfig), createHttpProbe({endpoint: sandbox.endpoint}));
  }
  const input = {url: 'https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/prod/notes/1', method: 'GET', sinceMs: 3_600_000};

  test('one cache from who-am-I through the last stage; the endpoint stage running again starts a fresh one', async () => {
    const {sandbox, count} = await sandboxPorts();
    const walk = await scope(sandbox);
    const signal = new AbortController().signal;
    await walk.current().sts.getCallerIdentity();
    const first = walk.makeContext(input, {account: '123456789012'}, signal);
    await first.aws.sts.getCallerIdentity();
    const later = walk.makeContext(input, {account: '123456789012', endpoint: {url: input.url, method: 'GET', reachesApiGateway: true}}, signal);
    await later.aws.sts.getCallerIdentity();
    expect(later.aws).toBe(first.aws);
    expect(count('sts:GetCallerIdentity')).toBe(1);

    const restarted = walk.makeContext(input, {account: '123456789012'}, signal);
    expect(restarted.aws).not.toBe(first.aws);
    expect(walk.current()).toBe(restarted.aws);
    await restarted.aws.sts.getCallerIdentity();
    expect(count('sts:GetCallerIdentity')).toBe(2);
  });

  test('a stage run again with the same earlier facts (retry, back and re-run, a fix applied) asks afresh', async () => {
    const {sandbox} = await sandboxPorts();
    const walk = await scope(sandbox);
    const signal = new AbortController().signal;
    const endpoint = {url: input.url, method: 'GET', reachesApiGateway: true};
    const identity = {authorizationType: 'AWS_IAM', candidates: []};
    const first = walk.makeContext(input, {}, signal).aws;
    const identityRun = walk.makeContext(input, {endpoint}, signal).aws;
    const simulateRun = walk.makeContext(input, {endpoint, identity}, signal).aws;
    expect([identityRun, simulateRun]).toEqual([first, first]);
    const simulateRetry = walk.makeContext(input, {endpoint, identity}, signal).aws;
    expect(simulateRetry).not.toBe(first);
    const backToIdentity = walk.makeContext(input, {endpoint}, signal).aws;
    expect(backToIdentity).not.toBe(simulateRetry);
    expect(walk.makeContext(input, {endpoint, identity}, signal).aws).toBe(backToIdentity);
  });
});
