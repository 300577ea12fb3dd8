// Reading a stored log group's events in time order without copying it: each stream is an
// array sorted by timestamp, so a time window is found by binary search and the streams are
// merged lazily through a heap of per-stream cursors (linear in the events read, memory in
// the number of streams).
import {MinHeap} from './min-heap.js';
import {SandboxError, type HandlerContext} from './protocol.js';
import {logGroupKey, type StoredLogEvent, type StoredLogGroup} from './state.js';

/** A log group identifier (its name, or its ARN with or without ":*") → the name. */
export function groupNameOf(identifier: string): string {
  return identifier.replace(/^arn:[^:]+:logs:[^:]*:[^:]*:log-group:/, '').replace(/:\*$/, '');
}

/** The named log group in the caller's region, or Logs' ResourceNotFoundException. */
export function findLogGroup(ctx: HandlerContext, name: string): StoredLogGroup {
  const group = ctx.state.logGroups.get(logGroupKey(ctx.region, name));
  if (!group) throw new SandboxError('ResourceNotFoundException', 'The specified log group does not exist.');
  return group;
}

export interface StreamEvent {
  readonly logStreamName: string;
  readonly event: StoredLogEvent;
}

/** A position in the merged order: events strictly after it come next. */
export interface EventKey {
  readonly timestamp: number;
  readonly logStreamName: string;
  readonly eventId: string;
}

export function compareKeys(a: EventKey, b: EventKey): number {
  if (a.timestamp !== b.timestamp) return a.timestamp - b.timestamp;
  if (a.eventId !== b.eventId) return a.eventId < b.eventId ? -1 : 1;
  return a.logStreamName < b.logStreamName ? -1 : a.logStreamName > b.logStreamName ? 1 : 0;
}

export function keyOf(item: StreamEvent): EventKey {
  return {timestamp: item.event.timestamp, logStreamName: item.logStreamName, eventId: item.event.eventId};
}

/** Index of the first event with timestamp ≥ time. */
export function firstAtOrAfter(events: readonly StoredLogEvent[], time: number): number {
  let low = 0;
  let high = events.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (events[middle]!.timestamp < time) low = middle + 1;
    else high = middle;
  }
  return low;
}

export interface MergeWindow {
  /** Inclusive, epoch ms. */
  readonly startTime: number;
  /** Inclusive, epoch ms. */
  readonly endTime: number;
  readonly streamNames?: ReadonlySet<string>;
  readonly after?: EventKey;
}

interface Cursor {
  readonly logStreamName: string;
  readonly events: readonly StoredLogEvent[];
  index: number;
}

/** The group's events in the window, oldest first across streams. */
export function* mergedEvents(group: StoredLogGroup, window: MergeWindow): Generator<StreamEvent> {
  const heap = new MinHeap<Cursor>(cursorBefore);
  for (const [logStreamName, events] of group.streams) {
    if (window.streamNames && !window.streamNames.has(logStreamName)) continue;
    const index = firstAtOrAfter(events, Math.max(window.startTime, window.after?.timestamp ?? -Infinity));
    if (index < events.length) heap.push({logStreamName, events, index});
  }
  for (let cursor = heap.pop(); cursor; cursor = heap.pop()) {
    const event = cursor.events[cursor.index]!;
    if (event.timestamp > window.endTime) continue;
    const item = {logStreamName: cursor.logStreamName, event};
    if (!window.after || compareKeys(keyOf(item), window.after) > 0) yield item;
    cursor.index += 1;
    if (cursor.index < cursor.events.length) heap.push(cursor);
  }
}

/** compareKeys(a, b) < 0 for two cursors' current events, without building keys (hot path). */
function cursorBefore(a: Cursor, b: Cursor): boolean {
  const x = a.events[a.index]!;
  const y = b.events[b.index]!;
  if (x.timestamp !== y.timestamp) return x.timestamp < y.timestamp;
  if (x.eventId !== y.eventId) return x.eventId < y.eventId;
  return a.logStreamName < b.logStreamName;
}
