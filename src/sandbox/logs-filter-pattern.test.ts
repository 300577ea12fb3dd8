import {describe, expect, it} from 'vitest';
import {compileFilterPattern} from './logs-filter-pattern.js';

const report = 'REPORT RequestId: 8f5c\tDuration: 10002.12 ms\tBilled Duration: 10000 ms';
const invokeError = '2024-05-01T12:00:00.000Z\t8f5c\tERROR\tInvoke Error \t{"errorType":"TypeError"}';
const timeout = '2024-05-01T12:00:10.000Z 8f5c Task timed out after 10.00 seconds';
const jsonError = '{"timestamp":"2024-05-01T12:00:00Z","level":"ERROR","requestId":"8f5c","message":"db down","metrics":{"durationMs":1500}}';
const jsonInfo = '{"level":"INFO","message":"ok","metrics":{"durationMs":12}}';
const all = [report, invokeError, timeout, jsonError, jsonInfo];

function matching(pattern: string | undefined): string[] {
  const matches = compileFilterPattern(pattern);
  return all.filter((message) => matches(message));
}

describe('compileFilterPattern: unstructured terms', () => {
  it('matches everything when empty', () => {
    expect(matching(undefined)).toEqual(all);
    expect(matching('  ')).toEqual(all);
    expect(matching('""')).toEqual(all);
  });

  it('requires every term, case-sensitively', () => {
    expect(matching('ERROR Invoke')).toEqual([invokeError]);
    expect(matching('invoke')).toEqual([]);
  });

  it('treats a quoted phrase as one term', () => {
    expect(matching('"Task timed out"')).toEqual([timeout]);
    expect(matching('"timed Task"')).toEqual([]);
  });

  it('ORs ?terms and excludes -terms', () => {
    expect(matching('?REPORT ?"timed out"')).toEqual([report, timeout]);
    expect(matching('8f5c -REPORT -Task')).toEqual([invokeError, jsonError]);
  });

  it('runs %regex% patterns', () => {
    expect(matching('%Duration: \\d{5}%')).toEqual([report]);
  });
});

describe('compileFilterPattern: JSON patterns', () => {
  it('compares strings with = and != (only JSON events can match)', () => {
    expect(matching('{ $.level = "ERROR" }')).toEqual([jsonError]);
    expect(matching('{ $.level != "ERROR" }')).toEqual([jsonInfo]);
    expect(matching('{$.message = "db*"}')).toEqual([jsonError]);
  });

  it('compares numbers on nested selectors and combines with && / || and ( )', () => {
    expect(matching('{ $.metrics.durationMs > 1000 }')).toEqual([jsonError]);
    expect(matching('{ ($.level = "INFO" && $.metrics.durationMs < 100) || $.message = "db down" }')).toEqual([jsonError, jsonInfo]);
    expect(matching('{ $.requestId NOT EXISTS }')).toEqual([jsonInfo]);
  });

  it('rejects what it does not support, with InvalidParameterException', () => {
    expect(() => compileFilterPattern('[ip, user, status = 500]')).toThrow(expect.objectContaining({code: 'InvalidParameterException'}));
    expect(() => compileFilterPattern('{ $.level = }')).toThrow(/Invalid filter pattern/);
    expect(() => compileFilterPattern('{ $.level ~ "x" }')).toThrow(/Invalid filter pattern/);
  });
});
