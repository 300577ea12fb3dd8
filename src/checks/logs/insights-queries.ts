// The Logs Insights queries of a large search, and the reading of their rows. The counting
// is done by Insights over the whole window (its 10,000-row cap then limits distinct groups,
// not lines); what Insights cannot do (normalising ids and numbers out of messages, telling
// an init error from a request's) is done locally on each group's newest line, by the same
// parser and signature as the paging path.
//
// Grouping key of the error query, honest for both Lambda log formats:
// - text: the record with its per-event prefix ("<ISO time>\t<request id>\t", or
//   "RequestId: <id> ") cut off, i.e. level + message + stack; `atInit` keeps whether the
//   request id was "undefined" (init). Text lines of other shapes keep their whole first
//   record as the key: still exact, only less grouped by Insights (merged here).
// - JSON: the fields Insights discovers (errorType, errorMessage, nested message.*, the
//   platform record's type/status/errorType, level) and whether a requestId is present.
// Every line in one Insights group therefore parses to the same signature and category.
import type {QueryResults} from '../../aws/ports.js';
import type {AssembledEvent} from './stream-assembler.js';
import type {DurationSummary, Occurrences} from './log-aggregate.js';
import {INSIGHTS_ROW_LIMIT} from './insights-query.js';

/** Newest error/timeout lines fetched for examples and request ids (the groups' counts do not depend on them). */
export const INSIGHTS_EXAMPLE_LINES = 100;

const errorTerms = 'ERROR|FATAL|errorType|Runtime\\.|signal: killed|Process exited';
/** Lines the example query may return; a row outside it means Insights ignored the filter. */
export const exampleLinePattern = /ERROR|FATAL|errorType|Runtime\.|signal: killed|Process exited|Task timed out/;

const errorFilter = `filter @message like /${errorTerms}/ and @message not like /^REPORT RequestId|Task timed out/`;

export const ERROR_GROUPS_QUERY = [
  'fields @timestamp, @message, @logStream, ispresent(requestId) as withRequestId',
  `| ${errorFilter}`,
  '| parse @message /^(?:\\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z?\\s+(?:(?<atInit>undefined)|[\\w-]+)\\s+|RequestId: [\\w-]+\\s+)?(?<textBody>[^{][\\s\\S]*)/',
  '| stats count(*) as n, min(@timestamp) as first, max(@timestamp) as last, latest(@message) as example, latest(@logStream) as stream' +
    ' by textBody, atInit, errorType, errorMessage, message, message.errorType, message.errorMessage, withRequestId, type, record.status, record.errorType, level',
  '| sort n desc',
  `| limit ${INSIGHTS_ROW_LIMIT}`,
].join('\n');

export const EXAMPLE_LINES_QUERY = [
  'fields @timestamp, @message, @logStream',
  `| filter (@message like /${errorTerms}/ and @message not like /^REPORT RequestId/) or @message like /Task timed out/`,
  '| sort @timestamp desc',
  `| limit ${INSIGHTS_EXAMPLE_LINES}`,
].join('\n');

/** REPORT lines (text) and platform.report records (JSON) in one set of columns. */
export const DURATIONS_QUERY = [
  'filter @type = "REPORT" or type = "platform.report"',
  '| fields coalesce(@duration, record.metrics.durationMs) as durationMs, coalesce(@initDuration, record.metrics.initDurationMs) as initMs,' +
    ' coalesce(@memorySize / 1000000, record.metrics.memorySizeMB) as memoryMb, coalesce(@maxMemoryUsed / 1000000, record.metrics.maxMemoryUsedMB) as maxUsedMb',
  '| stats count(*) as invocations, pct(durationMs, 50) as p50, pct(durationMs, 95) as p95, max(durationMs) as maxMs, count(initMs) as coldStarts,' +
    ' max(memoryMb) as memorySizeMb, max(maxUsedMb) as maxMemoryUsedMb',
].join('\n');

/** "Task timed out" lines, and the REPORTs that say Status: timeout (a row each: the count is the larger, as when paging). */
export const TIMEOUTS_QUERY = [
  'filter @message like /Task timed out after|Status: timeout/ or (type = "platform.report" and record.status = "timeout")',
  '| parse @message /(?<timeoutLine>Task timed out after)/',
  '| stats count(*) as n, min(@timestamp) as first, max(@timestamp) as last, latest(@message) as example, latest(@logStream) as stream by timeoutLine',
].join('\n');

/** Insights renders times as "2024-05-01 12:00:00.000" (UTC); epoch ms are accepted too. */
export function insightsTimestamp(value: string | undefined): number {
  if (value === undefined) return Number.NaN;
  if (/^\d+$/.test(value)) return Number(value);
  return Date.parse(value.includes('T') ? value : `${value.replace(' ', 'T')}Z`);
}

function count(value: string | undefined): number {
  return value !== undefined && /^\d+$/.test(value) ? Number(value) : Number.NaN;
}

function optionalNumber(value: string | undefined): number | undefined {
  const number = value === undefined || value === '' ? Number.NaN : Number(value);
  return Number.isFinite(number) ? number : undefined;
}

/** One stats row of a group: its newest line and how many lines it stands for. */
export interface CountedLine {
  readonly event: AssembledEvent;
  readonly occurrences: Occurrences;
  readonly row: Readonly<Record<string, string>>;
}

export type Parsed<T> = {readonly kind: 'ok'; readonly value: T} | {readonly kind: 'ignored'; readonly reason: string};

/** Rows of a `stats count(*) as n, min/max(@timestamp) as first/last, latest(@message) as example, latest(@logStream) as stream` query. */
export function parseCountedLines(results: QueryResults): Parsed<CountedLine[]> {
  const lines: CountedLine[] = [];
  for (const row of results.rows) {
    const n = count(row.n);
    const first = insightsTimestamp(row.first);
    const last = insightsTimestamp(row.last);
    if (Number.isNaN(n) || Number.isNaN(first) || Number.isNaN(last) || row.example === undefined) return {kind: 'ignored', reason: 'Logs Insights ignored the stats command (its rows lack the counts)'};
    lines.push({event: {logStreamName: row.stream ?? '', timestamp: last, message: row.example}, occurrences: {count: n, firstSeen: first, lastSeen: last}, row});
  }
  return {kind: 'ok', value: lines};
}

export function parseDurations(results: QueryResults): Parsed<DurationSummary> {
  // No REPORT in the window: Insights returns no row at all.
  const [row, ...rest] = results.rows;
  if (!row) return {kind: 'ok', value: {invocations: 0, coldStarts: 0}};
  const invocations = count(row.invocations);
  if (rest.length > 0 || Number.isNaN(invocations)) return {kind: 'ignored', reason: 'Logs Insights ignored the stats command (no invocation count)'};
  return {
    kind: 'ok',
    value: {
      invocations,
      p50Ms: optionalNumber(row.p50),
      p95Ms: optionalNumber(row.p95),
      maxMs: optionalNumber(row.maxMs),
      coldStarts: count(row.coldStarts) || 0,
      memorySizeMb: optionalNumber(row.memorySizeMb),
      maxMemoryUsedMb: optionalNumber(row.maxMemoryUsedMb),
    },
  };
}

export interface InsightsTimeouts {
  /** The "Task timed out" lines' group, if any. */
  readonly lines?: CountedLine;
  /** REPORT lines / records with status timeout. */
  readonly reports: number;
}

export function parseTimeouts(results: QueryResults): Parsed<InsightsTimeouts> {
  const counted = parseCountedLines(results);
  if (counted.kind === 'ignored') return counted;
  const lines = counted.value.find((line) => line.row.timeoutLine !== undefined && line.row.timeoutLine !== '');
  const reports = counted.value.filter((line) => line !== lines).reduce((sum, line) => sum + line.occurrences.count, 0);
  return {kind: 'ok', value: {lines, reports}};
}
