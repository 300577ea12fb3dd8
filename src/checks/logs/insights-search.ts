// A large window searched with Logs Insights: four queries side by side (error groups with
// exact counts, the newest example lines, REPORT duration statistics, timeouts), their rows
// folded into the same summary the paging path builds. Insights is trusted only when it
// evidently ran each query (statistics present, stats rows carrying their counts, example
// rows matching the filter); an emulator that returns raw rows is noticed here and the
// caller pages instead.
import type {CloudWatchLogsPort, QueryResults} from '../../aws/ports.js';
import {isAwsError} from '../../aws/errors.js';
import {INSIGHTS_ROW_LIMIT, runInsightsQuery, type InsightsTiming} from './insights-query.js';
import {
  DURATIONS_QUERY,
  ERROR_GROUPS_QUERY,
  EXAMPLE_LINES_QUERY,
  exampleLinePattern,
  insightsTimestamp,
  parseCountedLines,
  parseDurations,
  parseTimeouts,
  TIMEOUTS_QUERY,
  type Parsed,
} from './insights-queries.js';
import {createLogAggregate, type LambdaLogSummary} from './log-aggregate.js';

export type InsightsAttempt =
  | {readonly kind: 'trusted'; readonly summary: LambdaLogSummary; readonly linesMatched: number; readonly notes: readonly string[]}
  | {readonly kind: 'untrusted'; readonly reason: string};

export interface InsightsSearchRequest {
  readonly logGroupName: string;
  readonly startTime: number;
  readonly endTime: number;
}

export interface InsightsSearchOptions {
  readonly signal?: AbortSignal;
  readonly timing?: InsightsTiming;
  readonly onPoll?: (status: string, elapsedMs: number) => void;
}

type Ran = {readonly kind: 'ran'; readonly results: QueryResults} | {readonly kind: 'untrusted'; readonly reason: string};

async function run(logs: CloudWatchLogsPort, request: InsightsSearchRequest, queryString: string, options: InsightsSearchOptions): Promise<Ran> {
  let outcome;
  try {
    outcome = await runInsightsQuery(logs, {logGroupNames: [request.logGroupName], startTime: request.startTime, endTime: request.endTime, queryString}, options);
  } catch (error) {
    if (!isAwsError(error) || ['CredentialsMissing', 'CredentialsExpired', 'Network', 'Cancelled'].includes(error.kind)) throw error;
    return {kind: 'untrusted', reason: `Logs Insights could not run (${error.kind}: ${error.message})`};
  }
  if (outcome.kind === 'not-complete') return {kind: 'untrusted', reason: `Logs Insights ${outcome.reason}`};
  if (outcome.results.recordsScanned === undefined && outcome.results.recordsMatched === undefined) {
    return {kind: 'untrusted', reason: 'Logs Insights returned no statistics, so it is not clear the query really ran (emulators implement only part of Insights)'};
  }
  return {kind: 'ran', results: outcome.results};
}

function parsed<T>(ran: Ran, parse: (results: QueryResults) => Parsed<T>): Parsed<T> {
  return ran.kind === 'untrusted' ? {kind: 'ignored', reason: ran.reason} : parse(ran.results);
}

function exampleLines(results: QueryResults): Parsed<Array<{logStreamName: string; timestamp: number; message: string}>> {
  const events = [];
  for (const row of results.rows) {
    const message = row['@message'];
    const timestamp = insightsTimestamp(row['@timestamp']);
    if (message === undefined || Number.isNaN(timestamp)) return {kind: 'ignored', reason: 'Logs Insights rows lack @message/@timestamp'};
    if (!exampleLinePattern.test(message)) return {kind: 'ignored', reason: 'Logs Insights ignored the query filter'};
    events.push({logStreamName: row['@logStream'] ?? '', timestamp, message});
  }
  return {kind: 'ok', value: events};
}

export async function insightsSearch(logs: CloudWatchLogsPort, request: InsightsSearchRequest, options: InsightsSearchOptions): Promise<InsightsAttempt> {
  // allSettled: a failing query must not leave the others polling unobserved.
  const settled = await Promise.allSettled([ERROR_GROUPS_QUERY, EXAMPLE_LINES_QUERY, DURATIONS_QUERY, TIMEOUTS_QUERY].map((query) => run(logs, request, query, options)));
  const failed = settled.find((result) => result.status === 'rejected');
  if (failed) throw failed.reason;
  const [errorsRan, examplesRan, durationsRan, timeoutsRan] = settled.map((result) => (result as PromiseFulfilledResult<Ran>).value) as [Ran, Ran, Ran, Ran];

  const groups = parsed(errorsRan, parseCountedLines);
  const examples = parsed(examplesRan, exampleLines);
  const durations = parsed(durationsRan, parseDurations);
  const timeouts = parsed(timeoutsRan, parseTimeouts);
  if (groups.kind === 'ignored') return {kind: 'untrusted', reason: groups.reason};
  if (examples.kind === 'ignored') return {kind: 'untrusted', reason: examples.reason};
  if (durations.kind === 'ignored') return {kind: 'untrusted', reason: durations.reason};
  if (timeouts.kind === 'ignored') return {kind: 'untrusted', reason: timeouts.reason};

  const aggregate = createLogAggregate();
  for (const line of groups.value) aggregate.addOccurrences(line.event, line.occurrences);
  if (timeouts.value.lines) aggregate.addOccurrences(timeouts.value.lines.event, timeouts.value.lines.occurrences);
  // Newest first, so the examples kept are the newest ones.
  for (const event of examples.value) aggregate.addExample(event);
  const summary = aggregate.summary();

  const notes: string[] = [];
  const grouped = groups.value.reduce((sum, line) => sum + line.occurrences.count, 0);
  const errorLines = errorsRan.kind === 'ran' ? errorsRan.results.recordsMatched : undefined;
  if (groups.value.length >= INSIGHTS_ROW_LIMIT) {
    notes.push(`The errors fell into more than ${INSIGHTS_ROW_LIMIT} distinct lines for Logs Insights to group: the counts cover the ${INSIGHTS_ROW_LIMIT} most frequent; narrow the window to count the rest.`);
  } else if (errorLines !== undefined && grouped < errorLines) {
    // The statistics say more lines matched than the groups hold: some were left out of the
    // grouping (e.g. an engine that drops lines lacking a grouping field). Say so, do not guess.
    notes.push(`Logs Insights grouped ${grouped} of the ${errorLines} matching error lines, so the error counts are a lower bound.`);
  }
  const matched = [errorsRan, durationsRan, timeoutsRan].reduce((sum, ran) => sum + (ran.kind === 'ran' ? (ran.results.recordsMatched ?? 0) : 0), 0);
  return {
    kind: 'trusted',
    linesMatched: matched,
    notes,
    summary: {
      ...summary,
      timeouts: {...summary.timeouts, count: Math.max(summary.timeouts.count, timeouts.value.reports)},
      durations: durations.value,
    },
  };
}
