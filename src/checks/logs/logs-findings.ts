// Error groups → the logs stage's Findings: one per failure class (lambda-error,
// lambda-init-error, lambda-out-of-memory), its evidence the newest examples with their whole
// stack trace and, when known, the API Gateway request that carried them; and what the
// search itself found when there were none of those.
import type {Evidence, Finding, Fix} from '../findings.js';
import type {ApiGatewayRequest, ExecutionLogSummary} from './execution-log-search.js';
import type {ErrorCategory} from './lambda-log-record.js';
import type {ErrorGroup, LambdaLogSummary} from './log-aggregate.js';
import type {LogSearchReport} from './log-search.js';

/** Groups shown as evidence per finding (the screen lists them all). */
const EVIDENCE_GROUPS = 3;

export interface FindingContext {
  readonly functionName: string;
  readonly logGroupName: string;
  readonly memorySizeMb?: number;
  readonly handler?: string;
  readonly executionLog?: ExecutionLogSummary;
}

const findingIds: Record<ErrorCategory, string> = {error: 'lambda-error', init: 'lambda-init-error', oom: 'lambda-out-of-memory'};

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** The API Gateway request that carried a Lambda request, from the execution log or the probe. */
export function apiRequestFor(lambdaRequestId: string | undefined, executionLog: ExecutionLogSummary | undefined): (ApiGatewayRequest & {fromProbe: boolean}) | undefined {
  if (lambdaRequestId === undefined || executionLog === undefined) return undefined;
  if (executionLog.probe?.lambdaRequestId === lambdaRequestId) return {...executionLog.probe, fromProbe: true};
  const carried = executionLog.byLambdaRequest[lambdaRequestId];
  return carried && {...carried, fromProbe: false};
}

function groupEvidence(group: ErrorGroup, context: FindingContext): Evidence[] {
  const example = group.examples[0];
  if (!example) return [];
  const evidence: Evidence[] = [
    {kind: 'log', label: `Lambda log ${context.logGroupName} · ${example.requestId ? `request ${example.requestId}` : 'during init'} · ${iso(example.timestamp)}`, text: example.text},
  ];
  // Structured errors carry the stack inside one JSON line: show it as lines too.
  if (example.stack.length > 1 && !example.text.includes(example.stack.join('\n'))) {
    evidence.push({kind: 'log', label: 'Stack trace', text: example.stack.join('\n')});
  }
  const carried = apiRequestFor(example.requestId, context.executionLog);
  if (carried) {
    evidence.push({
      kind: 'log',
      label: `API Gateway request ${carried.apiRequestId}${carried.fromProbe ? " (the probe's own request)" : ''} · ${context.executionLog?.logGroupName ?? ''}`,
      text: carried.lines.length > 0 ? carried.lines.join('\n') : `(${carried.apiRequestId}) Lambda execution failed … Lambda request id: ${example.requestId ?? ''}`,
    });
  }
  return evidence;
}

function topFrame(group: ErrorGroup): string | undefined {
  return group.examples[0]?.stack.find((line) => /^\s*at |File "/.test(line))?.trim();
}

function fixFor(category: ErrorCategory, group: ErrorGroup, context: FindingContext): Fix {
  if (category === 'oom') {
    const doubled = context.memorySizeMb ? context.memorySizeMb * 2 : 1024;
    return {
      summary: 'Give the function more memory, then look for what grows: whole payloads buffered, caches without bounds',
      kind: 'command',
      language: 'sh',
      body: `aws lambda update-function-configuration --function-name ${context.functionName} --memory-size ${doubled}`,
    };
  }
  if (category === 'init') {
    const handler = context.handler ?? 'index.handler';
    const file = handler.slice(0, handler.lastIndexOf('.')) || 'index';
    const byType: Record<string, string> = {
      'Runtime.ImportModuleError': `The runtime could not load the module. Handler "${handler}" means the file ${file}.js / .mjs / .cjs at the root of the package; check it is there (not in a sub-folder) and that every dependency it imports is bundled into the zip or a layer.`,
      'Runtime.HandlerNotFound': `The module loaded but does not export the function named in Handler "${handler}". Export it under that name (export const ${handler.slice(handler.lastIndexOf('.') + 1)} = …) or fix the Handler setting.`,
      'Runtime.UserCodeSyntaxError': 'The handler file does not parse on this runtime. Check ESM vs CommonJS (import in a .js file without "type": "module"), and syntax newer than the runtime supports.',
      'Runtime.MalformedHandlerName': `Handler must be "file.export" (e.g. index.handler); it is "${handler}".`,
    };
    return {summary: 'Fix the code that runs at load time; no request can succeed until it loads', kind: 'text', body: byType[group.errorType] ?? 'The function fails before the handler runs (module scope). Run the module locally with the same runtime to see the error, and fix it before any request.'};
  }
  const frame = topFrame(group);
  return {
    summary: frame ? `Fix the uncaught ${group.errorType} thrown ${frame}` : `Handle the ${group.errorType} the handler throws`,
    kind: 'text',
    body:
      'An uncaught error makes API Gateway answer 502 (REST) / 500 (HTTP API) with no detail for the caller. ' +
      'Guard the value that was missing (the top stack frame shows where), and return a proper response (e.g. 404) instead of throwing. ' +
      `Reproduce with: aws lambda invoke --function-name ${context.functionName} --payload file://event.json out.json`,
  };
}

const titles: Record<ErrorCategory, string> = {
  error: 'The Lambda function throws',
  init: 'The Lambda function fails while loading (init error)',
  oom: 'The Lambda function runs out of memory',
};

function describeGroup(group: ErrorGroup): string {
  return `${group.count}× ${group.signature} (first ${iso(group.firstSeen)}, last ${iso(group.lastSeen)})`;
}

export function errorFindings(summary: LambdaLogSummary, context: FindingContext): Finding[] {
  const findings: Finding[] = [];
  for (const category of ['error', 'init', 'oom'] as const) {
    const groups = summary.errorGroups.filter((group) => group.category === category);
    const first = groups[0];
    if (!first) continue;
    const total = groups.reduce((sum, group) => sum + group.count, 0);
    const probeHit = context.executionLog?.probe?.lambdaRequestId;
    const probeNote = probeHit && groups.some((group) => group.requestIds.includes(probeHit)) ? ' The probe request sent by this run is one of them.' : '';
    findings.push({
      id: findingIds[category],
      stage: 'logs',
      severity: 'error',
      title: titles[category],
      detail: `${total} failed request${total === 1 ? '' : 's'} in ${context.logGroupName}, ${groups.length} distinct error${groups.length === 1 ? '' : 's'}, newest first:\n${groups.map(describeGroup).join('\n')}${probeNote}`,
      evidence: groups.slice(0, EVIDENCE_GROUPS).flatMap((group) => groupEvidence(group, context)),
      fix: fixFor(category, first, context),
    });
  }
  return findings;
}

/**
 * What the search saw when it found no exception, init error or out-of-memory kill: the log
 * was clean, or only partly read, or its invocations timed out. A timed-out invocation logs
 * no exception, so calling that log "clean" would send the reader the wrong way; the
 * timeouts stage owns the diagnosis, this finding points there.
 */
export function searchNotesFinding(report: LogSearchReport, logGroupName: string, window: {readonly startTime: number; readonly endTime: number}): Finding {
  const span = `${iso(window.startTime)} – ${iso(window.endTime)}`;
  // Insights counts the lines itself; only its statistics and a few example lines come back.
  const how = report.method === 'insights' ? 'counted by Logs Insights queries' : 'read with FilterLogEvents';
  const timedOut = report.summary.timeouts.count;
  const searched = `${logGroupName}, ${span}: ${report.eventsScanned} matching lines ${how}; no uncaught exceptions, init errors or out-of-memory kills.`;
  const timeoutNote = timedOut > 0 ? ` ${timedOut} invocation${timedOut === 1 ? '' : 's'} timed out ("Task timed out"): see the Timeouts stage.` : '';
  const notes = report.notes.length > 0 ? ` ${report.notes.join(' ')}` : '';
  const verdict = !report.complete
    ? {id: 'lambda-logs-partly-searched', severity: 'info' as const, title: 'The Lambda log was only partly searched'}
    : timedOut > 0
      ? {id: 'lambda-logs-timeouts-seen', severity: 'info' as const, title: `No exceptions, but ${timedOut} Lambda invocation${timedOut === 1 ? '' : 's'} timed out (see Timeouts)`}
      : {id: 'lambda-logs-clean', severity: 'ok' as const, title: 'No Lambda errors in the window'};
  const example = report.summary.timeouts.examples[0];
  const evidence: Evidence[] = example ? [{kind: 'log', label: `Lambda log ${logGroupName} · ${example.requestId ? `request ${example.requestId}` : 'no request id'} · ${iso(example.timestamp)}`, text: example.text}] : [];
  return {...verdict, stage: 'logs', detail: `${searched}${timeoutNote}${notes}`, evidence};
}
