// Big, deterministic Lambda log groups for scale tests: N events spread over the last hour
// across M streams, with every errorEvery-th invocation throwing.
import type {LogEventSeed, LogGroupSeed} from '../scenario.js';
import {HOME_REGION, idSource} from './ids.js';
import {isoAt, lambdaLine} from './log-lines.js';

export interface GeneratedLogGroupOptions {
  /** Total log events (each invocation writes 4, or 5 when it throws). */
  readonly events: number;
  readonly streams: number;
  /** Every n-th invocation throws; 0 for none. */
  readonly errorEvery: number;
  readonly seed: number;
  readonly functionName?: string;
  readonly region?: string;
  /** Epoch ms the ISO stamps inside messages are relative to. */
  readonly now?: number;
}

const HOUR_MS = 3_600_000;

export function generateLambdaLogGroup(options: GeneratedLogGroupOptions): LogGroupSeed {
  const {events: total, errorEvery, seed, functionName = 'notes-api', region = HOME_REGION, now = Date.now()} = options;
  const ids = idSource(seed);
  const streams = Array.from({length: Math.max(1, options.streams)}, () => [] as LogEventSeed[]);
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
    const stream = streams[invocation % streams.length]!;
    // Lines of one invocation share its millisecond offsets, in order; time only moves forward.
    lines.forEach((message, i) => stream.push({agoMs: Math.max(0, agoMs - i), message}));
    written += lines.length;
  }
  const date = isoAt(now, HOUR_MS).slice(0, 10).replaceAll('-', '/');
  return {
    name: `/aws/lambda/${functionName}`,
    region,
    streams: streams.map((events) => ({name: `${date}/[$LATEST]${ids.hex(32)}`, events})),
  };
}
