// Streams Lambda log records into bounded aggregates: error groups by signature (count,
// first/last seen, the newest few request ids and examples), timeouts, and a sample of
// REPORT durations. Nothing here grows with the number of events, so a window with millions
// of lines costs the same memory as one with ten. Logs Insights feeds the same groups with
// counts it computed itself (addOccurrences) and with example lines (addExample), so both
// search paths share one parser, one signature and one set of Finding builders.
import {sanitizeForTerminal, sanitizeLine} from '../../report/sanitize.js';
import {errorSignature} from './error-signature.js';
import {parseLambdaLogMessage, type ErrorCategory, type LambdaLogRecord} from './lambda-log-record.js';
import type {AssembledEvent} from './stream-assembler.js';

/** Examples (and request ids) kept per error group: the newest ones. */
export const MAX_EXAMPLES_PER_GROUP = 3;
/** Distinct error signatures tracked; further ones are only counted. */
export const MAX_ERROR_GROUPS = 50;
/** REPORT durations kept for the percentiles when paging (reservoir sample beyond it); Insights ranks every REPORT itself. */
export const DURATION_SAMPLE_SIZE = 5_000;

export interface LogExample {
  readonly timestamp: number;
  readonly logStreamName: string;
  readonly requestId?: string;
  /** The whole record, sanitised, multi-line. */
  readonly text: string;
}

export interface ErrorExample extends LogExample {
  readonly errorMessage: string;
  /** Stack trace lines, sanitised; whole (the screen scrolls). */
  readonly stack: readonly string[];
}

export interface ErrorGroup {
  readonly signature: string;
  readonly category: ErrorCategory;
  readonly errorType: string;
  readonly count: number;
  readonly firstSeen: number;
  readonly lastSeen: number;
  /** Newest first, at most MAX_EXAMPLES_PER_GROUP. */
  readonly requestIds: readonly string[];
  readonly examples: readonly ErrorExample[];
}

export interface TimeoutSummary {
  readonly count: number;
  /** The configured timeout as the runtime printed it ("Task timed out after N seconds"). */
  readonly seconds?: number;
  readonly firstSeen?: number;
  readonly lastSeen?: number;
  readonly examples: readonly LogExample[];
}

export interface DurationSummary {
  readonly invocations: number;
  readonly p50Ms?: number;
  readonly p95Ms?: number;
  readonly maxMs?: number;
  readonly coldStarts: number;
  readonly memorySizeMb?: number;
  readonly maxMemoryUsedMb?: number;
}

export interface LambdaLogSummary {
  /** Newest first. */
  readonly errorGroups: readonly ErrorGroup[];
  /** Errors whose signature arrived after MAX_ERROR_GROUPS were full. */
  readonly ungroupedErrors: number;
  readonly timeouts: TimeoutSummary;
  readonly durations: DurationSummary;
  readonly recordsRead: number;
}

interface MutableGroup {
  signature: string;
  category: ErrorCategory;
  errorType: string;
  count: number;
  firstSeen: number;
  lastSeen: number;
  requestIds: string[];
  examples: ErrorExample[];
}

/** Insert keeping newest first and at most `limit` items. */
function keepNewest<T extends {timestamp: number}>(list: T[], item: T, limit: number): void {
  if (list.length >= limit && item.timestamp <= list[list.length - 1]!.timestamp) return;
  const index = list.findIndex((existing) => existing.timestamp < item.timestamp);
  list.splice(index === -1 ? list.length : index, 0, item);
  if (list.length > limit) list.length = limit;
}

function percentile(sorted: readonly number[], p: number): number | undefined {
  if (sorted.length === 0) return undefined;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** Deterministic PRNG so the reservoir (and so the percentiles) are reproducible. */
function mulberry32(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** How often a line like one event occurred, as counted by someone else (a Logs Insights stats row). */
export interface Occurrences {
  readonly count: number;
  readonly firstSeen: number;
  readonly lastSeen: number;
}

export interface LogAggregate {
  add(event: AssembledEvent): void;
  /** `event` stands for `occurrences` lines like it: its error group or the timeouts count them all. */
  addOccurrences(event: AssembledEvent, occurrences: Occurrences): void;
  /** An example line only: kept (if newer) in the error group it belongs to, never counted; groups are not created. */
  addExample(event: AssembledEvent): void;
  summary(): LambdaLogSummary;
}

type RawError = {category: ErrorCategory; errorType: string; errorMessage: string; requestId?: string; stack: readonly string[]};

/** The error a record reports: an error line, or a REPORT that ran out of memory. */
function errorOf(record: LambdaLogRecord): RawError | undefined {
  if (record.kind === 'error') return record;
  if (record.kind !== 'report') return undefined;
  const atLimit = record.memorySizeMb !== undefined && record.maxMemoryUsedMb !== undefined && record.maxMemoryUsedMb >= record.memorySizeMb;
  if (record.errorType !== 'Runtime.OutOfMemory' && !atLimit) return undefined;
  return {category: 'oom', errorType: 'Runtime.OutOfMemory', errorMessage: `Max Memory Used reached Memory Size (${record.memorySizeMb ?? '?'} MB)`, requestId: record.requestId || undefined, stack: []};
}

export function createLogAggregate(): LogAggregate {
  const groups = new Map<string, MutableGroup>();
  let ungroupedErrors = 0;
  let recordsRead = 0;
  const timeoutExamples: LogExample[] = [];
  let timeoutLines = 0;
  let reportTimeouts = 0;
  let timeoutSeconds: number | undefined;
  let timeoutFirst: number | undefined;
  let timeoutLast: number | undefined;
  const durations: number[] = [];
  const random = mulberry32(0x5eed);
  let invocations = 0;
  let maxDuration: number | undefined;
  let coldStarts = 0;
  let memorySizeMb: number | undefined;
  let maxMemoryUsedMb: number | undefined;

  const keepExample = (group: MutableGroup, event: AssembledEvent, error: RawError): void => {
    const text = sanitizeForTerminal(event.message);
    const logStreamName = sanitizeLine(event.logStreamName);
    if (group.examples.some((kept) => kept.timestamp === event.timestamp && kept.logStreamName === logStreamName && kept.text === text)) return;
    const example: ErrorExample = {timestamp: event.timestamp, logStreamName, requestId: error.requestId, text, errorMessage: error.errorMessage, stack: error.stack.map(sanitizeLine)};
    keepNewest(group.examples, example, MAX_EXAMPLES_PER_GROUP);
    if (error.requestId !== undefined && group.examples.includes(example)) {
      group.requestIds = group.examples.flatMap((kept) => (kept.requestId === undefined ? [] : [kept.requestId]));
    }
  };

  /** `occurrences` undefined: one line read here (deduplicated by request id); `null`: an example only. */
  const addError = (event: AssembledEvent, raw: RawError, occurrences: Occurrences | undefined | null): void => {
    // Sanitised before the signature is made: it is a title on screen, and normalising digits
    // first would turn "ESC[2J" into "ESC[<n>J", which no longer reads as an escape sequence.
    const error = {...raw, errorType: sanitizeLine(raw.errorType), errorMessage: sanitizeForTerminal(raw.errorMessage), requestId: raw.requestId && sanitizeLine(raw.requestId)};
    const signature = errorSignature(error.errorType, error.errorMessage);
    let group = groups.get(signature);
    if (occurrences === null) {
      if (group && !(error.requestId !== undefined && group.requestIds.includes(error.requestId))) keepExample(group, event, error);
      return;
    }
    const counted = occurrences ?? {count: 1, firstSeen: event.timestamp, lastSeen: event.timestamp};
    if (!group) {
      if (groups.size >= MAX_ERROR_GROUPS) {
        ungroupedErrors += counted.count;
        return;
      }
      group = {signature, category: error.category, errorType: error.errorType, count: 0, firstSeen: counted.firstSeen, lastSeen: counted.lastSeen, requestIds: [], examples: []};
      groups.set(signature, group);
    }
    // The same request reported twice (a runtime line and its REPORT) counts once.
    if (occurrences === undefined && error.requestId !== undefined && group.requestIds.includes(error.requestId)) return;
    group.count += counted.count;
    group.firstSeen = Math.min(group.firstSeen, counted.firstSeen);
    group.lastSeen = Math.max(group.lastSeen, counted.lastSeen);
    keepExample(group, event, error);
  };

  const addTimeout = (event: AssembledEvent, record: Extract<LambdaLogRecord, {kind: 'timeout'}>, counted: Occurrences): void => {
    timeoutLines += counted.count;
    timeoutSeconds = record.seconds;
    timeoutFirst = Math.min(timeoutFirst ?? counted.firstSeen, counted.firstSeen);
    timeoutLast = Math.max(timeoutLast ?? counted.lastSeen, counted.lastSeen);
    const text = sanitizeForTerminal(event.message);
    if (timeoutExamples.some((kept) => kept.timestamp === event.timestamp && kept.text === text)) return;
    keepNewest(timeoutExamples, {timestamp: event.timestamp, logStreamName: sanitizeLine(event.logStreamName), requestId: record.requestId && sanitizeLine(record.requestId), text}, MAX_EXAMPLES_PER_GROUP);
  };

  return {
    add(event) {
      recordsRead += 1;
      const record = parseLambdaLogMessage(event.message);
      if (record.kind === 'timeout') addTimeout(event, record, {count: 1, firstSeen: event.timestamp, lastSeen: event.timestamp});
      if (record.kind === 'report') {
        invocations += 1;
        maxDuration = Math.max(maxDuration ?? record.durationMs, record.durationMs);
        if (durations.length < DURATION_SAMPLE_SIZE) durations.push(record.durationMs);
        else {
          const slot = Math.floor(random() * invocations);
          if (slot < DURATION_SAMPLE_SIZE) durations[slot] = record.durationMs;
        }
        if (record.initDurationMs !== undefined) coldStarts += 1;
        if (record.memorySizeMb !== undefined) memorySizeMb = record.memorySizeMb;
        if (record.maxMemoryUsedMb !== undefined) maxMemoryUsedMb = Math.max(maxMemoryUsedMb ?? 0, record.maxMemoryUsedMb);
        if (record.status === 'timeout') reportTimeouts += 1;
      }
      const error = errorOf(record);
      if (error) addError(event, error, undefined);
    },
    addOccurrences(event, occurrences) {
      recordsRead += occurrences.count;
      const record = parseLambdaLogMessage(event.message);
      if (record.kind === 'timeout') addTimeout(event, record, occurrences);
      const error = errorOf(record);
      if (error) addError(event, error, occurrences);
    },
    addExample(event) {
      const record = parseLambdaLogMessage(event.message);
      const error = errorOf(record);
      if (error) addError(event, error, null);
      else if (record.kind === 'timeout') addTimeout(event, record, {count: 0, firstSeen: event.timestamp, lastSeen: event.timestamp});
    },
    summary() {
      const sorted = [...durations].sort((a, b) => a - b);
      return {
        errorGroups: [...groups.values()]
          .sort((a, b) => b.lastSeen - a.lastSeen)
          .map((group) => ({...group, requestIds: [...group.requestIds], examples: [...group.examples]})),
        ungroupedErrors,
        timeouts: {count: Math.max(timeoutLines, reportTimeouts), seconds: timeoutSeconds, firstSeen: timeoutFirst, lastSeen: timeoutLast, examples: [...timeoutExamples]},
        durations: {invocations, p50Ms: percentile(sorted, 50), p95Ms: percentile(sorted, 95), maxMs: maxDuration, coldStarts, memorySizeMb, maxMemoryUsedMb},
        recordsRead,
      };
    },
  };
}
