// Stage 4, logs: did the Lambda throw? From the integration the endpoint stage found: the
// function (alias/version aware), its log group and format, whether API Gateway writes
// execution logs for the stage, then the window's errors grouped by signature and tied to
// the API Gateway requests that carried them.
import {isAwsError} from '../../aws/errors.js';
import type {LambdaFunction} from '../../aws/ports.js';
import {sanitizeLine} from '../../report/sanitize.js';
import type {Finding} from '../findings.js';
import {unlessCallFails} from '../identity/permission-warning.js';
import type {StageContext, StageDefinition, StageOutcome} from '../stage.js';
import {scanExecutionLog, searchExecutionLog, type ExecutionLogSummary} from './execution-log-search.js';
import {executionLogGroupName, executionLoggingOffFinding, stageLoggingLevel, type ExecutionLoggingState} from './execution-logging.js';
import {describeTarget, getTargetConfiguration, lambdaTargetOf, type LambdaTarget} from './lambda-target.js';
import {searchLambdaLog, type LogSearchOptions, type LogSearchReport, type SearchProgress} from './log-search.js';
import {errorFindings, searchNotesFinding} from './logs-findings.js';

export type {SearchProgress} from './log-search.js';
export type {ErrorGroup, ErrorExample, LambdaLogSummary} from './log-aggregate.js';
export type {ApiGatewayRequest, ExecutionLogSummary} from './execution-log-search.js';

export interface LogsFacts {
  /** Epoch ms. */
  readonly window: {readonly startTime: number; readonly endTime: number};
  readonly target?: LambdaTarget;
  readonly function?: LambdaFunction;
  /** The log group searched (LoggingConfig.LogGroup, else /aws/lambda/NAME). */
  readonly lambdaLogGroup?: string;
  readonly lambdaLog?: LogSearchReport;
  readonly executionLogging?: ExecutionLoggingState & {readonly logGroupName: string};
  readonly executionLog?: ExecutionLogSummary;
}

export interface LogsStageOptions {
  readonly search?: Omit<LogSearchOptions, 'signal'>;
}

export const logsExplain = [
  'Reads what the Lambda function itself logged in the window (--since, default 1h; widen it from the list) and groups',
  'its failures: uncaught exceptions with their stack trace, errors while loading the code (init), and',
  'out-of-memory kills. Each failing Lambda request is tied to the API Gateway request that carried it',
  "through the stage's execution log (\"Lambda request id\"), and to this run's probe when it failed.",
  'Execution logs are written only when the stage asks for them AND the account has a CloudWatch role',
  'for API Gateway in the region; nothing from before logging was switched on can be recovered.',
  'HTTP APIs have access logs only. Large windows are searched with Logs Insights, small ones page.',
].join(' ');

async function executionLoggingState(ctx: StageContext, findings: Finding[], apiId: string, stage: string): Promise<ExecutionLoggingState | undefined> {
  const route = ctx.facts.endpoint?.route;
  // Separate warning lists keep the findings' order fixed while both calls run at once.
  const stageWarnings: Finding[] = [];
  const accountWarnings: Finding[] = [];
  const [restStage, account] = await Promise.all([
    unlessCallFails('logs', stageWarnings, 'Could not read the stage settings, so whether execution logging is on is unknown.', () => ctx.aws.apigw.getStage(apiId, stage, {signal: ctx.signal})),
    unlessCallFails('logs', accountWarnings, "Could not read API Gateway's account settings (its CloudWatch role).", () => ctx.aws.apigw.getAccount({signal: ctx.signal})),
  ]);
  findings.push(...stageWarnings, ...accountWarnings);
  if (!restStage || !account) return undefined;
  return {...stageLoggingLevel(restStage, route && {resourcePath: route.resourcePath, method: route.method}), cloudwatchRoleArn: account.cloudwatchRoleArn};
}

async function runLogs(ctx: StageContext, options: LogsStageOptions): Promise<StageOutcome> {
  const endpoint = ctx.facts.endpoint;
  if (!endpoint?.api || endpoint.stage === undefined) return {findings: [], facts: {}, skippedReason: 'The endpoint stage did not identify an API and stage, so there is no log group to read.'};
  if (!endpoint.reachesApiGateway) return {findings: [], facts: {}, skippedReason: 'The request never reaches API Gateway, so neither API Gateway nor Lambda logged anything for it.'};
  const {api, stage} = endpoint;
  const findings: Finding[] = [];
  const window = {startTime: ctx.now() - ctx.input.sinceMs, endTime: ctx.now()};
  let facts: LogsFacts = {window};

  // The function's configuration (for its log group) does not depend on the stage settings:
  // ask for both at once.
  const target = lambdaTargetOf(endpoint);
  const functionWarnings: Finding[] = [];
  const configuration = target
    ? unlessCallFails('logs', functionWarnings, `Could not read ${describeTarget(target)}'s configuration; assuming its log group is /aws/lambda/${target.functionName}.`, () => getTargetConfiguration(ctx.aws.lambda, target, ctx.signal))
    : Promise.resolve(undefined);
  // Settled here so a failure is not unhandled while the stage settings are read; rethrown below.
  configuration.catch(() => {});

  if (api.kind === 'rest') {
    const state = await executionLoggingState(ctx, findings, api.id, stage);
    if (state) {
      facts = {...facts, executionLogging: {...state, logGroupName: executionLogGroupName(api.id, stage)}};
      if (state.level === 'OFF' || !state.cloudwatchRoleArn) findings.push(executionLoggingOffFinding({region: api.region, apiId: api.id, stage, account: ctx.facts.account, state}));
    }
  } else {
    findings.push({
      id: 'http-api-access-logs-only',
      stage: 'logs',
      severity: 'info',
      title: 'HTTP APIs have no execution logs',
      detail: 'Only access logs exist for HTTP APIs. Add $context.integrationErrorMessage, $context.error.message and $context.error.responseType to the access log format to see why an integration failed.',
      evidence: [],
    });
  }

  if (!target) return {findings, facts: {logs: facts}, skippedReason: findings.length > 0 ? undefined : 'The integration is not a Lambda function.'};
  facts = {...facts, target};
  const fn = await configuration;
  findings.push(...functionWarnings);
  const logGroupName = fn?.logGroup ?? `/aws/lambda/${target.functionName}`;
  facts = {...facts, function: fn, lambdaLogGroup: logGroupName};

  // The execution log's failure lines need nothing from the Lambda log: both are read at once,
  // and the scan is tied to the Lambda requests once those are known.
  const executionLogGroup = facts.executionLogging?.logGroupName;
  const executionWarnings: Finding[] = [];
  const deniedExecutionLog = 'Could not read the API Gateway execution log, so errors cannot be tied to API requests.';
  const executionScan = executionLogGroup
    ? unlessCallFails('logs', executionWarnings, deniedExecutionLog, () => scanExecutionLog(ctx.aws.logs, {logGroupName: executionLogGroup, ...window}, ctx.signal)).catch((error: unknown) => {
        // No execution log group: logging was never on (already reported) or no request since.
        if (isAwsError(error, 'NotFound')) return undefined;
        throw error;
      })
    : Promise.resolve(undefined);
  // Settled here so a failure is not unhandled while the Lambda log is searched; awaited below.
  executionScan.catch(() => {});

  let report: LogSearchReport | undefined;
  try {
    report = await unlessCallFails('logs', findings, `Could not search ${logGroupName}, so Lambda errors are unknown.`, () =>
      searchLambdaLog(ctx.aws.logs, {logGroupName, ...window}, {...options.search, signal: ctx.signal}),
    );
  } catch (error) {
    if (!isAwsError(error, 'NotFound')) throw error;
    findings.push({
      id: 'lambda-log-group-missing',
      stage: 'logs',
      severity: 'info',
      title: 'The function has no log group yet',
      detail: `${logGroupName} does not exist: the function has never run, or its execution role may not create log streams (logs:CreateLogStream, logs:PutLogEvents).`,
      evidence: [{kind: 'text', label: 'Log group', text: sanitizeLine(logGroupName)}],
    });
  }
  if (report) facts = {...facts, lambdaLog: report};

  const scan = report && executionLogGroup ? await executionScan : undefined;
  if (report) findings.push(...executionWarnings);
  if (report && executionLogGroup && scan) {
    const lambdaRequestIds = new Set([...report.summary.errorGroups.flatMap((group) => group.requestIds), ...report.summary.timeouts.examples.flatMap((example) => (example.requestId ? [example.requestId] : []))]);
    const probe = endpoint.probe;
    const probeApiRequestId = probe?.kind === 'response' ? probe.headers['x-amzn-requestid'] : undefined;
    try {
      const executionLog = await unlessCallFails('logs', findings, deniedExecutionLog, () =>
        searchExecutionLog(ctx.aws.logs, {logGroupName: executionLogGroup, ...window, lambdaRequestIds, probeApiRequestId}, scan, ctx.signal),
      );
      if (executionLog) facts = {...facts, executionLog};
    } catch (error) {
      // No execution log group: logging was never on (already reported) or no request since.
      if (!isAwsError(error, 'NotFound')) throw error;
    }
  }

  if (report) {
    const problems = errorFindings(report.summary, {functionName: target.functionName, logGroupName, memorySizeMb: fn?.memorySize, handler: fn?.handler, executionLog: facts.executionLog});
    findings.push(...problems);
    if (problems.length === 0 || !report.complete) findings.push(searchNotesFinding(report, logGroupName, window));
  }
  return {findings, facts: {logs: facts}};
}

const progressListeners = new Set<(progress: SearchProgress) => void>();

/** Screens subscribe here to show the search's progress; returns the unsubscribe. */
export function onLogSearchProgress(listener: (progress: SearchProgress) => void): () => void {
  progressListeners.add(listener);
  return () => progressListeners.delete(listener);
}

/** The windows the screen offers, in order; "widen" moves to the next one. */
export const WIDER_WINDOWS_MS = [3_600_000, 6 * 3_600_000, 24 * 3_600_000, 3 * 24 * 3_600_000, 7 * 24 * 3_600_000] as const;

export function nextWiderWindow(currentMs: number): number | undefined {
  return WIDER_WINDOWS_MS.find((candidate) => candidate > currentMs);
}

export function createLogsStage(options: LogsStageOptions = {}): StageDefinition {
  return {
    id: 'logs',
    title: 'Logs',
    explain: logsExplain,
    run: (ctx) => runLogs(ctx, options),
    actions: {
      /** Payload {sinceMs}: search again over a wider window (the screen's "widen" choice). */
      'widen-window': (ctx, payload) => {
        const sinceMs = (payload as {sinceMs?: unknown} | undefined)?.sinceMs;
        if (typeof sinceMs !== 'number' || !(sinceMs > 0)) throw new Error('widen-window needs {sinceMs: number}');
        return runLogs({...ctx, input: {...ctx.input, sinceMs}}, options);
      },
    },
  };
}

export const logsStage = createLogsStage({search: {onProgress: (progress) => progressListeners.forEach((listener) => listener(progress))}});
