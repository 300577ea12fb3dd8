// The adapters against moto, an independent AWS emulator: multi-page lists at AWS's own
// default page sizes, IAM's URL-encoded documents (and moto's plain GetPolicyVersion), and
// the operations moto lacks coming back as Unsupported rather than as a crash.
import {afterAll, beforeAll, expect, it} from 'vitest';
import {zipSync, strToU8} from 'fflate';
import {CloudWatchLogsClient, CreateLogGroupCommand, CreateLogStreamCommand, PutLogEventsCommand} from '@aws-sdk/client-cloudwatch-logs';
import {CognitoIdentityClient, CreateIdentityPoolCommand} from '@aws-sdk/client-cognito-identity';
import {CreatePolicyCommand, CreateRoleCommand, IAMClient, PutRolePolicyCommand} from '@aws-sdk/client-iam';
import {CreateFunctionCommand, LambdaClient} from '@aws-sdk/client-lambda';
import {createAwsPorts} from '../../src/aws/index.js';
import type {AwsPorts} from '../../src/aws/ports.js';
import {describeWithMoto, startMoto, testClientConfig, type MotoServer} from '../helpers/moto.js';

const trust = {Version: '2012-10-17', Statement: [{Effect: 'Allow', Principal: {Service: 'lambda.amazonaws.com'}, Action: 'sts:AssumeRole'}]};
const invoke = {Version: '2012-10-17', Statement: [{Effect: 'Allow', Action: 'execute-api:Invoke', Resource: 'arn:aws:execute-api:us-east-1:*:abc/*'}]};

describeWithMoto('adapters over moto', () => {
  let moto: MotoServer;
  let ports: AwsPorts;

  beforeAll(async () => {
    moto = await startMoto();
    const config = testClientConfig(moto.endpoint);
    ports = createAwsPorts(config);
    const iam = new IAMClient(config);
    // 105 roles: ListRoles returns at most 100 a page by default.
    for (let n = 0; n < 105; n += 1) {
      await iam.send(new CreateRoleCommand({RoleName: `role-${n}`, AssumeRolePolicyDocument: JSON.stringify(trust)}));
    }
    await iam.send(new PutRolePolicyCommand({RoleName: 'role-0', PolicyName: 'invoke', PolicyDocument: JSON.stringify(invoke)}));
    await iam.send(new CreatePolicyCommand({PolicyName: 'managed-invoke', PolicyDocument: JSON.stringify(invoke)}));

    const logs = new CloudWatchLogsClient(config);
    // 55 groups: DescribeLogGroups returns at most 50 a page.
    for (let n = 0; n < 55; n += 1) await logs.send(new CreateLogGroupCommand({logGroupName: `/aws/lambda/fn-${n}`}));
    await logs.send(new CreateLogStreamCommand({logGroupName: '/aws/lambda/fn-0', logStreamName: 's1'}));
    const now = Date.now();
    await logs.send(
      new PutLogEventsCommand({
        logGroupName: '/aws/lambda/fn-0',
        logStreamName: 's1',
        logEvents: [1, 2, 3].map((n) => ({timestamp: now - 10_000 + n, message: `line ${n}`})),
      }),
    );

    const cognito = new CognitoIdentityClient(config);
    // 65 pools: ListIdentityPools takes MaxResults 1-60.
    for (let n = 0; n < 65; n += 1) {
      await cognito.send(new CreateIdentityPoolCommand({IdentityPoolName: `pool${n}`, AllowUnauthenticatedIdentities: false}));
    }

    await new LambdaClient(config).send(
      new CreateFunctionCommand({
        FunctionName: 'plain',
        Runtime: 'nodejs20.x',
        Handler: 'index.handler',
        Role: 'arn:aws:iam::123456789012:role/role-1',
        Code: {ZipFile: zipSync({'index.mjs': strToU8('export const handler = async () => ({statusCode: 200});')})},
      }),
    );
  }, 120_000);
  afterAll(() => moto?.stop());

  it('IAM: ListRoles over several pages; documents come back as JSON', async () => {
    const roles = await ports.iam.listRoles();
    expect(roles.filter((role) => role.roleName.startsWith('role-'))).toHaveLength(105);
    expect(JSON.parse((await ports.iam.getRole('role-0')).assumeRolePolicyDocument ?? '')).toEqual(trust);
    expect(JSON.parse(await ports.iam.getRolePolicy('role-0', 'invoke'))).toEqual(invoke);
    const policy = await ports.iam.getPolicy('arn:aws:iam::123456789012:policy/managed-invoke');
    expect(policy.defaultVersionId).toBe('v1');
    expect(JSON.parse(await ports.iam.getPolicyVersion(policy.arn, policy.defaultVersionId))).toEqual(invoke);
    await expect(ports.iam.getRole('missing')).rejects.toMatchObject({kind: 'NotFound', action: 'iam:GetRole'});
  });

  it('IAM: SimulatePrincipalPolicy, which moto lacks, is Unsupported', async () => {
    await expect(
      ports.iam.simulatePrincipalPolicy({policySourceArn: 'arn:aws:iam::123456789012:role/role-0', actionNames: ['execute-api:Invoke'], resourceArns: ['*']}),
    ).rejects.toMatchObject({kind: 'Unsupported', action: 'iam:SimulatePrincipalPolicy'});
  });

  it('Logs: DescribeLogGroups over several pages; events by filter and by stream', async () => {
    expect(await ports.logs.describeLogGroups('/aws/lambda/fn-')).toHaveLength(55);
    const seen: string[] = [];
    const now = Date.now();
    const result = await ports.logs.filterLogEvents({logGroupName: '/aws/lambda/fn-0', startTime: now - 60_000, endTime: now}, (page) =>
      seen.push(...page.map((event) => event.message)),
    );
    expect(result.events).toBe(3);
    expect(seen).toEqual(['line 1', 'line 2', 'line 3']);
    expect((await ports.logs.getLogEvents('/aws/lambda/fn-0', 's1')).map((event) => event.message)).toEqual(['line 1', 'line 2', 'line 3']);
    expect(await ports.logs.describeLogStreams('/aws/lambda/fn-0', {orderByLastEventTime: true})).toMatchObject([{logStreamName: 's1'}]);
  });

  it('Cognito: ListIdentityPools over several pages', async () => {
    const pools = await ports.cognito.listIdentityPools();
    expect(pools).toHaveLength(65);
    await expect(ports.cognito.describeIdentityPool(pools[0]!.identityPoolId)).resolves.toMatchObject({identityPoolName: pools[0]!.identityPoolName});
  });

  it('Lambda: a function without a resource policy has none', async () => {
    await expect(ports.lambda.getFunctionConfiguration('plain')).resolves.toMatchObject({functionName: 'plain', timeout: 3, memorySize: 128, logGroup: '/aws/lambda/plain'});
    await expect(ports.lambda.getPolicy('plain')).resolves.toBeUndefined();
  });
});
