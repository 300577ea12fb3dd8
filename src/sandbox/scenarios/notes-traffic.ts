// The hour of traffic notes-api saw before the scenario was loaded, as a request plan per
// preset: the usual requests, plus (lambda-error) requests for notes that do not exist, or
// (lambda-timeout) every request running into the function timeout.
import type {FunctionSeed, LogGroupSeed} from '../scenario.js';
import {positionOf} from './code.js';
import {ACCOUNT_ID, REST_API_ID, executionLogGroupName, functionArn} from './ids.js';
import type {LambdaError} from './log-lines.js';
import {trafficLogGroups, type PlannedRequest} from './traffic.js';

export interface TrafficOptions {
  readonly now: number;
  readonly region: string;
  readonly lambda: 'ok' | 'throws' | 'timeout';
  readonly executionLogging: boolean;
}

/** The TypeError the unguarded getNote throws, with a stack that points into its own code. */
function missingNoteError(code: string): LambdaError {
  const at = positionOf(code, 'note.id', 5);
  const message = "Cannot read properties of undefined (reading 'id')";
  return {
    errorType: 'TypeError',
    errorMessage: message,
    stack: [
      `TypeError: ${message}`,
      `    at getNote (file:///var/task/index.mjs:${at.line}:${at.column})`,
      '    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)',
      '    at async Runtime.handleOnceNonStreaming (file:///var/runtime/index.mjs:1173:17)',
    ],
  };
}

const minutes = (m: number, s = 0): number => (m * 60 + s) * 1000;
const get = (agoMs: number, id?: string): PlannedRequest =>
  id === undefined ? {agoMs, method: 'GET', resourcePath: '/notes', path: '/notes', outcome: 'ok'} : {agoMs, method: 'GET', resourcePath: '/notes/{id}', path: `/notes/${id}`, outcome: 'ok'};

/** An ordinary hour of traffic on prod. */
const usualHour: readonly PlannedRequest[] = [
  get(minutes(57, 12)),
  get(minutes(52, 40), '41'),
  {agoMs: minutes(48, 3), method: 'POST', resourcePath: '/notes', path: '/notes', outcome: 'ok'},
  get(minutes(44, 27), '42'),
  {agoMs: minutes(33, 51), method: 'PUT', resourcePath: '/notes/{id}', path: '/notes/42', outcome: 'ok'},
  get(minutes(28, 9)),
  get(minutes(19, 36), '42'),
  get(minutes(9, 58)),
  get(minutes(3, 14), '41'),
];

/** Requests for notes that do not exist: the unguarded handler throws on each. */
const missingNotes: readonly PlannedRequest[] = [
  {...get(minutes(39, 5), '7'), outcome: 'throws'},
  {...get(minutes(24, 44), '13'), outcome: 'throws'},
  {...get(minutes(14, 2), '99'), outcome: 'throws'},
  {...get(minutes(6, 30), '7'), outcome: 'throws'},
  {...get(minutes(1, 47), '58'), outcome: 'throws'},
];

export function notesApiLogGroups(o: TrafficOptions, fn: FunctionSeed): LogGroupSeed[] {
  const plan =
    o.lambda === 'throws' ? [...usualHour, ...missingNotes] : o.lambda === 'timeout' ? usualHour.map((r) => ({...r, outcome: 'timeout' as const})) : usualHour;
  const code = fn.code['index.mjs'] ?? '';
  return trafficLogGroups(
    {
      now: o.now,
      seed: 20261126,
      region: o.region,
      accountId: ACCOUNT_ID,
      apiId: REST_API_ID,
      stage: 'prod',
      functionArn: functionArn(o.region),
      memorySizeMb: fn.memorySize,
      timeoutSeconds: fn.timeout,
      error: o.lambda === 'throws' ? missingNoteError(code) : undefined,
      successLines: o.lambda === 'timeout' ? ['listNotes returned 12 rows'] : [],
      lambdaLogGroup: fn.logGroup ?? `/aws/lambda/${fn.name}`,
      lambdaStreams: 2,
      executionLogGroup: o.executionLogging ? executionLogGroupName(REST_API_ID, 'prod') : undefined,
      accessLogGroup: o.executionLogging ? '/aws/apigateway/notes-prod-access' : undefined,
    },
    plan,
  );
}
