// API Gateway REST execution log lines (aws-facts §5.5): every line is prefixed with
// "(<API Gateway request id>) ". The customer-function-error line names the Lambda request
// id: the join key between the API's request and the function's log.

export type ExecutionLogLine =
  | {readonly kind: 'lambda-failed'; readonly apiRequestId: string; readonly lambdaRequestId?: string; readonly errorMessage: string}
  | {readonly kind: 'integration-timeout'; readonly apiRequestId: string}
  | {readonly kind: 'configuration-error'; readonly apiRequestId: string; readonly reason: string}
  | {readonly kind: 'completed'; readonly apiRequestId: string; readonly status: number}
  | {readonly kind: 'other'; readonly apiRequestId?: string};

const prefix = /^\(([^)\s]+)\)\s+([\s\S]*)$/;

// The message and the trailing ". Lambda request id: <uuid>" are split without one regex of
// lazy text, optional suffix and \s*$: that form backtracks quadratically on long whitespace.
function lambdaFailed(apiRequestId: string, rest: string): ExecutionLogLine {
  const text = rest.trimEnd();
  const id = /Lambda request id: ([0-9a-f-]{36})$/i.exec(text);
  const message = id ? text.slice(0, id.index).trimEnd().replace(/\.$/, '') : text;
  return {kind: 'lambda-failed', apiRequestId, errorMessage: message, lambdaRequestId: id?.[1]};
}

export function parseExecutionLogLine(message: string): ExecutionLogLine {
  const match = prefix.exec(message.trim());
  if (!match) return {kind: 'other'};
  const apiRequestId = match[1] ?? '';
  const text = match[2] ?? '';
  const failed = /^Lambda execution failed with status \d+ due to customer function error: /i.exec(text);
  if (failed) return lambdaFailed(apiRequestId, text.slice(failed[0].length));
  if (/^Execution failed due to a timeout error/.test(text)) return {kind: 'integration-timeout', apiRequestId};
  const configuration = /^Execution failed due to configuration error: ([\s\S]*)$/.exec(text);
  if (configuration) return {kind: 'configuration-error', apiRequestId, reason: configuration[1] ?? ''};
  const completed = /^Method completed with status: (\d{3})/.exec(text);
  if (completed) return {kind: 'completed', apiRequestId, status: Number(completed[1])};
  return {kind: 'other', apiRequestId};
}

/** CloudWatch filter pattern for the lines worth reading in an execution log group. */
export const executionLogFailurePattern = '?"customer function error" ?"Execution failed" ?"Method completed with status: 5"';

/** Filter pattern matching every line of one API Gateway request. */
export function executionLogRequestPattern(apiRequestId: string): string {
  return `"(${apiRequestId})"`;
}
