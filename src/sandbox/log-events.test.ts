import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {compareKeys, keyOf, mergedEvents} from './log-events.js';
import type {StoredLogEvent, StoredLogGroup} from './state.js';

function groupOf(streams: number[][]): StoredLogGroup {
  let sequence = 0;
  const stored = new Map<string, StoredLogEvent[]>();
  streams.forEach((times, s) => {
    const events = [...times].sort((a, b) => a - b).map((timestamp) => ({timestamp, ingestionTime: timestamp, message: `m${timestamp}`, eventId: String(++sequence).padStart(8, '0')}));
    stored.set(`stream-${s}`, events);
  });
  return {name: 'g', region: 'us-east-1', creationTime: 0, streams: stored};
}

const streamsArbitrary = fc.array(fc.array(fc.integer({min: 0, max: 50}), {maxLength: 30}), {maxLength: 6});

describe('mergedEvents', () => {
  it('yields every event in the window exactly once, in (time, id) order', () => {
    fc.assert(
      fc.property(streamsArbitrary, fc.integer({min: 0, max: 50}), fc.integer({min: 0, max: 50}), (streams, a, b) => {
        const [startTime, endTime] = [Math.min(a, b), Math.max(a, b)];
        const merged = [...mergedEvents(groupOf(streams), {startTime, endTime})];
        expect(merged.length).toBe(streams.flat().filter((t) => t >= startTime && t <= endTime).length);
        for (let i = 1; i < merged.length; i += 1) expect(compareKeys(keyOf(merged[i - 1]!), keyOf(merged[i]!))).toBeLessThan(0);
      }),
    );
  });

  it('resumes strictly after a key, so pages neither repeat nor skip', () => {
    fc.assert(
      fc.property(streamsArbitrary, fc.integer({min: 1, max: 7}), (streams, pageSize) => {
        const group = groupOf(streams);
        const all = [...mergedEvents(group, {startTime: 0, endTime: 50})];
        const paged = [];
        let after;
        for (;;) {
          const page = [];
          for (const item of mergedEvents(group, {startTime: 0, endTime: 50, after})) {
            page.push(item);
            if (page.length === pageSize) break;
          }
          paged.push(...page);
          if (page.length < pageSize) break;
          after = keyOf(page.at(-1)!);
        }
        expect(paged).toEqual(all);
      }),
    );
  });

  it('reads only the named streams', () => {
    const merged = [...mergedEvents(groupOf([[1, 2], [3]]), {startTime: 0, endTime: 10, streamNames: new Set(['stream-1'])})];
    expect(merged.map((item) => item.event.timestamp)).toEqual([3]);
  });
});
