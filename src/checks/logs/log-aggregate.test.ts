import {describe, expect, it} from 'vitest';
import {errorSignature} from './error-signature.js';
import {createLogAggregate, MAX_ERROR_GROUPS, MAX_EXAMPLES_PER_GROUP} from './log-aggregate.js';

const hex = (n: number): string => n.toString(16).padStart(12, '0');
const requestId = (n: number): string => `00000000-0000-4000-8000-${hex(n)}`;
const invokeError = (n: number, message: string): string =>
  `2026-11-26T08:12:31.512Z\t${requestId(n)}\tERROR\tInvoke Error \t${JSON.stringify({errorType: 'TypeError', errorMessage: message, stack: [`TypeError: ${message}`, '    at getNote (file:///var/task/index.mjs:18:38)']})}\n`;

describe('error signatures', () => {
  it('ignore ids, numbers and quoted values that vary per request', () => {
    expect(errorSignature('Error', 'note 4711 not found for user 8f2e7c1a-5b3d-4e6f-9a0b-1c2d3e4f5a6b')).toBe(errorSignature('Error', 'note 12 not found for user 00000000-0000-4000-8000-000000000001'));
    expect(errorSignature('Error', 'connect ECONNREFUSED 10.0.0.7:5432')).not.toBe(errorSignature('TypeError', 'connect ECONNREFUSED 10.0.0.7:5432'));
  });
});

describe('log aggregate', () => {
  it('groups by signature with count, first/last seen and the newest request ids, newest group first', () => {
    const aggregate = createLogAggregate();
    for (let n = 1; n <= 5; n += 1) aggregate.add({logStreamName: 's', timestamp: 1000 + n, message: invokeError(n, `note ${n} is gone`)});
    aggregate.add({logStreamName: 's', timestamp: 900, message: invokeError(99, 'db down')});
    const summary = aggregate.summary();
    expect(summary.errorGroups.map((group) => [group.signature, group.count, group.firstSeen, group.lastSeen])).toEqual([
      ['TypeError: note <n> is gone', 5, 1001, 1005],
      ['TypeError: db down', 1, 900, 900],
    ]);
    expect(summary.errorGroups[0]!.requestIds).toEqual([requestId(5), requestId(4), requestId(3)]);
    expect(summary.errorGroups[0]!.examples[0]!.stack).toEqual(['TypeError: note 5 is gone', '    at getNote (file:///var/task/index.mjs:18:38)']);
  });

  it('keeps memory bounded: 200k events leave at most K examples per group and at most G groups', () => {
    const aggregate = createLogAggregate();
    const total = 200_000;
    for (let n = 0; n < total; n += 1) {
      // 100 distinct bugs (more than MAX_ERROR_GROUPS), each recurring, plus REPORT lines.
      aggregate.add({logStreamName: `s${n % 7}`, timestamp: n, message: n % 2 === 0 ? invokeError(n, `bug-kind-${String.fromCharCode(65 + (n % 26))}${String.fromCharCode(65 + ((n >> 5) % 4))} failed`) : `REPORT RequestId: ${requestId(n)}\tDuration: ${n % 1000}.00 ms\tBilled Duration: 1 ms\tMemory Size: 128 MB\tMax Memory Used: 60 MB\t\n`});
    }
    const summary = aggregate.summary();
    const keptExamples = summary.errorGroups.reduce((sum, group) => sum + group.examples.length, 0);
    expect(summary.errorGroups.length).toBeLessThanOrEqual(MAX_ERROR_GROUPS);
    expect(summary.errorGroups.every((group) => group.examples.length <= MAX_EXAMPLES_PER_GROUP)).toBe(true);
    expect(keptExamples / total).toBeLessThan(0.002);
    expect(summary.errorGroups.reduce((sum, group) => sum + group.count, 0) + summary.ungroupedErrors).toBe(total / 2);
    expect(summary.durations.invocations).toBe(total / 2);
    expect(summary.durations.maxMs).toBe(999);
    expect(summary.durations.p50Ms).toBeGreaterThan(400);
    expect(summary.durations.p50Ms).toBeLessThan(600);
  });

  it('counts timeouts and out-of-memory REPORT lines', () => {
    const aggregate = createLogAggregate();
    aggregate.add({logStreamName: 's', timestamp: 1, message: `2026-11-26T08:12:37.530Z ${requestId(1)} Task timed out after 6.01 seconds\n`});
    aggregate.add({logStreamName: 's', timestamp: 2, message: `REPORT RequestId: ${requestId(1)}\tDuration: 6010.00 ms\tBilled Duration: 6000 ms\tMemory Size: 128 MB\tMax Memory Used: 80 MB\tStatus: timeout\n`});
    aggregate.add({logStreamName: 's', timestamp: 3, message: `REPORT RequestId: ${requestId(2)}\tDuration: 400.00 ms\tBilled Duration: 400 ms\tMemory Size: 128 MB\tMax Memory Used: 128 MB\t\n`});
    const summary = aggregate.summary();
    expect(summary.timeouts).toMatchObject({count: 1, seconds: 6.01});
    expect(summary.errorGroups).toHaveLength(1);
    expect(summary.errorGroups[0]).toMatchObject({category: 'oom', errorType: 'Runtime.OutOfMemory', count: 1});
  });
});
