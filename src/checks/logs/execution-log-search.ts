// Reads the API Gateway execution log group for the window: which API request carried each
// failing Lambda request (the "Lambda request id" in the customer-function-error line), how
// many integration timeouts there were, and every line of the probe's own request.
import type {CloudWatchLogsPort} from '../../aws/ports.js';
import {sanitizeLine} from '../../report/sanitize.js';
import {mapBounded, STAGE_CONCURRENCY} from '../bounded.js';
import {executionLogFailurePattern, executionLogRequestPattern, parseExecutionLogLine} from './execution-log.js';

/** Execution log lines read per search (failure lines only, so this is generous). */
export const EXECUTION_LOG_EVENT_BUDGET = 10_000;
/** API requests whose every line is fetched (one FilterLogEvents each). */
export const MAX_API_REQUEST_LOOKUPS = 6;
const LINES_PER_REQUEST = 100;

export interface ApiGatewayRequest {
  readonly apiRequestId: string;
  readonly lambdaRequestId?: string;
  /** Every execution log line of that request, sanitised, oldest first (when fetched). */
  readonly lines: readonly string[];
}

export interface ExecutionLogSummary {
  readonly logGroupName: string;
  readonly customerFunctionErrors: number;
  readonly integrationTimeouts: number;
  /** A few API request ids that timed out, newest last. */
  readonly timedOutRequests: readonly ApiGatewayRequest[];
  /** Keyed by Lambda request id: the API request that carried it. */
  readonly byLambdaRequest: Readonly<Record<string, ApiGatewayRequest>>;
  /** The probe's own request (its x-amzn-RequestId), when it left lines in the window. */
  readonly probe?: ApiGatewayRequest;
}

export interface ExecutionLogWindow {
  readonly logGroupName: string;
  readonly startTime: number;
  readonly endTime: number;
}

export interface ExecutionLogSearch extends ExecutionLogWindow {
  /** Lambda request ids whose API request we want (the kept error examples). */
  readonly lambdaRequestIds: ReadonlySet<string>;
  readonly probeApiRequestId?: string;
}

/** The window's failure lines, read without knowing yet which Lambda requests matter. */
export interface ExecutionLogScan {
  readonly customerFunctionErrors: number;
  readonly integrationTimeouts: number;
  /** The last few API request ids that timed out. */
  readonly timedOut: readonly string[];
  /** Lambda request id → the API request that carried it (at most EXECUTION_LOG_EVENT_BUDGET). */
  readonly apiRequestOf: ReadonlyMap<string, string>;
}

async function requestLines(logs: CloudWatchLogsPort, search: ExecutionLogWindow, apiRequestId: string, signal?: AbortSignal): Promise<string[]> {
  const lines: string[] = [];
  await logs.filterLogEvents(
    {logGroupName: search.logGroupName, startTime: search.startTime, endTime: search.endTime, filterPattern: executionLogRequestPattern(apiRequestId), maxEvents: LINES_PER_REQUEST},
    (events) => {
      for (const event of events) if (event.message.includes(`(${apiRequestId})`)) lines.push(sanitizeLine(event.message));
    },
    {signal},
  );
  return lines;
}

/**
 * Reads the failure lines of the window. It needs nothing from the Lambda log, so the logs
 * stage runs it alongside the Lambda log search and picks the requests it wants afterwards.
 */
export async function scanExecutionLog(logs: CloudWatchLogsPort, search: ExecutionLogWindow, signal?: AbortSignal): Promise<ExecutionLogScan> {
  let customerFunctionErrors = 0;
  let integrationTimeouts = 0;
  const timedOut: string[] = [];
  const apiRequestOf = new Map<string, string>();
  await logs.filterLogEvents(
    {logGroupName: search.logGroupName, startTime: search.startTime, endTime: search.endTime, filterPattern: executionLogFailurePattern, maxEvents: EXECUTION_LOG_EVENT_BUDGET},
    (events) => {
      for (const event of events) {
        const line = parseExecutionLogLine(event.message);
        if (line.kind === 'lambda-failed') {
          customerFunctionErrors += 1;
          if (line.lambdaRequestId) apiRequestOf.set(line.lambdaRequestId, line.apiRequestId);
        } else if (line.kind === 'integration-timeout') {
          integrationTimeouts += 1;
          timedOut.push(line.apiRequestId);
          if (timedOut.length > 3) timedOut.shift();
        }
      }
    },
    {signal},
  );
  return {customerFunctionErrors, integrationTimeouts, timedOut, apiRequestOf};
}

/** Ties the scan to the Lambda requests the stage kept, reading each request's lines. */
export async function searchExecutionLog(logs: CloudWatchLogsPort, search: ExecutionLogSearch, scan: ExecutionLogScan, signal?: AbortSignal): Promise<ExecutionLogSummary> {
  const {customerFunctionErrors, integrationTimeouts, timedOut} = scan;
  // The lookup budget goes to the failing Lambda requests first, then the timed-out ones; the
  // probe's own request is always read. Each request is read once, side by side with the rest.
  const failing = [...scan.apiRequestOf].filter(([lambdaRequestId]) => search.lambdaRequestIds.has(lambdaRequestId));
  const budgeted = [...failing.map(([, apiRequestId]) => apiRequestId), ...timedOut].slice(0, MAX_API_REQUEST_LOOKUPS);
  const wanted = [...new Set(search.probeApiRequestId ? [...budgeted, search.probeApiRequestId] : budgeted)];
  const fetched = await mapBounded(wanted, STAGE_CONCURRENCY, (apiRequestId) => requestLines(logs, search, apiRequestId, signal));
  const linesOf = new Map(wanted.map((apiRequestId, i) => [apiRequestId, fetched[i]!]));
  const budgetedLines = (apiRequestId: string, position: number) => (position < MAX_API_REQUEST_LOOKUPS ? (linesOf.get(apiRequestId) ?? []) : []);

  const byLambdaRequest: Record<string, ApiGatewayRequest> = {};
  failing.forEach(([lambdaRequestId, apiRequestId], i) => {
    byLambdaRequest[lambdaRequestId] = {apiRequestId, lambdaRequestId, lines: budgetedLines(apiRequestId, i)};
  });
  const timedOutRequests: ApiGatewayRequest[] = timedOut.map((apiRequestId, i) => ({apiRequestId, lines: budgetedLines(apiRequestId, failing.length + i)}));
  let probe: ApiGatewayRequest | undefined;
  const probeLines = search.probeApiRequestId ? linesOf.get(search.probeApiRequestId) : undefined;
  if (search.probeApiRequestId && probeLines && probeLines.length > 0) {
    const failed = probeLines.map((line) => parseExecutionLogLine(line)).find((line) => line.kind === 'lambda-failed');
    probe = {apiRequestId: search.probeApiRequestId, lambdaRequestId: failed?.kind === 'lambda-failed' ? failed.lambdaRequestId : undefined, lines: probeLines};
  }
  return {logGroupName: search.logGroupName, customerFunctionErrors, integrationTimeouts, timedOutRequests, byLambdaRequest, probe};
}
