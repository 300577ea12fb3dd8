// Finds the interesting lines of a Lambda log group in a time window, two ways:
// - small windows page through FilterLogEvents with a server-side filter pattern;
// - large windows (or a paging run that hits its budget) run Logs Insights queries that count
//   over the whole window (insights-search.ts).
// Insights is only trusted when the engine evidently ran the queries; otherwise we say so and
// page, so "no errors" always means the search really ran. Either way memory stays bounded.
import type {CloudWatchLogsPort} from '../../aws/ports.js';
import type {InsightsTiming} from './insights-query.js';
import {insightsSearch, type InsightsAttempt} from './insights-search.js';
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

function searchWithInsights(logs: CloudWatchLogsPort, request: LogSearchRequest, options: LogSearchOptions): Promise<InsightsAttempt> {
  return insightsSearch(logs, request, {signal: options.signal, timing: options.insightsTiming, onPoll: (status, elapsedMs) => options.onProgress?.({phase: 'insights', status, elapsedMs})});
}

export async function searchLambdaLog(logs: CloudWatchLogsPort, request: LogSearchRequest, options: LogSearchOptions = {}): Promise<LogSearchReport> {
  const notes: string[] = [];
  const windowMs = request.endTime - request.startTime;
  const finish = async (report: Omit<LogSearchReport, 'summary'> & {summary: LambdaLogSummary}): Promise<LogSearchReport> => ({
    ...report,
    summary: await completeSplitTraces(logs, request.logGroupName, report.summary, options),
  });
  const fromInsights = (attempt: Extract<InsightsAttempt, {kind: 'trusted'}>): LogSearchReport & {summary: LambdaLogSummary} => {
    notes.push(...attempt.notes);
    return {method: 'insights', complete: attempt.notes.length === 0, notes, eventsScanned: attempt.linesMatched, summary: attempt.summary};
  };

  if (windowMs > INSIGHTS_WINDOW_THRESHOLD_MS) {
    const attempt = await searchWithInsights(logs, request, options);
    if (attempt.kind === 'trusted') return finish(fromInsights(attempt));
    notes.push(`${attempt.reason}; paged through FilterLogEvents instead.`);
  }
  const paged = await pageSearch(logs, request, options);
  if (!paged.truncated) return finish({method: 'filter', complete: true, notes, eventsScanned: paged.events, summary: paged.summary});

  const budget = options.pagingEventBudget ?? PAGING_EVENT_BUDGET;
  notes.push(`FilterLogEvents matched more than ${budget} lines; switching to Logs Insights.`);
  const attempt = windowMs > INSIGHTS_WINDOW_THRESHOLD_MS ? undefined : await searchWithInsights(logs, request, options);
  if (attempt?.kind === 'trusted') return finish(fromInsights(attempt));
  if (attempt) notes.push(`${attempt.reason}.`);
  notes.push(`Only the oldest ${budget} matching lines of the window were read; narrow --since to search the rest.`);
  return finish({method: 'filter', complete: false, notes, eventsScanned: paged.events, summary: paged.summary});
}
