// Big, deterministic Lambda log groups for scale tests: N events spread over the last hour
// across M streams, with every errorEvery-th invocation throwing. `writeLambdaLogEvents`
// hands each event to a sink as it is made, so the sandbox can store a million of them
// without a second copy as seeds (state.ts); `generateLambdaLogGroup` collects them as seeds.
import type {GeneratedLogGroupSeed, LogEventSeed, LogGroupSeed, Scenario} from '../scenario.js';
import {HOME_REGION, idSource} from './ids.js';
import {isoAt, lambdaLine} from './log-lines.js';

export interface GeneratedLogGroupOptions extends GeneratedLogGroupSeed {
  /** Epoch ms the ISO stamps inside messages are relative to. */
  readonly now?: number;
}

const HOUR_MS = 3_600_000;

export function generatedLogGroupName(options: GeneratedLogGroupSeed): string {
  return `/aws/lambda/${options.functionName ?? 'notes-api'}`;
}

/**
 * Makes the group's events in time order per stream, calling `sink(stream, agoMs, message)`
 * for each; returns the stream names (index = the sink's `stream`).
 */
export function writeLambdaLogEvents(options: GeneratedLogGroupOptions, sink: (stream: number, agoMs: number, message: string) => void): string[] {
  const {events: total, errorEvery, seed, now = Date.now()} = options;
  const ids = idSource(seed);
  const streamCount = Math.max(1, options.streams);
  const step = HOUR_MS / Math.max(1, total);
  let written = 0;
  for (let invocation = 1; written < total; invocation += 1) {
    const requestId = ids.uuid();
    const throws = errorEvery > 0 && invocation % errorEvery === 0;
    const agoMs = Math.max(1, Math.round(HOUR_MS - written * step));
    const iso = isoAt(now, agoMs);
    const duration = 20 + ids.random() * 120;
    const lines = [
      lambdaLine.start(requestId),
      lambdaLine.app(iso, requestId, 'INFO', `GET /notes/{id} {"id":"${invocation}"}`),
      ...(throws
        ? [lambdaLine.invokeError(iso, requestId, {errorType: 'TypeError', errorMessage: "Cannot read properties of undefined (reading 'id')", stack: ["TypeError: Cannot read properties of undefined (reading 'id')", '    at getNote (file:///var/task/index.mjs:16:31)']})]
        : []),
      lambdaLine.end(requestId),
      lambdaLine.report({requestId, durationMs: duration, memorySizeMb: 256, maxMemoryUsedMb: 80 + (invocation % 12)}),
    ].slice(0, total - written);
    const stream = invocation % streamCount;
    // Lines of one invocation share its millisecond offsets, in order; time only moves forward.
    lines.forEach((message, i) => sink(stream, Math.max(0, agoMs - i), message));
    written += lines.length;
  }
  const date = isoAt(now, HOUR_MS).slice(0, 10).replaceAll('-', '/');
  return Array.from({length: streamCount}, () => `${date}/[$LATEST]${ids.hex(32)}`);
}

export function generateLambdaLogGroup(options: GeneratedLogGroupOptions): LogGroupSeed {
  const streams = Array.from({length: Math.max(1, options.streams)}, () => [] as LogEventSeed[]);
  const names = writeLambdaLogEvents(options, (stream, agoMs, message) => streams[stream]!.push({agoMs, message}));
  return {name: generatedLogGroupName(options), region: options.region ?? HOME_REGION, streams: streams.map((events, i) => ({name: names[i]!, events}))};
}

/** The scenario with its function's log group replaced by a generated one of `events` events. */
export function withGeneratedLambdaLog(scenario: Scenario, seed: GeneratedLogGroupSeed): Scenario {
  const name = generatedLogGroupName(seed);
  const region = seed.region ?? scenario.region;
  return {
    ...scenario,
    logGroups: scenario.logGroups.filter((group) => !(group.name === name && group.region === region)),
    generatedLogGroups: [...(scenario.generatedLogGroups ?? []), {...seed, region}],
  };
}
