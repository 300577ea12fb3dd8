import {
  CloudWatchLogsClient,
  DescribeLogGroupsCommand,
  DescribeLogStreamsCommand,
  FilterLogEventsCommand,
  GetLogEventsCommand,
  GetQueryResultsCommand,
  StartQueryCommand,
  StopQueryCommand,
  paginateDescribeLogGroups,
  paginateFilterLogEvents,
  paginateGetLogEvents,
} from '@aws-sdk/client-cloudwatch-logs';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {LogGroupSeed, Scenario} from '../../src/sandbox/scenario.js';
import {loadScenario} from '../../src/sandbox/scenarios/index.js';
import {startTestSandbox, type TestSandbox} from '../helpers/sandbox.js';

const now = Date.UTC(2024, 4, 1, 13, 0, 0);
const group = '/aws/lambda/orders';
const minute = 60_000;

// Two execution environments of one function: stream A served r1 and r3, stream B r2.
const ordersGroup = (region: string): LogGroupSeed => ({
  name: group,
  region,
  retentionInDays: 14,
  streams: [
    {
      name: '2024/05/01/[$LATEST]aaaa',
      events: [
        {agoMs: 50 * minute, message: 'START RequestId: r1 Version: $LATEST'},
        {agoMs: 50 * minute - 5, message: '2024-05-01T12:10:00.005Z\tr1\tINFO\tlisting orders'},
        {agoMs: 50 * minute - 10, message: 'REPORT RequestId: r1\tDuration: 80.00 ms\tBilled Duration: 80 ms\tMemory Size: 128 MB\tMax Memory Used: 70 MB'},
        {agoMs: 10 * minute, message: 'START RequestId: r3 Version: $LATEST'},
        {agoMs: 10 * minute - 5, message: '2024-05-01T12:50:00.005Z\tr3\tERROR\tInvoke Error \t{"errorType":"TypeError","errorMessage":"boom"}'},
        {agoMs: 10 * minute - 10, message: 'REPORT RequestId: r3\tDuration: 900.00 ms\tBilled Duration: 900 ms\tMemory Size: 128 MB\tMax Memory Used: 90 MB'},
      ],
    },
    {
      name: '2024/05/01/[$LATEST]bbbb',
      events: [
        {agoMs: 30 * minute, message: 'START RequestId: r2 Version: $LATEST'},
        {agoMs: 30 * minute - 5, message: '2024-05-01T12:30:00.005Z\tr2\tERROR\tInvoke Error \t{"errorType":"Error","errorMessage":"db"}'},
        {agoMs: 30 * minute - 10, message: 'REPORT RequestId: r2\tDuration: 300.00 ms\tBilled Duration: 300 ms\tMemory Size: 128 MB\tMax Memory Used: 80 MB'},
      ],
    },
  ],
});

let sandbox: TestSandbox;
let scenario: Scenario;
let logs: CloudWatchLogsClient;

beforeAll(async () => {
  const base = loadScenario('healthy', now);
  scenario = {...base, logGroups: [ordersGroup(base.region), {name: '/aws/lambda/other', region: base.region, streams: []}, {name: '/aws/lambda/far', region: 'eu-west-3', streams: []}]};
  sandbox = await startTestSandbox(scenario, {now});
  logs = new CloudWatchLogsClient(sandbox.clientConfig);
});
afterAll(() => sandbox.stop());

describe('sandbox DescribeLogGroups / DescribeLogStreams over the real SDK', () => {
  it('lists the region\'s groups by prefix or pattern, paged, with both ARN forms', async () => {
    const names: string[] = [];
    for await (const page of paginateDescribeLogGroups({client: logs, pageSize: 1}, {logGroupNamePrefix: '/aws/lambda/'})) names.push(...(page.logGroups ?? []).map((g) => g.logGroupName!));
    expect(names).toEqual(['/aws/lambda/orders', '/aws/lambda/other']);
    const {logGroups} = await logs.send(new DescribeLogGroupsCommand({logGroupNamePattern: 'ORDERS'}));
    expect(logGroups).toHaveLength(1);
    expect(logGroups![0]).toMatchObject({
      logGroupName: group,
      retentionInDays: 14,
      arn: `arn:aws:logs:${scenario.region}:123456789012:log-group:${group}:*`,
      logGroupArn: `arn:aws:logs:${scenario.region}:123456789012:log-group:${group}`,
    });
  });

  it('accepts log group ARNs as identifiers', async () => {
    const arn = `arn:aws:logs:${scenario.region}:123456789012:log-group:${group}`;
    const {logGroups} = await logs.send(new DescribeLogGroupsCommand({logGroupIdentifiers: [arn]}));
    expect(logGroups?.map((g) => g.logGroupName)).toEqual([group]);
    const {events} = await logs.send(new FilterLogEventsCommand({logGroupIdentifier: `${arn}:*`, filterPattern: 'boom'}));
    expect(events).toHaveLength(1);
  });

  it('orders streams by last event time, newest first', async () => {
    const {logStreams} = await logs.send(new DescribeLogStreamsCommand({logGroupName: group, orderBy: 'LastEventTime', descending: true, limit: 1}));
    expect(logStreams).toHaveLength(1);
    expect(logStreams![0]).toMatchObject({logStreamName: '2024/05/01/[$LATEST]aaaa', lastEventTimestamp: now - 10 * minute + 10});
    const bad = await logs.send(new DescribeLogStreamsCommand({logGroupName: group, orderBy: 'LastEventTime', logStreamNamePrefix: '2024'})).catch((e: Error) => e);
    expect(bad).toMatchObject({name: 'InvalidParameterException'});
  });

  it('answers ResourceNotFoundException for a group of another region', async () => {
    const error = await logs.send(new DescribeLogStreamsCommand({logGroupName: '/aws/lambda/far'})).catch((e: Error) => e);
    expect(error).toMatchObject({name: 'ResourceNotFoundException', message: 'The specified log group does not exist.'});
  });
});

describe('sandbox FilterLogEvents over the real SDK', () => {
  it('merges streams in time order within [startTime, endTime] and pages with nextToken', async () => {
    const messages: string[] = [];
    let pages = 0;
    for await (const page of paginateFilterLogEvents({client: logs}, {logGroupName: group, startTime: now - 40 * minute, endTime: now, filterPattern: '?START ?REPORT', limit: 2})) {
      pages += 1;
      expect(page.searchedLogStreams).toEqual([]);
      messages.push(...(page.events ?? []).map((event) => event.message!.split('\t')[0]!));
    }
    expect(messages).toEqual(['START RequestId: r2 Version: $LATEST', 'REPORT RequestId: r2', 'START RequestId: r3 Version: $LATEST', 'REPORT RequestId: r3']);
    expect(pages).toBe(2);
  });

  it('matches quoted phrases and exclusions, and reports each event\'s stream', async () => {
    const {events} = await logs.send(new FilterLogEventsCommand({logGroupName: group, filterPattern: '"Invoke Error" -boom'}));
    expect(events?.map((event) => [event.logStreamName, event.timestamp])).toEqual([['2024/05/01/[$LATEST]bbbb', now - 30 * minute + 5]]);
    expect(events![0]!.eventId).toBeDefined();
  });

  it('rejects an unsupported pattern with InvalidParameterException', async () => {
    const error = await logs.send(new FilterLogEventsCommand({logGroupName: group, filterPattern: '[a, b]'})).catch((e: Error) => e);
    expect(error).toMatchObject({name: 'InvalidParameterException'});
  });
});

describe('sandbox GetLogEvents over the real SDK', () => {
  it('reads from the head and returns the same forward token at the end', async () => {
    const messages: string[] = [];
    const tokens: string[] = [];
    const input = {logGroupName: group, logStreamName: '2024/05/01/[$LATEST]aaaa', startFromHead: true, limit: 4};
    for await (const page of paginateGetLogEvents({client: logs, stopOnSameToken: true}, input)) {
      messages.push(...(page.events ?? []).map((event) => event.message!));
      tokens.push(page.nextForwardToken!);
    }
    expect(messages).toHaveLength(6);
    expect(tokens.at(-1)).toBe(tokens.at(-2));
  });

  it('reads the newest events by default and pages backwards', async () => {
    const latest = await logs.send(new GetLogEventsCommand({logGroupName: group, logStreamName: '2024/05/01/[$LATEST]aaaa', limit: 2}));
    expect(latest.events?.map((event) => event.message!.slice(0, 6))).toEqual(['2024-0', 'REPORT']);
    const before = await logs.send(new GetLogEventsCommand({logGroupName: group, logStreamName: '2024/05/01/[$LATEST]aaaa', limit: 2, nextToken: latest.nextBackwardToken}));
    expect(before.events?.map((event) => event.message!.slice(0, 5))).toEqual(['REPOR', 'START']);
  });
});

describe('sandbox Logs Insights over the real SDK', () => {
  const seconds = (ms: number) => Math.floor(ms / 1000);

  it('moves Scheduled → Running → Complete and returns rows with @ptr and statistics', async () => {
    const {queryId} = await logs.send(
      new StartQueryCommand({
        logGroupName: group,
        startTime: seconds(now - 3_600_000),
        endTime: seconds(now),
        queryString: 'filter @type = "REPORT" | fields @requestId, @duration | sort @duration desc | limit 2',
      }),
    );
    const statuses: string[] = [];
    let results;
    do {
      results = await logs.send(new GetQueryResultsCommand({queryId}));
      statuses.push(results.status!);
    } while (results.status !== 'Complete');
    expect(statuses).toEqual(['Scheduled', 'Running', 'Complete']);
    const rows = results.results!.map((row) => Object.fromEntries(row.map((cell) => [cell.field, cell.value])));
    expect(rows.map((row) => [row['@requestId'], row['@duration']])).toEqual([
      ['r3', '900'],
      ['r2', '300'],
    ]);
    expect(rows[0]!['@ptr']).toBeTruthy();
    expect(results.statistics).toMatchObject({recordsScanned: 9, recordsMatched: 3});
  });

  it('rejects a query it cannot parse and times given in milliseconds', async () => {
    const malformed = await logs.send(new StartQueryCommand({logGroupName: group, startTime: 0, endTime: seconds(now), queryString: 'select everything'})).catch((e: Error) => e);
    expect(malformed).toMatchObject({name: 'MalformedQueryException'});
    const millis = await logs.send(new StartQueryCommand({logGroupName: group, startTime: now - 60_000, endTime: now, queryString: 'fields @message'})).catch((e: Error) => e);
    expect(millis).toMatchObject({name: 'InvalidParameterException'});
  });

  it('stops a running query', async () => {
    const {queryId} = await logs.send(new StartQueryCommand({logGroupNames: [group], startTime: 0, endTime: seconds(now), queryString: 'stats count(*) by bin(1h)'}));
    expect((await logs.send(new StopQueryCommand({queryId}))).success).toBe(true);
    expect((await logs.send(new GetQueryResultsCommand({queryId}))).status).toBe('Cancelled');
    const unknown = await logs.send(new GetQueryResultsCommand({queryId: 'nope'})).catch((e: Error) => e);
    expect(unknown).toMatchObject({name: 'ResourceNotFoundException'});
  });
});
