// A filtered search returns the line that opens an error but not the continuation lines of
// a trace written one event per line (they match no filter term). For the few examples we
// keep, read the stream right after the error with GetLogEvents and reassemble the record.
import type {CloudWatchLogsPort} from '../../aws/ports.js';
import {isAwsError} from '../../aws/errors.js';
import {parseLambdaLogMessage} from './lambda-log-record.js';
import type {ErrorExample, ErrorGroup, LambdaLogSummary} from './log-aggregate.js';
import {sanitizeForTerminal, sanitizeLine} from '../../report/sanitize.js';
import {createStreamAssembler, type AssembledEvent} from './stream-assembler.js';
import {mapBounded, STAGE_CONCURRENCY} from '../bounded.js';

/** GetLogEvents calls spent completing traces, per search. */
export const MAX_TRACE_COMPLETIONS = 10;
/** How far after the opening line its continuation lines may be. */
const CONTINUATION_WINDOW_MS = 5_000;
const CONTINUATION_EVENT_LIMIT = 200;

/** An error that printed only its first line in its own event may continue in the next ones. */
function mayBeSplit(example: ErrorExample): boolean {
  return example.stack.length <= 1 && !example.text.trimStart().startsWith('{') && !example.text.includes('\n');
}

async function reassemble(logs: CloudWatchLogsPort, logGroupName: string, example: ErrorExample, signal?: AbortSignal): Promise<ErrorExample> {
  const events = await logs.getLogEvents(logGroupName, example.logStreamName, {startTime: example.timestamp, endTime: example.timestamp + CONTINUATION_WINDOW_MS, limit: CONTINUATION_EVENT_LIMIT}, {signal});
  let whole: AssembledEvent | undefined;
  const assembler = createStreamAssembler((event) => {
    if (whole === undefined && event.timestamp === example.timestamp && sanitizeForTerminal(event.message).startsWith(example.text)) whole = event;
  });
  for (const event of events) assembler.push({...event, logStreamName: example.logStreamName});
  assembler.flush();
  if (!whole || !whole.message.includes('\n')) return example;
  const record = parseLambdaLogMessage(whole.message);
  if (record.kind !== 'error') return example;
  return {...example, text: sanitizeForTerminal(whole.message), stack: record.stack.map(sanitizeLine)};
}

export async function completeSplitTraces(
  logs: CloudWatchLogsPort,
  logGroupName: string,
  summary: LambdaLogSummary,
  options: {signal?: AbortSignal; onProgress?: (progress: {phase: 'traces'; fetched: number}) => void},
): Promise<LambdaLogSummary> {
  // The first MAX_TRACE_COMPLETIONS examples that may be split are read side by side.
  const candidates = summary.errorGroups.flatMap((group) => group.examples.filter(mayBeSplit)).slice(0, MAX_TRACE_COMPLETIONS);
  let fetched = 0;
  const completed = await mapBounded(candidates, STAGE_CONCURRENCY, async (example) => {
    try {
      const whole = await reassemble(logs, logGroupName, example, options.signal);
      fetched += 1;
      options.onProgress?.({phase: 'traces', fetched});
      return whole;
    } catch (error) {
      // The trace stays as found; a missing logs:GetLogEvents only costs the continuation.
      if (!isAwsError(error) || !['AccessDenied', 'NotFound', 'Unsupported', 'Throttled'].includes(error.kind)) throw error;
      return example;
    }
  });
  const completedOf = new Map(candidates.map((example, i) => [example, completed[i]!]));
  const errorGroups: ErrorGroup[] = summary.errorGroups.map((group) => ({...group, examples: group.examples.map((example) => completedOf.get(example) ?? example)}));
  return {...summary, errorGroups};
}
