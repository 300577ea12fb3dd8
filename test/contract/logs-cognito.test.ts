// CloudWatch Logs and Cognito Identity: the log reads the logs/timeouts stages make and the
// identity pool reads of the identity stage, asked of the sandbox and of moto with the
// lambda-error preset (failing invocations in both the Lambda and the execution log).
import {
  CloudWatchLogsClient,
  DescribeLogGroupsCommand,
  DescribeLogStreamsCommand,
  FilterLogEventsCommand,
  GetLogEventsCommand,
  type FilterLogEventsCommandInput,
} from '@aws-sdk/client-cloudwatch-logs';
import {CognitoIdentityClient, DescribeIdentityPoolCommand, GetIdentityPoolRolesCommand, ListIdentityPoolsCommand} from '@aws-sdk/client-cognito-identity';
import {expect, it} from 'vitest';
import {byKey, contractSuite, type Backend} from './backends.js';

const logs = (b: Backend) => new CloudWatchLogsClient(b.config());
const cognito = (b: Backend) => new CognitoIdentityClient(b.config());
const lambdaGroup = '/aws/lambda/notes-api';
const executionGroup = 'API-Gateway-Execution-Logs_a1b2c3d4e5/prod';

async function filterAll(b: Backend, input: FilterLogEventsCommandInput): Promise<{events: Array<{logStreamName?: string; timestamp?: number; message?: string}>; pages: number}> {
  const events: Array<{logStreamName?: string; timestamp?: number; message?: string}> = [];
  let nextToken: string | undefined;
  let pages = 0;
  do {
    const page = await logs(b).send(new FilterLogEventsCommand({...input, nextToken}));
    events.push(...(page.events ?? []).map((e) => ({logStreamName: e.logStreamName, timestamp: e.timestamp, message: e.message})));
    nextToken = page.nextToken;
    pages += 1;
  } while (nextToken !== undefined && pages < 200);
  return {events, pages};
}

contractSuite('contract: CloudWatch Logs, Cognito Identity', 'lambda-error', (backends) => {
  it('DescribeLogGroups lists the Lambda, execution and access log groups, by prefix too', async () => {
    const {sandbox, moto} = await backends().both(async (b) => {
      const all = await logs(b).send(new DescribeLogGroupsCommand({}));
      const lambdaOnly = await logs(b).send(new DescribeLogGroupsCommand({logGroupNamePrefix: '/aws/lambda/'}));
      return {
        all: byKey(all.logGroups, (g) => g.logGroupName ?? '').map((g) => ({logGroupName: g.logGroupName, retentionInDays: g.retentionInDays, arn: g.arn, created: typeof g.creationTime})),
        lambdaOnly: (lambdaOnly.logGroups ?? []).map((g) => g.logGroupName),
      };
    });
    expect(sandbox).toEqual(moto);
    expect(sandbox.all.map((g) => g.logGroupName)).toEqual(['/aws/apigateway/notes-prod-access', '/aws/lambda/notes-api', executionGroup]);
    expect(sandbox.lambdaOnly).toEqual([lambdaGroup]);
  });

  it('DescribeLogGroups pages with limit/nextToken', async () => {
    const {sandbox, moto} = await backends().both(async (b) => {
      const names: string[] = [];
      let nextToken: string | undefined;
      let pages = 0;
      do {
        const page = await logs(b).send(new DescribeLogGroupsCommand({limit: 1, nextToken}));
        names.push(...(page.logGroups ?? []).map((g) => g.logGroupName ?? ''));
        nextToken = page.nextToken;
        pages += 1;
      } while (nextToken !== undefined && pages < 10);
      return {names, pages};
    });
    expect(sandbox).toEqual(moto);
    expect(sandbox.names.length).toBe(3);
  });

  it('DescribeLogStreams gives Lambda streams newest first with their event time range', async () => {
    const {sandbox, moto} = await backends().both(async (b) => {
      const out = await logs(b).send(new DescribeLogStreamsCommand({logGroupName: lambdaGroup, orderBy: 'LastEventTime', descending: true}));
      return (out.logStreams ?? []).map((s) => ({logStreamName: s.logStreamName, firstEventTimestamp: s.firstEventTimestamp, lastEventTimestamp: s.lastEventTimestamp}));
    });
    expect(sandbox).toEqual(moto);
    expect(sandbox.length).toBe(2);
    const missing = await backends().bothFail((b) => logs(b).send(new DescribeLogStreamsCommand({logGroupName: '/aws/lambda/notes-api-old'})));
    expect(missing.sandbox).toEqual(missing.moto);
    expect(missing.sandbox).toEqual({name: 'ResourceNotFoundException', status: 400});
  });

  it('GetLogEvents reads a stream from the head in pages and repeats the forward token at the end', async () => {
    const {sandbox, moto} = await backends().both(async (b) => {
      const stream = (await logs(b).send(new DescribeLogStreamsCommand({logGroupName: lambdaGroup}))).logStreams![0]!.logStreamName!;
      const messages: string[] = [];
      let nextToken: string | undefined;
      let repeated = false;
      for (let page = 0; page < 50 && !repeated; page += 1) {
        const out = await logs(b).send(new GetLogEventsCommand({logGroupName: lambdaGroup, logStreamName: stream, startFromHead: true, limit: 10, nextToken}));
        messages.push(...(out.events ?? []).map((e) => e.message ?? ''));
        repeated = out.nextForwardToken === nextToken;
        nextToken = out.nextForwardToken;
      }
      return {stream, messages, repeated};
    });
    expect(sandbox.stream).toBe(moto.stream);
    expect(sandbox.messages).toEqual(moto.messages);
    expect(sandbox.repeated).toBe(true);
    expect(moto.repeated).toBe(true);
  });

  it('FilterLogEvents finds the Invoke Errors in the Lambda log and the 502s in the execution log, within a time window', async () => {
    const {sandbox, moto} = await backends().both(async (b) => {
      const window = {startTime: backends().seed.now - 3_600_000, endTime: backends().seed.now + 1};
      const errors = await filterAll(b, {logGroupName: lambdaGroup, filterPattern: '"Invoke Error"', ...window});
      const failed = await filterAll(b, {logGroupName: executionGroup, filterPattern: '"customer function error"', ...window});
      const sortByTime = <T extends {timestamp?: number; message?: string}>(events: T[]) => [...events].sort((x, y) => (x.timestamp ?? 0) - (y.timestamp ?? 0) || (x.message ?? '').localeCompare(y.message ?? ''));
      return {errors: sortByTime(errors.events), failed: sortByTime(failed.events)};
    });
    expect(sandbox).toEqual(moto);
    expect(sandbox.errors.length).toBe(5);
    expect(sandbox.failed.length).toBe(5);
    for (const event of sandbox.failed) expect(event.message).toMatch(/Lambda request id: [0-9a-f-]{36}$/);
  });

  it('FilterLogEvents pages with limit/nextToken and together returns every matching event', async () => {
    const {sandbox, moto} = await backends().both(async (b) => {
      const all = await filterAll(b, {logGroupName: lambdaGroup, filterPattern: 'REPORT', limit: 4});
      return {messages: all.events.map((e) => e.message ?? '').sort(), paged: all.pages > 1};
    });
    expect(sandbox).toEqual(moto);
    expect(sandbox.messages.length).toBe(14);
    const missing = await backends().bothFail((b) => logs(b).send(new FilterLogEventsCommand({logGroupName: 'API-Gateway-Execution-Logs_a1b2c3d4e5/prd'})));
    expect(missing.sandbox).toEqual(missing.moto);
    expect(missing.sandbox).toEqual({name: 'ResourceNotFoundException', status: 400});
  });

  it('ListIdentityPools and DescribeIdentityPool give both pools and their user pool providers', async () => {
    const {sandbox, moto} = await backends().both(async (b) => {
      const pools = byKey((await cognito(b).send(new ListIdentityPoolsCommand({MaxResults: 60}))).IdentityPools, (p) => p.IdentityPoolName ?? '');
      const described = await Promise.all(
        pools.map(async (p) => {
          const d = await cognito(b).send(new DescribeIdentityPoolCommand({IdentityPoolId: p.IdentityPoolId}));
          return {IdentityPoolId: d.IdentityPoolId, IdentityPoolName: d.IdentityPoolName, AllowUnauthenticatedIdentities: d.AllowUnauthenticatedIdentities, CognitoIdentityProviders: d.CognitoIdentityProviders};
        }),
      );
      return {pools, described};
    });
    expect(sandbox).toEqual(moto);
    expect(sandbox.pools.map((p) => p.IdentityPoolName)).toEqual(['inventory_identity_pool', 'notes_identity_pool']);
    const missing = await backends().bothFail((b) => cognito(b).send(new DescribeIdentityPoolCommand({IdentityPoolId: 'us-east-1:00000000-0000-4000-8000-000000000000'})));
    expect(missing.sandbox).toEqual(missing.moto);
    expect(missing.sandbox).toEqual({name: 'ResourceNotFoundException', status: 400});
  });

  it('GetIdentityPoolRoles names the authenticated role (sandbox only: moto 5.2.1 lacks the operation)', async () => {
    const {sandbox, scenario} = backends();
    const pool = scenario.identityPools.find((p) => p.name === 'notes_identity_pool')!;
    const out = await cognito(sandbox).send(new GetIdentityPoolRolesCommand({IdentityPoolId: pool.id}));
    expect(out.Roles).toEqual({authenticated: pool.authenticatedRoleArn, unauthenticated: pool.unauthenticatedRoleArn});
  });
});
