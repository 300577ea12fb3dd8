// The Insights queries of a large search, run by the sandbox's Insights engine over lines in
// both Lambda log formats, and their rows read back: counts per signature are exact, the
// grouping never mixes lines that parse differently, and raw rows (an engine that ignored
// stats) are refused.
import {describe, expect, it} from 'vitest';
import type {QueryResults} from '../../aws/ports.js';
import {compileQuery, runQuery} from '../../sandbox/logs-insights.js';
import type {InsightsEvent} from '../../sandbox/logs-insights-fields.js';
import {DURATIONS_QUERY, ERROR_GROUPS_QUERY, EXAMPLE_LINES_QUERY, insightsTimestamp, parseCountedLines, parseDurations, parseTimeouts, TIMEOUTS_QUERY} from './insights-queries.js';
import {createLogAggregate} from './log-aggregate.js';

const base = Date.UTC(2026, 10, 26, 8, 0, 0);
const iso = (offset: number) => new Date(base + offset).toISOString();
const rid = (n: number) => `${String(n).padStart(8, '0')}-2222-4333-8444-555555555555`;
let sequence = 0;
function event(offset: number, message: string, logStreamName = 'stream-a'): InsightsEvent {
  sequence += 1;
  return {accountId: '123456789012', logGroupName: '/aws/lambda/notes-api', logStreamName, event: {timestamp: base + offset, ingestionTime: base + offset, message, eventId: String(sequence)}};
}
const invokeError = (offset: number, n: number, id: number) =>
  event(offset, `${iso(offset)}\t${rid(n)}\tERROR\tInvoke Error \t${JSON.stringify({errorType: 'TypeError', errorMessage: `Note ${id} has no owner`, stack: ['TypeError: x', '    at getNote (file:///var/task/index.mjs:16:31)']})}\n`);
const report = (offset: number, n: number, durationMs: number, extra = '') =>
  event(offset, `REPORT RequestId: ${rid(n)}\tDuration: ${durationMs.toFixed(2)} ms\tBilled Duration: ${Math.ceil(durationMs)} ms\tMemory Size: 256 MB\tMax Memory Used: 90 MB\t${extra}\n`);
const jsonError = (offset: number, requestId: string | undefined, errorMessage: string) =>
  event(offset, JSON.stringify({timestamp: iso(offset), level: 'ERROR', ...(requestId ? {requestId} : {}), message: 'Invoke Error', errorType: 'SyntaxError', errorMessage, stackTrace: ['SyntaxError: x']}), 'stream-json');

const events: InsightsEvent[] = [
  event(0, `${iso(0)}\tundefined\tERROR\tUncaught Exception \t{"errorType":"Runtime.ImportModuleError","errorMessage":"Error: Cannot find module 'pg'","stack":[]}\n`),
  invokeError(1_000, 1, 17),
  report(1_010, 1, 40),
  invokeError(2_000, 2, 942),
  report(2_010, 2, 60, 'Init Duration: 150.00 ms\t'),
  invokeError(3_000, 3, 17),
  report(3_010, 3, 20),
  jsonError(4_000, rid(4), 'Unexpected token } in JSON at position 12'),
  jsonError(5_000, rid(5), 'Unexpected token } in JSON at position 80'),
  jsonError(6_000, undefined, 'Unexpected token } in JSON at position 3'),
  event(6_500, JSON.stringify({time: iso(6_500), type: 'platform.report', record: {requestId: rid(6), metrics: {durationMs: 100, memorySizeMB: 256, maxMemoryUsedMB: 256}, status: 'error', errorType: 'Runtime.OutOfMemory'}}), 'stream-json'),
  event(7_000, `${iso(7_000)} ${rid(7)} Task timed out after 6.01 seconds\n`),
  report(7_010, 7, 6_010, 'Status: timeout\t'),
  event(8_000, `${iso(8_000)}\t${rid(8)}\tINFO\tan INFO line that says ERROR is not an error\n`),
];

function answer(queryString: string): QueryResults {
  const {rows, statistics} = runQuery(compileQuery(queryString), events, 10_000);
  return {status: 'Complete', rows: rows.map((row) => Object.fromEntries(row.map((cell) => [cell.field, cell.value]))), ...statistics};
}

describe('the error groups query', () => {
  it('counts per signature over both formats with first/last seen, exactly as reading every line does', () => {
    const counted = parseCountedLines(answer(ERROR_GROUPS_QUERY));
    if (counted.kind !== 'ok') throw new Error(counted.reason);
    const fromInsights = createLogAggregate();
    for (const line of counted.value) fromInsights.addOccurrences(line.event, line.occurrences);
    const everyLine = createLogAggregate();
    for (const {logStreamName, event: stored} of events) everyLine.add({logStreamName, timestamp: stored.timestamp, message: stored.message});
    const groups = (aggregate: ReturnType<typeof createLogAggregate>) =>
      Object.fromEntries(aggregate.summary().errorGroups.map((group) => [group.signature, {category: group.category, count: group.count, firstSeen: group.firstSeen - base, lastSeen: group.lastSeen - base}]));
    expect(groups(fromInsights)).toEqual({
      "Runtime.ImportModuleError: Error: Cannot find module '…'": {category: 'init', count: 1, firstSeen: 0, lastSeen: 0},
      'TypeError: Note <n> has no owner': {category: 'error', count: 3, firstSeen: 1_000, lastSeen: 3_000},
      'SyntaxError: Unexpected token } in JSON at position <n>': {category: 'error', count: 3, firstSeen: 4_000, lastSeen: 6_000},
      'Runtime.OutOfMemory: Max Memory Used reached Memory Size (<n> MB)': {category: 'oom', count: 1, firstSeen: 6_500, lastSeen: 6_500},
    });
    expect(groups(fromInsights)).toEqual(groups(everyLine));
    // Insights kept apart what parses differently (with and without a request id), the local merge joined the signatures.
    expect(counted.value.length).toBeGreaterThan(Object.keys(groups(fromInsights)).length);
  });

  it('the newest example lines fill the groups counted by Insights without counting again', () => {
    const counted = parseCountedLines(answer(ERROR_GROUPS_QUERY));
    if (counted.kind !== 'ok') throw new Error(counted.reason);
    const aggregate = createLogAggregate();
    for (const line of counted.value) aggregate.addOccurrences(line.event, line.occurrences);
    for (const row of answer(EXAMPLE_LINES_QUERY).rows) aggregate.addExample({logStreamName: row['@logStream']!, timestamp: insightsTimestamp(row['@timestamp']), message: row['@message']!});
    const typeErrors = aggregate.summary().errorGroups.find((group) => group.errorType === 'TypeError');
    expect(typeErrors?.count).toBe(3);
    expect(typeErrors?.requestIds).toEqual([rid(3), rid(2), rid(1)]);
    expect(aggregate.summary().timeouts).toMatchObject({count: 0, seconds: 6.01, examples: [{requestId: rid(7)}]});
  });
});

describe('the durations and timeouts queries', () => {
  it('REPORT statistics: invocations, nearest-rank p50/p95, max, cold starts, memory (text REPORT and JSON platform.report alike)', () => {
    const durations = parseDurations(answer(DURATIONS_QUERY));
    // 20, 40, 60, 100 (JSON), 6010: p50 = 3rd of 5 = 60, p95 = 5th = 6010.
    expect(durations).toEqual({kind: 'ok', value: {invocations: 5, p50Ms: 60, p95Ms: 6_010, maxMs: 6_010, coldStarts: 1, memorySizeMb: 256, maxMemoryUsedMb: 256}});
    expect(parseDurations({status: 'Complete', rows: []})).toEqual({kind: 'ok', value: {invocations: 0, coldStarts: 0}});
  });

  it('"Task timed out" lines and REPORTs with Status: timeout come back as separate counts', () => {
    const timeouts = parseTimeouts(answer(TIMEOUTS_QUERY));
    if (timeouts.kind !== 'ok') throw new Error(timeouts.reason);
    expect(timeouts.value.reports).toBe(1);
    expect(timeouts.value.lines?.occurrences).toEqual({count: 1, firstSeen: base + 7_000, lastSeen: base + 7_000});
    expect(timeouts.value.lines?.event.message).toContain('Task timed out after 6.01 seconds');
  });
});

describe('rows from an engine that ignored the query', () => {
  const raw: QueryResults = {status: 'Complete', rows: [{'@timestamp': '2026-11-26 08:00:00.000', '@message': 'START RequestId: x'}], recordsMatched: 1};
  it.each([
    ['error groups', () => parseCountedLines(raw)],
    ['durations', () => parseDurations(raw)],
    ['timeouts', () => parseTimeouts(raw)],
  ])('%s: refused, with the reason', (_name, parse) => {
    expect(parse()).toMatchObject({kind: 'ignored', reason: expect.stringMatching(/ignored the stats command/)});
  });

  it('reads Insights times and epoch milliseconds', () => {
    expect(insightsTimestamp('2026-11-26 08:00:01.250')).toBe(base + 1_250);
    expect(insightsTimestamp(String(base))).toBe(base);
    expect(insightsTimestamp(undefined)).toBeNaN();
  });
});
