// Runs one CloudWatch Logs Insights query: start it, poll with a bounded wait, stop it if we
// give up. It does not judge the rows; log-search.ts decides whether they can be trusted.
import type {CloudWatchLogsPort, QueryResults} from '../../aws/ports.js';

/** Give up on a query that has not completed after this long (it is then stopped). */
export const INSIGHTS_MAX_WAIT_MS = 60_000;
export const INSIGHTS_POLL_INTERVAL_MS = 1_000;
/** The most rows an Insights query returns (the service maximum). */
export const INSIGHTS_ROW_LIMIT = 10_000;

export interface InsightsRequest {
  readonly logGroupNames: readonly string[];
  readonly startTime: number;
  readonly endTime: number;
  readonly queryString: string;
}

export interface InsightsTiming {
  readonly maxWaitMs: number;
  readonly pollIntervalMs: number;
}

export type InsightsOutcome =
  | {readonly kind: 'complete'; readonly results: QueryResults}
  | {readonly kind: 'not-complete'; readonly reason: string};

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    // The listener goes when the timer fires: one signal serves every poll of every query.
    const wake = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', wake);
      resolve();
    };
    const timer = setTimeout(wake, ms);
    signal?.addEventListener('abort', wake, {once: true});
  });
}

export async function runInsightsQuery(
  logs: CloudWatchLogsPort,
  request: InsightsRequest,
  options: {signal?: AbortSignal; timing?: InsightsTiming; onPoll?: (status: string, elapsedMs: number) => void},
): Promise<InsightsOutcome> {
  const timing = options.timing ?? {maxWaitMs: INSIGHTS_MAX_WAIT_MS, pollIntervalMs: INSIGHTS_POLL_INTERVAL_MS};
  const queryId = await logs.startQuery({...request, limit: INSIGHTS_ROW_LIMIT}, {signal: options.signal});
  const started = Date.now();
  for (;;) {
    const results = await logs.getQueryResults(queryId, {signal: options.signal});
    const elapsed = Date.now() - started;
    options.onPoll?.(results.status, elapsed);
    if (results.status === 'Complete') return {kind: 'complete', results};
    if (results.status !== 'Scheduled' && results.status !== 'Running') return {kind: 'not-complete', reason: `the query ended with status ${results.status}`};
    if (elapsed >= timing.maxWaitMs || options.signal?.aborted) {
      await logs.stopQuery(queryId, {signal: options.signal}).catch(() => undefined);
      return {kind: 'not-complete', reason: `the query did not complete within ${Math.round(timing.maxWaitMs / 1000)} s`};
    }
    await sleep(timing.pollIntervalMs, options.signal);
  }
}
