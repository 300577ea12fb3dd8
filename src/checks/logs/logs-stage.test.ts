import {describe, expect, it} from 'vitest';
import type {QueryResults} from '../../aws/ports.js';
import type {Scenario} from '../../sandbox/scenario.js';
import {loadScenario} from '../../sandbox/scenarios/index.js';
import {FakeAws} from '../../../test/helpers/fake-ports.js';
import {notesEndpoint, stageContext} from '../../../test/helpers/stage-context.js';
import {isProblem, type Finding} from '../findings.js';
import {createLogsStage, type LogsFacts} from './index.js';
import {DURATIONS_QUERY, ERROR_GROUPS_QUERY, EXAMPLE_LINES_QUERY} from './insights-queries.js';
import {INSIGHTS_WINDOW_THRESHOLD_MS} from './log-search.js';

const now = Date.parse('2026-11-26T09:00:00.000Z');
const stage = createLogsStage();

async function run(scenario: Scenario, options: {fake?: FakeAws; sinceMs?: number; probeApiRequestId?: string} = {}) {
  const fake = options.fake ?? new FakeAws(scenario, {now});
  const probe = options.probeApiRequestId ? {kind: 'response' as const, requestedUrl: 'u', status: 502, headers: {'x-amzn-requestid': options.probeApiRequestId}, body: '{"message": "Internal server error"}', elapsedMs: 40} : undefined;
  const outcome = await stage.run(stageContext(fake.ports(), {account: scenario.accountId, endpoint: notesEndpoint({probe})}, {now, sinceMs: options.sinceMs}));
  return {outcome, fake, logs: outcome.facts.logs as LogsFacts, byId: (id: string): Finding | undefined => outcome.findings.find((finding) => finding.id === id)};
}

/** API Gateway request ids whose execution log names a customer function error, oldest first. */
function failedApiRequestIds(scenario: Scenario): string[] {
  const group = scenario.logGroups.find((candidate) => candidate.name.startsWith('API-Gateway-Execution-Logs_'));
  return (group?.streams ?? [])
    .flatMap((stream) => stream.events)
    .filter((event) => event.message.includes('customer function error'))
    .sort((a, b) => b.agoMs - a.agoMs)
    .map((event) => /^\(([^)]+)\)/.exec(event.message)![1]!);
}

describe('logs stage', () => {
  it('lambda-error: groups the TypeErrors with their stack trace and the API Gateway request that carried them', async () => {
    const scenario = loadScenario('lambda-error', now);
    const probeApiRequestId = failedApiRequestIds(scenario).at(-1)!;
    const {byId, logs} = await run(scenario, {probeApiRequestId});
    const finding = byId('lambda-error');
    expect(finding?.severity).toBe('error');
    expect(finding?.detail).toMatch(/^5 failed requests .* 1 distinct error/);
    expect(finding?.detail).toContain("TypeError: Cannot read properties of undefined (reading '…')");
    expect(finding?.detail).toContain('The probe request sent by this run is one of them.');
    const lambdaLog = finding?.evidence.find((evidence) => evidence.label.startsWith('Lambda log /aws/lambda/notes-api'));
    expect(lambdaLog?.text).toMatch(/Invoke Error/);
    const stack = finding?.evidence.find((evidence) => evidence.label === 'Stack trace')?.text ?? lambdaLog?.text ?? '';
    expect(stack).toMatch(/at getNote \(file:\/\/\/var\/task\/index\.mjs:\d+:\d+\)/);
    const carried = finding?.evidence.find((evidence) => evidence.label.startsWith(`API Gateway request ${probeApiRequestId}`));
    expect(carried?.label).toContain("the probe's own request");
    expect(carried?.text).toContain('Lambda execution failed with status 200 due to customer function error');
    expect(carried?.text).toContain('Method completed with status: 502');
    expect(logs.lambdaLog?.method).toBe('filter');
    expect(logs.executionLog?.customerFunctionErrors).toBe(5);
    expect(byId('execution-logging-off')).toBeUndefined();
  });

  it('logging-off: execution-logging-off with the account role and stage steps', async () => {
    const {byId} = await run(loadScenario('logging-off', now));
    const finding = byId('execution-logging-off');
    expect(finding?.severity).toBe('warning');
    expect(finding?.detail).toContain('Logs exist only from the moment logging is switched on');
    expect(finding?.fix?.body).toContain('aws apigateway update-account --region us-east-1 --patch-operations op=replace,path=/cloudwatchRoleArn,value=arn:aws:iam::123456789012:role/APIGatewayCloudWatchLogs');
    expect(finding?.fix?.body).toContain("--rest-api-id a1b2c3d4e5 --stage-name prod --patch-operations 'op=replace,path=/*/*/logging/loglevel,value=INFO'");
    expect(finding?.fix?.body).toContain('AmazonAPIGatewayPushToCloudWatchLogs');
  });

  it('healthy: no problem findings, and it says the search ran', async () => {
    const {outcome, byId} = await run(loadScenario('healthy', now));
    expect(outcome.findings.filter(isProblem)).toEqual([]);
    expect(byId('lambda-logs-clean')?.detail).toMatch(/\/aws\/lambda\/notes-api, .*: \d+ matching lines read with FilterLogEvents/);
  });

  it('lambda-timeout: the log is not called clean; it says invocations timed out and points at the Timeouts stage', async () => {
    const {outcome, byId} = await run(loadScenario('lambda-timeout', now));
    expect(byId('lambda-logs-clean')).toBeUndefined();
    const seen = byId('lambda-logs-timeouts-seen');
    expect(seen?.severity).toBe('info');
    expect(seen?.title).toMatch(/^No exceptions, but \d+ Lambda invocations? timed out \(see Timeouts\)$/);
    expect(seen?.detail).toMatch(/timed out \("Task timed out"\): see the Timeouts stage\./);
    expect(seen?.evidence[0]?.text).toContain('Task timed out after');
    expect(outcome.findings.filter(isProblem)).toEqual([]);
  });

  it('a large window whose Insights query is unsupported pages instead, and still finds the errors', async () => {
    const scenario = loadScenario('lambda-error', now);
    const {byId, logs, fake} = await run(scenario, {sinceMs: INSIGHTS_WINDOW_THRESHOLD_MS + 3_600_000});
    expect(fake.calls.some((call) => call.method === 'startQuery')).toBe(true);
    expect(logs.lambdaLog?.method).toBe('filter');
    expect(logs.lambdaLog?.notes.join(' ')).toMatch(/Logs Insights could not run \(Unsupported.*paged through FilterLogEvents instead/);
    expect(byId('lambda-error')?.detail).toMatch(/^5 failed requests/);
  });

  it('Insights rows without statistics (an emulator that ignores the query) are not trusted', async () => {
    const scenario = loadScenario('lambda-error', now);
    const allRows = (): QueryResults => ({status: 'Complete', rows: [{'@message': 'START RequestId: x', '@timestamp': String(now)}]});
    const fake = new FakeAws(scenario, {now, queryResults: allRows});
    const {logs, byId} = await run(scenario, {fake, sinceMs: INSIGHTS_WINDOW_THRESHOLD_MS * 2});
    expect(logs.lambdaLog?.method).toBe('filter');
    expect(logs.lambdaLog?.notes[0]).toMatch(/no statistics/);
    expect(byId('lambda-error')).toBeDefined();
  });

  it('trusted Insights stats rows feed the same error groups and findings: counts from Insights, examples from the newest lines', async () => {
    const scenario = loadScenario('lambda-error', now);
    const lambdaGroup = scenario.logGroups.find((group) => group.name === '/aws/lambda/notes-api')!;
    const stamp = (agoMs: number) => new Date(now - agoMs).toISOString().replace('T', ' ').replace('Z', '');
    const errors = lambdaGroup.streams.flatMap((stream) => stream.events.filter((event) => /Invoke Error/.test(event.message)).map((event) => ({...event, stream: stream.name}))).sort((a, b) => a.agoMs - b.agoMs);
    const newest = errors[0]!;
    const answers = (queryString: string): QueryResults => {
      const rows =
        queryString === ERROR_GROUPS_QUERY
          ? [{n: '4321', first: stamp(errors.at(-1)!.agoMs + 86_400_000), last: stamp(newest.agoMs), example: newest.message, stream: newest.stream}]
          : queryString === EXAMPLE_LINES_QUERY
            ? errors.map((event) => ({'@timestamp': stamp(event.agoMs), '@message': event.message, '@logStream': event.stream}))
            : queryString === DURATIONS_QUERY
              ? [{invocations: '20000', p50: '85.5', p95: '130.25', maxMs: '139.9', coldStarts: '3'}]
              : [];
      return {status: 'Complete', rows, recordsMatched: rows.length, recordsScanned: 500};
    };
    const fake = new FakeAws(scenario, {now, queryResults: (query) => answers(query.queryString)});
    const {logs, byId} = await run(scenario, {fake, sinceMs: INSIGHTS_WINDOW_THRESHOLD_MS * 2});
    expect(logs.lambdaLog).toMatchObject({method: 'insights', complete: true});
    const finding = byId('lambda-error');
    expect(finding?.detail).toMatch(/^4321 failed requests .* 1 distinct error/);
    expect(finding?.detail).toContain(`first ${new Date(now - errors.at(-1)!.agoMs - 86_400_000).toISOString()}`);
    expect(logs.lambdaLog?.summary.errorGroups[0]?.requestIds).toHaveLength(3);
    expect(logs.lambdaLog?.summary.errorGroups[0]?.examples[0]?.timestamp).toBe(now - newest.agoMs);
    expect(logs.lambdaLog?.summary.durations).toEqual({invocations: 20000, p50Ms: 85.5, p95Ms: 130.25, maxMs: 139.9, coldStarts: 3, memorySizeMb: undefined, maxMemoryUsedMb: undefined});
    expect(byId('lambda-logs-partly-searched')).toBeUndefined();
  });

  it('when the error groups hold fewer lines than Insights says matched, the counts are called a lower bound and the search partial', async () => {
    const scenario = loadScenario('lambda-error', now);
    const example = scenario.logGroups.find((group) => group.name === '/aws/lambda/notes-api')!.streams.flatMap((stream) => stream.events).find((event) => /Invoke Error/.test(event.message))!;
    const stamp = new Date(now - example.agoMs).toISOString().replace('T', ' ').replace('Z', '');
    const queryResults = (query: {queryString: string}): QueryResults =>
      query.queryString === ERROR_GROUPS_QUERY
        ? {status: 'Complete', rows: [{n: '5', first: stamp, last: stamp, example: example.message, stream: 's'}], recordsMatched: 7, recordsScanned: 500}
        : {status: 'Complete', rows: [], recordsMatched: 0, recordsScanned: 500};
    const {logs, byId} = await run(scenario, {fake: new FakeAws(scenario, {now, queryResults}), sinceMs: INSIGHTS_WINDOW_THRESHOLD_MS * 2});
    expect(logs.lambdaLog).toMatchObject({method: 'insights', complete: false, notes: ['Logs Insights grouped 5 of the 7 matching error lines, so the error counts are a lower bound.']});
    expect(byId('lambda-error')?.detail).toMatch(/^5 failed requests/);
    expect(byId('lambda-logs-partly-searched')?.detail).toContain('lower bound');
  });

  it('Insights that returns raw rows for a stats query (it ignored stats) is not trusted', async () => {
    const scenario = loadScenario('lambda-error', now);
    const raw = (): QueryResults => ({status: 'Complete', rows: [{'@timestamp': String(now - 1000), '@message': 'START RequestId: x'}], recordsMatched: 1, recordsScanned: 40});
    const {logs, byId} = await run(scenario, {fake: new FakeAws(scenario, {now, queryResults: raw}), sinceMs: INSIGHTS_WINDOW_THRESHOLD_MS * 2});
    expect(logs.lambdaLog?.method).toBe('filter');
    expect(logs.lambdaLog?.notes[0]).toMatch(/ignored the stats command/);
    expect(byId('lambda-error')?.detail).toMatch(/^5 failed requests/);
  });

  it('completes a trace split one line per event with GetLogEvents after a filtered search', async () => {
    const base = loadScenario('healthy', now);
    const id = '11111111-2222-4333-8444-555555555555';
    const iso = new Date(now - 60_000).toISOString();
    const split = {
      name: '2026/11/26/[$LATEST]0123456789abcdef0123456789abcdef',
      events: [
        {agoMs: 60_001, message: `START RequestId: ${id} Version: $LATEST\n`},
        {agoMs: 60_000, message: `${iso}\t${id}\tERROR\tRangeError: Invalid time value\n`},
        {agoMs: 59_999, message: '    at Date.toISOString (<anonymous>)\n'},
        {agoMs: 59_998, message: '    at formatNote (/var/task/format.js:12:30)\n'},
        {agoMs: 59_990, message: `END RequestId: ${id}\n`},
      ],
    };
    const scenario: Scenario = {...base, logGroups: base.logGroups.map((group) => (group.name === '/aws/lambda/notes-api' ? {...group, streams: [...group.streams, split]} : group))};
    const {byId, fake} = await run(scenario);
    const text = byId('lambda-error')?.evidence[0]?.text ?? '';
    expect(text).toContain('RangeError: Invalid time value\n    at Date.toISOString (<anonymous>)\n    at formatNote (/var/task/format.js:12:30)');
    expect(fake.calls.filter((call) => call.method === 'getLogEvents')).toHaveLength(1);
  });

  it('reads JSON-format records in the same group as text ones (the format changed between deploys)', async () => {
    const base = loadScenario('healthy', now);
    const id = '99999999-2222-4333-8444-555555555555';
    const json = {
      name: '2026/11/26/[$LATEST]fedcba9876543210fedcba9876543210',
      events: [
        {agoMs: 30_000, message: JSON.stringify({time: new Date(now - 30_000).toISOString(), type: 'platform.start', record: {requestId: id, version: '$LATEST'}})},
        {agoMs: 29_990, message: JSON.stringify({timestamp: new Date(now - 29_990).toISOString(), level: 'ERROR', requestId: id, message: 'Invoke Error', errorType: 'SyntaxError', errorMessage: 'Unexpected token } in JSON at position 12', stackTrace: ['SyntaxError: Unexpected token } in JSON at position 12', '    at JSON.parse (<anonymous>)', '    at saveNote (file:///var/task/index.mjs:27:30)']})},
        {agoMs: 29_980, message: JSON.stringify({time: new Date(now - 29_980).toISOString(), type: 'platform.report', record: {requestId: id, metrics: {durationMs: 12.5, billedDurationMs: 13, memorySizeMB: 256, maxMemoryUsedMB: 90}, status: 'error'}})},
      ],
    };
    const scenario: Scenario = {...base, logGroups: base.logGroups.map((group) => (group.name === '/aws/lambda/notes-api' ? {...group, streams: [...group.streams, json]} : group))};
    const {byId, logs} = await run(scenario);
    expect(byId('lambda-error')?.detail).toContain('1× SyntaxError: Unexpected token } in JSON at position <n>');
    expect(byId('lambda-error')?.evidence.find((evidence) => evidence.label === 'Stack trace')?.text).toContain('at saveNote (file:///var/task/index.mjs:27:30)');
    expect(logs.lambdaLog?.summary.durations.invocations).toBe(10);
  });

  it('AccessDenied on GetAccount is a warning naming the permission, and the search still runs', async () => {
    const scenario = loadScenario('lambda-error', now);
    const fake = new FakeAws(scenario, {now}).fail('apigw', 'getAccount', 'AccessDenied');
    const {byId} = await run(scenario, {fake});
    expect(byId('permission-missing')?.title).toBe('Not allowed to call apigateway:GET');
    expect(byId('lambda-error')).toBeDefined();
  });

  it('the widen-window action searches again over the wider window', async () => {
    const scenario = loadScenario('healthy', now);
    const ctx = stageContext(new FakeAws(scenario, {now}).ports(), {account: scenario.accountId, endpoint: notesEndpoint()}, {now});
    const outcome = await stage.actions!['widen-window']!(ctx, {sinceMs: 6 * 3_600_000});
    const logs = outcome.facts.logs as LogsFacts;
    expect(logs.window).toEqual({startTime: now - 6 * 3_600_000, endTime: now});
  });

  it('fatal errors propagate', async () => {
    const scenario = loadScenario('healthy', now);
    const fake = new FakeAws(scenario, {now}).fail('logs', 'filterLogEvents', 'CredentialsExpired');
    await expect(run(scenario, {fake})).rejects.toMatchObject({kind: 'CredentialsExpired'});
  });
});

describe('a paging run that hits its budget', () => {
  const budgeted = createLogsStage({search: {pagingEventBudget: 10}});
  const runBudgeted = async (fake: FakeAws, scenario: Scenario) =>
    (await budgeted.run(stageContext(fake.ports(), {account: scenario.accountId, endpoint: notesEndpoint()}, {now}))).facts.logs as LogsFacts;

  it('switches to Insights', async () => {
    const scenario = loadScenario('lambda-error', now);
    const durations = [{invocations: '1', p50: '5', p95: '5', maxMs: '5', coldStarts: '0'}];
    const queryResults = (query: {queryString: string}): QueryResults => {
      const rows = query.queryString === DURATIONS_QUERY ? durations : [];
      return {status: 'Complete', rows, recordsMatched: rows.length, recordsScanned: 40};
    };
    const logs = await runBudgeted(new FakeAws(scenario, {now, queryResults}), scenario);
    expect(logs.lambdaLog).toMatchObject({method: 'insights', complete: true, eventsScanned: 1});
    expect(logs.lambdaLog?.summary.durations.invocations).toBe(1);
    expect(logs.lambdaLog?.notes[0]).toBe('FilterLogEvents matched more than 10 lines; switching to Logs Insights.');
  });

  it('says the search was partial when Insights cannot run, instead of "no errors"', async () => {
    // healthy leaves 9 matching lines (its REPORTs): a budget of 5 cuts the search short.
    const scenario = loadScenario('healthy', now);
    const outcome = await createLogsStage({search: {pagingEventBudget: 5}}).run(stageContext(new FakeAws(scenario, {now}).ports(), {account: scenario.accountId, endpoint: notesEndpoint()}, {now}));
    const partial = outcome.findings.find((finding) => finding.id === 'lambda-logs-partly-searched');
    expect(partial?.severity).toBe('info');
    expect(partial?.detail).toContain('Only the oldest 5 matching lines of the window were read');
    expect(outcome.findings.find((finding) => finding.id === 'lambda-logs-clean')).toBeUndefined();
  });
});
