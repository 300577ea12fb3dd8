// The fields a Logs Insights query can read from one event without declaring them: the
// system fields every event has, and the fields Insights discovers by itself: Lambda's
// START/END/REPORT lines (aws-facts §6.1) and the keys of JSON messages (nested keys joined
// with "."). As in real Insights, @memorySize and @maxMemoryUsed are in bytes (MB × 10^6),
// durations in milliseconds.
import type {StoredLogEvent} from './state.js';

/** A point in time (ms); results render it as Insights does: "2024-05-01 12:00:00.000". */
export class Timestamp {
  constructor(readonly ms: number) {}
  toString(): string {
    return new Date(this.ms).toISOString().replace('T', ' ').replace('Z', '');
  }
}

export type Value = string | number | Timestamp | undefined;

export interface InsightsEvent {
  readonly accountId: string;
  readonly logGroupName: string;
  readonly logStreamName: string;
  readonly event: StoredLogEvent;
}

export function pointerOf(source: InsightsEvent): string {
  return Buffer.from(JSON.stringify([source.logGroupName, source.logStreamName, source.event.eventId])).toString('base64url');
}

export function systemField(source: InsightsEvent, name: string): Value {
  switch (name) {
    case '@timestamp':
      return new Timestamp(source.event.timestamp);
    case '@ingestionTime':
      return new Timestamp(source.event.ingestionTime);
    case '@message':
      return source.event.message;
    case '@logStream':
      return source.logStreamName;
    case '@log':
      return `${source.accountId}:${source.logGroupName}`;
    case '@ptr':
      return pointerOf(source);
    default:
      return undefined;
  }
}

const reportFields: Readonly<Record<string, [string, number]>> = {
  Duration: ['@duration', 1],
  'Billed Duration': ['@billedDuration', 1],
  'Memory Size': ['@memorySize', 1_000_000],
  'Max Memory Used': ['@maxMemoryUsed', 1_000_000],
  'Init Duration': ['@initDuration', 1],
};

function lambdaPlatformFields(message: string, fields: Map<string, Value>): void {
  const line = /^(START|END|REPORT) RequestId: ([\w-]+)/.exec(message);
  if (!line) return;
  fields.set('@type', line[1]);
  fields.set('@requestId', line[2]);
  if (line[1] !== 'REPORT') return;
  for (const part of message.split('\t')) {
    const pair = /^\s*([A-Za-z ]+): ([\d.]+)/.exec(part);
    const field = pair && reportFields[pair[1]!.trim()];
    if (field) fields.set(field[0], Number(pair[2]) * field[1]);
  }
}

/** Up to this many JSON keys per event are discovered (Insights also caps discovery). */
const maxJsonFields = 200;

function flatten(value: unknown, prefix: string, fields: Map<string, Value>): void {
  if (fields.size >= maxJsonFields) return;
  if (typeof value === 'object' && value !== null) {
    for (const [key, inner] of Object.entries(value)) flatten(inner, prefix === '' ? key : `${prefix}.${key}`, fields);
  } else if (prefix !== '' && value !== null && value !== undefined) {
    fields.set(prefix, typeof value === 'number' ? value : String(value));
  }
}

export function discoverFields(message: string): Map<string, Value> {
  const fields = new Map<string, Value>();
  lambdaPlatformFields(message, fields);
  if (message.trimStart().startsWith('{')) {
    try {
      flatten(JSON.parse(message), '', fields);
    } catch {
      // Not JSON after all: only the text fields apply.
    }
  }
  return fields;
}
