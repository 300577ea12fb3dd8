// Stage 5, timeouts: did the function time out, and would API Gateway even wait for it?
// Compares the observed REPORT durations and "Task timed out" lines with the function's
// Timeout and the integration's limit (29 s REST default, 30 s HTTP API max), and tailors
// the advice to the handler's shape read from its deployment package.
import {isAwsError} from '../../aws/errors.js';
import type {LambdaFunction} from '../../aws/ports.js';
import type {Evidence, Finding} from '../findings.js';
import {unlessCallFails} from '../identity/permission-warning.js';
import {describeTarget, getTargetConfiguration, lambdaTargetOf, type LambdaTarget} from '../logs/lambda-target.js';
import type {DurationSummary, TimeoutSummary} from '../logs/log-aggregate.js';
import {searchLambdaLog, type LogSearchReport} from '../logs/log-search.js';
import type {StageContext, StageDefinition, StageOutcome} from '../stage.js';
import {handlerFileCandidates, readHandlerSource, type FetchLike} from './deployment-package.js';
import {detectHandlerShape, type HandlerShape} from './handler-shape.js';
import {timeoutAdvice, type TimeoutAdvice} from './timeout-advice.js';

/** API Gateway's default (and, without a quota increase, maximum) REST integration timeout. */
export const REST_DEFAULT_INTEGRATION_TIMEOUT_MS = 29_000;
/** HTTP APIs: 30 s, not raisable. */
export const HTTP_API_MAX_INTEGRATION_TIMEOUT_MS = 30_000;

export interface TimeoutsFacts {
  readonly functionTimeoutMs?: number;
  readonly integrationTimeoutMs: number;
  readonly apiKind: 'rest' | 'http';
  readonly durations: DurationSummary;
  readonly timeouts: TimeoutSummary;
  /** API Gateway execution-log lines saying "Execution failed due to a timeout error". */
  readonly integrationTimeoutsLogged?: number;
  readonly handler?: {readonly path: string; readonly shape: HandlerShape} | {readonly unreadable: string};
  readonly advice?: TimeoutAdvice;
}

export interface TimeoutsStageOptions {
  readonly fetch?: FetchLike;
  readonly maxPackageBytes?: number;
}

export const timeoutsExplain = [
  'Compares how long the function really runs (REPORT lines: p50/p95/max) and its "Task timed out"',
  "lines with its configured Timeout and API Gateway's integration limit (29 s for REST by default,",
  '30 s for HTTP APIs). A function allowed to run longer than that limit keeps running after API',
  'Gateway has answered 504/503. The advice depends on the handler: a callback handler waits for an',
  'empty event loop (an open DB pool holds it: context.callbackWaitsForEmptyEventLoop = false); an',
  'async one answers when its promise settles, so the time goes into slow downstream calls.',
].join(' ');

function seconds(ms: number | undefined): string {
  return ms === undefined ? '?' : `${(ms / 1000).toFixed(ms % 1000 === 0 ? 0 : 2)} s`;
}

function durationText(d: DurationSummary): string {
  if (d.invocations === 0) return 'no REPORT lines in the window';
  return `${d.invocations} invocations: p50 ${seconds(d.p50Ms)}, p95 ${seconds(d.p95Ms)}, max ${seconds(d.maxMs)}${d.coldStarts > 0 ? `, ${d.coldStarts} cold starts` : ''}`;
}

async function inspectHandler(ctx: StageContext, findings: Finding[], target: LambdaTarget, fn: LambdaFunction | undefined, options: TimeoutsStageOptions): Promise<TimeoutsFacts['handler']> {
  const withCode = await unlessCallFails('timeouts', findings, "Could not download the deployment package, so the advice covers both handler styles.", () => ctx.aws.lambda.getFunction(target.functionName, target.qualifier, {signal: ctx.signal}));
  if (!withCode) return {unreadable: 'lambda:GetFunction was denied'};
  if (withCode.packageType === 'Image') return {unreadable: 'the function is a container image'};
  if (!withCode.codeLocation) return {unreadable: 'GetFunction gave no code location'};
  const handler = withCode.handler ?? fn?.handler ?? 'index.handler';
  if (withCode.runtime && !/^nodejs/.test(withCode.runtime)) return {unreadable: `the runtime is ${withCode.runtime}; only Node.js handlers are inspected`};
  const read = await readHandlerSource(withCode.codeLocation, handler, {fetch: options.fetch, maxBytes: options.maxPackageBytes, signal: ctx.signal});
  if (read.kind === 'unreadable') return {unreadable: read.reason};
  return {path: read.path, shape: detectHandlerShape(read.source, handlerFileCandidates(handler).exportName)};
}

async function searchIfNeeded(ctx: StageContext, findings: Finding[], logGroupName: string): Promise<LogSearchReport | undefined> {
  const known = ctx.facts.logs;
  if (known?.lambdaLog && known.lambdaLogGroup === logGroupName) return known.lambdaLog;
  try {
    return await unlessCallFails('timeouts', findings, `Could not search ${logGroupName}, so observed durations are unknown.`, () =>
      searchLambdaLog(ctx.aws.logs, {logGroupName, startTime: ctx.now() - ctx.input.sinceMs, endTime: ctx.now()}, {signal: ctx.signal}),
    );
  } catch (error) {
    if (isAwsError(error, 'NotFound')) return undefined;
    throw error;
  }
}

async function runTimeouts(ctx: StageContext, options: TimeoutsStageOptions): Promise<StageOutcome> {
  const endpoint = ctx.facts.endpoint;
  const target = lambdaTargetOf(endpoint);
  if (!endpoint?.api || !target) return {findings: [], facts: {}, skippedReason: 'No Lambda integration was identified, so there is no function timeout to compare.'};
  if (!endpoint.reachesApiGateway) return {findings: [], facts: {}, skippedReason: 'The request never reaches API Gateway, so no function ran for it.'};
  const findings: Finding[] = [];
  const apiKind = endpoint.api.kind;
  const integrationTimeoutMs = Math.min(endpoint.integration?.timeoutInMillis || (apiKind === 'http' ? HTTP_API_MAX_INTEGRATION_TIMEOUT_MS : REST_DEFAULT_INTEGRATION_TIMEOUT_MS), apiKind === 'http' ? HTTP_API_MAX_INTEGRATION_TIMEOUT_MS : Number.POSITIVE_INFINITY);
  const fn = ctx.facts.logs?.function ?? (await unlessCallFails('timeouts', findings, `Could not read ${describeTarget(target)}'s configured timeout.`, () => getTargetConfiguration(ctx.aws.lambda, target, ctx.signal)));
  const functionTimeoutMs = fn ? fn.timeout * 1000 : undefined;
  const logGroupName = fn?.logGroup ?? ctx.facts.logs?.lambdaLogGroup ?? `/aws/lambda/${target.functionName}`;
  const report = await searchIfNeeded(ctx, findings, logGroupName);
  const durations = report?.summary.durations ?? {invocations: 0, coldStarts: 0};
  const timeouts = report?.summary.timeouts ?? {count: 0, examples: []};
  const executionLog = ctx.facts.logs?.executionLog;
  const answer = apiKind === 'rest' ? '504 "Endpoint request timed out"' : '503 "Service Unavailable"';
  const limits: Evidence = {kind: 'text', label: 'Limits', text: `function Timeout ${seconds(functionTimeoutMs)} · API Gateway integration timeout ${seconds(integrationTimeoutMs)} (${apiKind === 'rest' ? 'REST' : 'HTTP API'})`};
  const observed: Evidence = {kind: 'text', label: 'Observed durations', text: durationText(durations)};

  const tooLong = functionTimeoutMs !== undefined && functionTimeoutMs >= integrationTimeoutMs;
  const needsAdvice = timeouts.count > 0 || (executionLog?.integrationTimeouts ?? 0) > 0;
  const handler = needsAdvice ? await inspectHandler(ctx, findings, target, fn, options) : undefined;
  const advice = needsAdvice ? timeoutAdvice(handler && 'shape' in handler ? handler.shape : undefined, handler && 'unreadable' in handler ? handler.unreadable : undefined) : undefined;

  if (timeouts.count > 0 && advice) {
    const carried = timeouts.examples.flatMap((example) => {
      const request = example.requestId ? executionLog?.byLambdaRequest[example.requestId] : undefined;
      return request && request.lines.length > 0 ? [{kind: 'log' as const, label: `API Gateway request ${request.apiRequestId}`, text: request.lines.join('\n')}] : [];
    });
    findings.push({
      id: 'lambda-timeout',
      stage: 'timeouts',
      severity: 'error',
      title: `The function times out (${timeouts.count}× in the window)`,
      detail: `${timeouts.count} invocation${timeouts.count === 1 ? '' : 's'} hit the ${seconds(functionTimeoutMs ?? (timeouts.seconds ?? 0) * 1000)} function timeout; ${durationText(durations)}. ${advice.why}`,
      evidence: [limits, observed, ...timeouts.examples.map((example) => ({kind: 'log' as const, label: `Lambda log ${logGroupName}${example.requestId ? ` · request ${example.requestId}` : ''}`, text: example.text})), ...carried.slice(0, 1)],
      fix: advice.fix,
    });
  }
  if (tooLong) {
    findings.push({
      id: 'integration-timeout',
      stage: 'timeouts',
      severity: (executionLog?.integrationTimeouts ?? 0) > 0 || (durations.maxMs ?? 0) >= integrationTimeoutMs ? 'error' : 'warning',
      title: 'The function may run longer than API Gateway waits',
      detail:
        `The function may run ${seconds(functionTimeoutMs)} but API Gateway gives up after ${seconds(integrationTimeoutMs)} and answers ${answer}, while the function keeps running (and billing, and writing) unseen. ` +
        `${executionLog && executionLog.integrationTimeouts > 0 ? `The execution log shows ${executionLog.integrationTimeouts} integration timeouts in the window. ` : ''}` +
        (apiKind === 'rest' ? 'Regional and private REST APIs can request a longer integration timeout through Service Quotas; edge-optimized REST APIs and HTTP APIs cannot.' : 'HTTP APIs cannot wait longer than 30 s.'),
      evidence: [limits, observed, ...(executionLog?.timedOutRequests ?? []).slice(0, 1).map((request) => ({kind: 'log' as const, label: `API Gateway request ${request.apiRequestId}`, text: request.lines.join('\n') || `(${request.apiRequestId}) Execution failed due to a timeout error`}))],
      fix: {
        summary: `Keep the function's Timeout below ${seconds(integrationTimeoutMs)} so it fails visibly, and make the slow path asynchronous`,
        kind: 'command',
        language: 'sh',
        body: `aws lambda update-function-configuration --function-name ${target.functionName} --timeout ${Math.max(1, Math.floor(integrationTimeoutMs / 1000) - 1)}\n# Work that needs longer: answer 202 and continue in SQS / Step Functions.`,
      },
    });
  }
  if (!findings.some((finding) => finding.id === 'lambda-timeout' || finding.id === 'integration-timeout') && report) {
    findings.push({id: 'timeouts-ok', stage: 'timeouts', severity: 'ok', title: 'No timeouts in the window', detail: `${durationText(durations)}; the function Timeout is below the integration limit.`, evidence: [limits, observed]});
  }
  const facts: TimeoutsFacts = {functionTimeoutMs, integrationTimeoutMs, apiKind, durations, timeouts, integrationTimeoutsLogged: executionLog?.integrationTimeouts, handler, advice};
  return {findings, facts: {timeouts: facts}};
}

export function createTimeoutsStage(options: TimeoutsStageOptions = {}): StageDefinition {
  return {id: 'timeouts', title: 'Timeouts', explain: timeoutsExplain, run: (ctx) => runTimeouts(ctx, options)};
}

export const timeoutsStage = createTimeoutsStage();
