// Finds the interesting lines of a Lambda log group in a time window, two ways:
// - small windows page through FilterLogEvents with a server-side filter pattern;
// - large windows (or a paging run that hits its budget) run one Logs Insights query.
// Insights is only trusted when the engine evidently ran it (statistics present, every row
// matching our filter); otherwise we say so and page, so "no errors" always means the
// search really ran. Either way events stream into a bounded aggregate.
import type {CloudWatchLogsPort, LogEvent} from '../../aws/ports.js';
import {isAwsError} from '../../aws/errors.js';
import {INSIGHTS_ROW_LIMIT, runInsightsQuery, type InsightsTiming} from './insights-query.js';
import {createLogAggregate, type LambdaLogSummary} from './log-aggregate.js';
import {createStreamAssembler} from './stream-assembler.js';
import {completeSplitTraces} from './split-traces.js';

/** Windows longer than this go straight to Logs Insights. */
export const INSIGHTS_WINDOW_THRESHOLD_MS = 6 * 3_600_000;
/** A paging run that reaches this many matching events switches to Insights. */
export const PAGING_EVENT_BUDGET = 20_000;

/**
 * Server-side pattern (OR of terms): app errors in both formats (ERROR level, errorType),
 * runtime failures ("Runtime." types, "signal: killed", "Process exited"), timeouts, and the
 * per-invocation REPORT lines (text) / platform.report records (JSON) for the durations.
 * Continuation lines of a split trace do not match; split-traces.ts fetches them afterwards.
 */
export const LAMBDA_FILTER_PATTERN = '?ERROR ?FATAL ?errorType ?"Task timed out" ?"Runtime." ?"signal: killed" ?"Process exited" ?REPORT ?"platform.report"';
/** The same selection for Insights. */
const lambdaLinePattern = /ERROR|FATAL|errorType|Task timed out|Runtime\.|signal: killed|Process exited|REPORT RequestId|platform\.report/;
const INSIGHTS_QUERY = [
  'fields @timestamp, @message, @logStream',
  `| filter @message like /ERROR|FATAL|errorType|Task timed out|Runtime\\.|signal: killed|Process exited|REPORT RequestId|platform\\.report/`,
  '| sort @timestamp desc',
  `| limit ${INSIGHTS_ROW_LIMIT}`,
].join('\n');

export type SearchProgress =
  | {readonly phase: 'paging'; readonly pages: number; readonly events: number}
  | {readonly phase: 'insights'; readonly status: string; readonly elapsedMs: number}
  | {readonly phase: 'traces'; readonly fetched: number};

export interface LogSearchReport {
  readonly method: 'filter' | 'insights';
  /** False when part of the window was not searched (the notes say which). */
  readonly complete: boolean;
  readonly notes: readonly string[];
  readonly eventsScanned: number;
  readonly summary: LambdaLogSummary;
}

export interface LogSearchRequest {
  readonly logGroupName: string;
  readonly startTime: number;
  readonly endTime: number;
}

export interface LogSearchOptions {
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: SearchProgress) => void;
  readonly insightsTiming?: InsightsTiming;
  /** Overrides PAGING_EVENT_BUDGET (tests exercise the switch without 20k events). */
  readonly pagingEventBudget?: number;
}

function insightsTimestamp(value: string | undefined): number {
  if (value === undefined) return Number.NaN;
  if (/^\d+$/.test(value)) return Number(value);
  return Date.parse(value.includes('T') ? value : `${value.replace(' ', 'T')}Z`);
}

async function pageSearch(logs: CloudWatchLogsPort, request: LogSearchRequest, options: LogSearchOptions) {
  const aggregate = createLogAggregate();
  const assembler = createStreamAssembler((event) => aggregate.add(event));
  let seen = 0;
  let pages = 0;
  const budget = options.pagingEventBudget ?? PAGING_EVENT_BUDGET;
  const result = await logs.filterLogEvents(
    {...request, filterPattern: LAMBDA_FILTER_PATTERN, maxEvents: budget},
    (events) => {
      for (const event of events) assembler.push(event);
      seen += events.length;
      pages += 1;
      options.onProgress?.({phase: 'paging', pages, events: seen});
    },
    {signal: options.signal},
  );
  assembler.flush();
  return {summary: aggregate.summary(), events: result.events, truncated: result.events >= budget};
}

type InsightsAttempt = {readonly kind: 'trusted'; readonly summary: LambdaLogSummary; readonly rows: number} | {readonly kind: 'untrusted'; readonly reason: string};

async function insightsSearch(logs: CloudWatchLogsPort, request: LogSearchRequest, options: LogSearchOptions): Promise<InsightsAttempt> {
  let outcome;
  try {
    outcome = await runInsightsQuery(
      logs,
      {logGroupNames: [request.logGroupName], startTime: request.startTime, endTime: request.endTime, queryString: INSIGHTS_QUERY},
      {signal: options.signal, timing: options.insightsTiming, onPoll: (status, elapsedMs) => options.onProgress?.({phase: 'insights', status, elapsedMs})},
    );
  } catch (error) {
    if (!isAwsError(error) || ['CredentialsMissing', 'CredentialsExpired', 'Network', 'Cancelled'].includes(error.kind)) throw error;
    return {kind: 'untrusted', reason: `Logs Insights could not run (${error.kind}: ${error.message})`};
  }
  if (outcome.kind === 'not-complete') return {kind: 'untrusted', reason: `Logs Insights ${outcome.reason}`};
  const {results} = outcome;
  if (results.recordsScanned === undefined && results.recordsMatched === undefined) {
    return {kind: 'untrusted', reason: 'Logs Insights returned no statistics, so it is not clear the query really ran (emulators implement only part of Insights)'};
  }
  const events: LogEvent[] = [];
  for (const row of results.rows) {
    const message = row['@message'];
    const timestamp = insightsTimestamp(row['@timestamp']);
    if (message === undefined || Number.isNaN(timestamp)) return {kind: 'untrusted', reason: 'Logs Insights rows lack @message/@timestamp'};
    if (!lambdaLinePattern.test(message)) return {kind: 'untrusted', reason: 'Logs Insights ignored the query filter'};
    events.push({logStreamName: row['@logStream'], timestamp, message});
  }
  const aggregate = createLogAggregate();
  const assembler = createStreamAssembler((event) => aggregate.add(event));
  for (const event of events.sort((a, b) => a.timestamp - b.timestamp)) assembler.push(event);
  assembler.flush();
  return {kind: 'trusted', summary: aggregate.summary(), rows: events.length};
}

export async function searchLambdaLog(logs: CloudWatchLogsPort, request: LogSearchRequest, options: LogSearchOptions = {}): Promise<LogSearchReport> {
  const notes: string[] = [];
  const windowMs = request.endTime - request.startTime;
  const finish = async (report: Omit<LogSearchReport, 'summary'> & {summary: LambdaLogSummary}): Promise<LogSearchReport> => ({
    ...report,
    summary: await completeSplitTraces(logs, request.logGroupName, report.summary, options),
  });
  const fromInsights = (attempt: Extract<InsightsAttempt, {kind: 'trusted'}>): LogSearchReport & {summary: LambdaLogSummary} => {
    const truncated = attempt.rows >= INSIGHTS_ROW_LIMIT;
    if (truncated) notes.push(`Logs Insights returned its maximum of ${INSIGHTS_ROW_LIMIT} lines: only the newest were read; narrow the window to see older ones.`);
    return {method: 'insights', complete: !truncated, notes, eventsScanned: attempt.rows, summary: attempt.summary};
  };

  if (windowMs > INSIGHTS_WINDOW_THRESHOLD_MS) {
    const attempt = await insightsSearch(logs, request, options);
    if (attempt.kind === 'trusted') return finish(fromInsights(attempt));
    notes.push(`${attempt.reason}; paged through FilterLogEvents instead.`);
  }
  const paged = await pageSearch(logs, request, options);
  if (!paged.truncated) return finish({method: 'filter', complete: true, notes, eventsScanned: paged.events, summary: paged.summary});

  const budget = options.pagingEventBudget ?? PAGING_EVENT_BUDGET;
  notes.push(`FilterLogEvents matched more than ${budget} lines; switching to Logs Insights.`);
  const attempt = windowMs > INSIGHTS_WINDOW_THRESHOLD_MS ? undefined : await insightsSearch(logs, request, options);
  if (attempt?.kind === 'trusted') return finish(fromInsights(attempt));
  if (attempt) notes.push(`${attempt.reason}.`);
  notes.push(`Only the oldest ${budget} matching lines of the window were read; narrow --since to search the rest.`);
  return finish({method: 'filter', complete: false, notes, eventsScanned: paged.events, summary: paged.summary});
}
