import {describe, expect, it} from 'vitest';
import type {StoredLogEvent} from './state.js';
import type {InsightsEvent} from './logs-insights-fields.js';
import {compileQuery, runQuery} from './logs-insights.js';

const base = Date.UTC(2024, 4, 1, 12, 0, 0);
let sequence = 0;
function event(offsetMs: number, message: string, logStreamName = '2024/05/01/[$LATEST]abc'): InsightsEvent {
  sequence += 1;
  const stored: StoredLogEvent = {timestamp: base + offsetMs, ingestionTime: base + offsetMs + 200, message, eventId: String(sequence)};
  return {accountId: '123456789012', logGroupName: '/aws/lambda/notes', logStreamName, event: stored};
}

const events = [
  event(0, 'START RequestId: r1 Version: $LATEST'),
  event(10, '2024-05-01T12:00:00.010Z\tr1\tINFO\tuser=alice action=list latency=12'),
  event(20, 'REPORT RequestId: r1\tDuration: 120.50 ms\tBilled Duration: 121 ms\tMemory Size: 128 MB\tMax Memory Used: 74 MB\tInit Duration: 166.62 ms'),
  event(60_000, 'START RequestId: r2 Version: $LATEST'),
  event(60_010, '2024-05-01T12:01:00.010Z\tr2\tERROR\tInvoke Error \t{"errorType":"TypeError","errorMessage":"x is undefined"}'),
  event(60_020, 'REPORT RequestId: r2\tDuration: 900.00 ms\tBilled Duration: 900 ms\tMemory Size: 128 MB\tMax Memory Used: 128 MB'),
  event(400_000, '{"level":"ERROR","requestId":"r3","message":"db down","metrics":{"durationMs":1500}}', 'other-stream'),
];

function run(query: string, limit = 10_000) {
  return runQuery(compileQuery(query), events, limit);
}

function table(query: string, limit?: number): Array<Record<string, string>> {
  return run(query, limit).rows.map((row) => Object.fromEntries(row.filter((cell) => cell.field !== '@ptr').map((cell) => [cell.field, cell.value])));
}

describe('Logs Insights: fields, filter, sort, limit', () => {
  it('defaults to @timestamp and @message, with @ptr on every event row', () => {
    const {rows, statistics} = run('filter @message like /Invoke Error/');
    expect(rows).toHaveLength(1);
    expect(rows[0]!.map((cell) => cell.field)).toEqual(['@timestamp', '@message', '@ptr']);
    expect(rows[0]![0]!.value).toBe('2024-05-01 12:01:00.010');
    expect(statistics).toMatchObject({recordsScanned: 7, recordsMatched: 1});
  });

  it('discovers Lambda REPORT fields and sorts/limits', () => {
    expect(table('filter @type = "REPORT" | fields @requestId, @duration, @maxMemoryUsed / 1000 / 1000 as memMB | sort @duration desc | limit 1')).toEqual([
      {'@requestId': 'r2', '@duration': '900', memMB: '128'},
    ]);
    expect(table('fields @initDuration | filter ispresent(@initDuration)')).toEqual([{'@initDuration': '166.62'}]);
  });

  it('filters with like "text", =~, in, and/or/not and JSON-discovered fields', () => {
    expect(table('filter @message like "ERROR" or level = "ERROR" | display @logStream')).toEqual([{'@logStream': '2024/05/01/[$LATEST]abc'}, {'@logStream': 'other-stream'}]);
    expect(table('filter metrics.durationMs >= 1000 and not (requestId in ["r1", "r2"]) | fields message')).toEqual([{message: 'db down'}]);
    expect(table('filter @message =~ /^START/ and @requestId != "r1" | fields @requestId')).toEqual([{'@requestId': 'r2'}]);
  });

  it('parses with a glob and with a named-group regex', () => {
    expect(table('filter @message like /user=/ | parse @message "user=* action=* latency=*" as user, action, latency | display user, action, latency')).toEqual([
      {user: 'alice', action: 'list', latency: '12'},
    ]);
    expect(table('parse @message /"errorType":"(?<errorType>[^"]+)"/ | filter ispresent(errorType) | fields errorType')).toEqual([{errorType: 'TypeError'}]);
  });

  it('keeps the top rows of a sort with a bounded heap', () => {
    expect(table('sort @timestamp desc | limit 2 | fields @message').map((row) => row['@message'])).toEqual([
      '{"level":"ERROR","requestId":"r3","message":"db down","metrics":{"durationMs":1500}}',
      'REPORT RequestId: r2\tDuration: 900.00 ms\tBilled Duration: 900 ms\tMemory Size: 128 MB\tMax Memory Used: 128 MB',
    ]);
    expect(run('fields @message', 3).rows).toHaveLength(3);
  });
});

describe('Logs Insights: stats', () => {
  it('aggregates with count(*), max, avg by a field', () => {
    expect(table('filter @type = "REPORT" | stats count(*) as n, max(@duration), avg(@billedDuration) as billed')).toEqual([{n: '2', 'max(@duration)': '900', billed: '510.5'}]);
    expect(table('filter ispresent(@requestId) | stats count(*) as lines by @requestId | sort lines desc')).toEqual([
      {'@requestId': 'r1', lines: '2'},
      {'@requestId': 'r2', lines: '2'},
    ]);
  });

  it('runs the console\'s over-provisioned memory query (arithmetic over aggregates)', () => {
    const query =
      'filter @type = "REPORT" | stats max(@memorySize / 1000 / 1000) as provisionedMemoryMB, max(@maxMemoryUsed / 1000 / 1000) as maxMemoryUsedMB, ' +
      'provisionedMemoryMB - maxMemoryUsedMB as unused, max(@memorySize / 1000 / 1000) - avg(@maxMemoryUsed / 1000 / 1000) as overProvisionedMB';
    expect(() => compileQuery(query)).toThrow(/aggregate/);
    expect(table(query.replace(', provisionedMemoryMB - maxMemoryUsedMB as unused', ''))).toEqual([{provisionedMemoryMB: '128', maxMemoryUsedMB: '128', overProvisionedMB: '27'}]);
  });

  it('bins by time and renders bins as timestamps, without @ptr', () => {
    const {rows} = run('stats count(*) by bin(5m)');
    expect(rows.map((row) => row.map((cell) => [cell.field, cell.value]))).toEqual([
      [
        ['bin(5m)', '2024-05-01 12:00:00.000'],
        ['count(*)', '6'],
      ],
      [
        ['bin(5m)', '2024-05-01 12:05:00.000'],
        ['count(*)', '1'],
      ],
    ]);
  });
});

describe('Logs Insights: pct, earliest, latest, coalesce', () => {
  it('pct is the nearest rank: the smallest value with at least P% of the values at or below it', () => {
    const durations = Array.from({length: 20}, (_, i) => event(i, `REPORT RequestId: p${i}\tDuration: ${(20 - i) * 10}.00 ms\tMemory Size: 128 MB\tMax Memory Used: 60 MB`));
    const rows = runQuery(compileQuery('filter @type = "REPORT" | stats count(*) as n, pct(@duration, 50) as p50, pct(@duration, 95) as p95, pct(@duration, 100) as p100, pct(@duration, 0) as p0'), durations, 10_000).rows;
    // 10..200 ms: rank ceil(0.5·20) = 10 → 100; ceil(0.95·20) = 19 → 190; 100% → the max; 0% → the min.
    expect(Object.fromEntries(rows[0]!.map((cell) => [cell.field, cell.value]))).toEqual({n: '20', p50: '100', p95: '190', p100: '200', p0: '10'});
  });

  it('pct per group, and no value for a group without the field', () => {
    expect(table('stats pct(@duration, 50) as p50 by @logStream')).toEqual([{'@logStream': '2024/05/01/[$LATEST]abc', p50: '120.5'}, {'@logStream': 'other-stream'}]);
  });

  it('earliest and latest take the value of the oldest and newest record, min/max of @timestamp the bounds', () => {
    expect(table('filter ispresent(@requestId) | stats earliest(@message) as first, latest(@requestId) as last, min(@timestamp) as since, max(@timestamp) as until')).toEqual([
      {first: 'START RequestId: r1 Version: $LATEST', last: 'r2', since: '2024-05-01 12:00:00.000', until: '2024-05-01 12:01:00.020'},
    ]);
  });

  it('coalesce picks the first present value (text and JSON Lambda durations in one column)', () => {
    expect(table('fields coalesce(@duration, metrics.durationMs) as d | filter ispresent(d) | stats max(d) as longest, count(*) as n')).toEqual([{longest: '1500', n: '3'}]);
  });
});

describe('Logs Insights: malformed queries', () => {
  it.each([
    ['unknown command', 'select * from logs'],
    ['unknown function', 'stats median(@duration)'],
    ['stats without aggregate', 'stats @duration by @requestId'],
    ['parse glob/name mismatch', 'parse @message "a=* b=*" as a'],
    ['dangling pipe', 'fields @message |'],
    ['bad limit', 'limit -1'],
    ['aggregate outside stats', 'filter max(@duration) > 1'],
    ['nested aggregate', 'stats max(count(*))'],
    ['bad bin period', 'stats count(*) by bin(5 minutes)'],
    ['pct without a rank', 'stats pct(@duration)'],
    ['pct rank above 100', 'stats pct(@duration, 150)'],
    ['pct rank not a number', 'stats pct(@duration, @maxMemoryUsed)'],
  ])('%s → MalformedQueryException', (_name, query) => {
    expect(() => compileQuery(query)).toThrow(expect.objectContaining({code: 'MalformedQueryException'}));
  });
});
