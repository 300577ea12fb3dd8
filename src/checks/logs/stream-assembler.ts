// Reassembles multi-line records split across CloudWatch events. The Node runtime writes a
// multi-line message as one event (newlines become \r), but code that writes to stdout
// directly, older runtimes and other languages emit a stack trace one event per line. Such a
// continuation has none of the prefixes a record starts with, and belongs to the previous
// record of the same stream. Events of different streams interleave, so state is per stream.
import type {LogEvent} from '../../aws/ports.js';
import {startsLogRecord} from './lambda-log-record.js';

/** A whole record: the opening event plus its continuations. */
export interface AssembledEvent {
  readonly logStreamName: string;
  readonly timestamp: number;
  readonly message: string;
}

/** A trace longer than this is cut (memory stays bounded on a runaway writer). */
export const MAX_CONTINUATION_LINES = 400;
/** Streams holding an open record at once; the oldest is flushed beyond it. */
const MAX_OPEN_STREAMS = 2_000;

interface OpenRecord {
  readonly logStreamName: string;
  readonly timestamp: number;
  readonly lines: string[];
}

export interface StreamAssembler {
  push(event: LogEvent): void;
  /** Emit every record still open (call once the input is exhausted). */
  flush(): void;
}

export function createStreamAssembler(emit: (event: AssembledEvent) => void): StreamAssembler {
  // Map keeps insertion order, so the first key is the stream opened longest ago.
  const open = new Map<string, OpenRecord>();
  const close = (stream: string): void => {
    const record = open.get(stream);
    if (!record) return;
    open.delete(stream);
    emit({logStreamName: record.logStreamName, timestamp: record.timestamp, message: record.lines.join('\n')});
  };
  return {
    push(event) {
      const stream = event.logStreamName ?? '';
      const current = open.get(stream);
      if (current && !startsLogRecord(event.message)) {
        if (current.lines.length < MAX_CONTINUATION_LINES) current.lines.push(event.message.replace(/\n$/, ''));
        return;
      }
      close(stream);
      open.set(stream, {logStreamName: stream, timestamp: event.timestamp, lines: [event.message.replace(/\n$/, '')]});
      if (open.size > MAX_OPEN_STREAMS) close(open.keys().next().value as string);
    },
    flush() {
      for (const stream of [...open.keys()]) close(stream);
    },
  };
}
