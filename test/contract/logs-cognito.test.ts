// CloudWatch Logs and Cognito Identity: the log reads the logs/timeouts stages make and the
// identity pool reads of the identity stage, asked of the sandbox and of moto with the
// lambda-error preset (failing invocations in both the Lambda and the execution log).
import {
  CloudWatchLogsClient,
  DescribeLogGroupsCommand,
  DescribeLogStreamsCommand,
  FilterLogEventsCommand,
  GetLogEventsCommand,
  GetQueryResultsCommand,
  StartQueryCommand,
  type GetQueryResultsCommandOutput,
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

  it('StartQuery and GetQueryResults run the Insights query the logs stage falls back to', async () => {
    // The logs stage's own query (src/checks/logs/log-search.ts), over the last hour.
    const queryString = [
      'fields @timestamp, @message, @logStream',
      '| filter @message like /ERROR|FATAL|errorType|Task timed out|Runtime\\.|signal: killed|Process exited|REPORT RequestId|platform\\.report/',
      '| sort @timestamp desc',
      '| limit 100',
    ].join('\n');
    const {sandbox, moto} = await backends().both(async (b) => {
      const now = Math.floor(backends().seed.now / 1000);
      const {queryId} = await logs(b).send(new StartQueryCommand({logGroupName: lambdaGroup, startTime: now - 3600, endTime: now + 1, queryString}));
      let out: GetQueryResultsCommandOutput | undefined;
      for (let poll = 0; poll < 50; poll += 1) {
        out = await logs(b).send(new GetQueryResultsCommand({queryId}));
        if (out.status !== 'Running' && out.status !== 'Scheduled') break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const rows = (out?.results ?? []).map((row) => Object.fromEntries(row.filter((f) => f.field !== '@ptr').map((f) => [f.field, f.value])));
      return {status: out?.status, messages: rows.map((r) => r['@message']).sort(), fields: [...new Set(rows.flatMap((r) => Object.keys(r)))].sort()};
    });
    // AWS applies `filter @message like /regex/` (Logs Insights query syntax, "filter"), so
    // the rows are exactly the scenario's Lambda lines the pattern matches. moto 5.2.1 does
    // not apply this regex filter and returns every line, a superset of AWS's answer.
    const pattern = /ERROR|FATAL|errorType|Task timed out|Runtime\.|signal: killed|Process exited|REPORT RequestId|platform\.report/;
    const expected = backends()
      .scenario.logGroups.find((g) => g.name === lambdaGroup)!
      .streams.flatMap((st) => st.events.map((e) => e.message))
      .filter((m) => pattern.test(m))
      .sort();
    expect(sandbox.status).toBe('Complete');
    expect(moto.status).toBe('Complete');
    expect(sandbox.messages).toEqual(expected);
    expect(sandbox.fields).toEqual(['@logStream', '@message', '@timestamp']);
    expect(moto.messages).toEqual(expect.arrayContaining(expected));
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
