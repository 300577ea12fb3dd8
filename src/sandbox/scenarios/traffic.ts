// Turns a list of planned requests into the log groups they would leave behind: the Lambda
// log (one stream per execution environment), the REST execution log and the access log.
// One request id pair per request joins the three, as in AWS: the execution log quotes the
// Lambda request id ("Lambda request id: …", "x-amzn-RequestId=…").
import type {LogEventSeed, LogGroupSeed} from '../scenario.js';
import {idSource, type IdSource} from './ids.js';
import {accessLogLine, executionLogLines, isoAt, lambdaLine, timeoutMessage, type LambdaError} from './log-lines.js';

export type Outcome = 'ok' | 'throws' | 'timeout';

export interface PlannedRequest {
  readonly agoMs: number;
  readonly method: string;
  /** The API Gateway resource, e.g. "/notes/{id}". */
  readonly resourcePath: string;
  readonly path: string;
  readonly outcome: Outcome;
}

export interface TrafficSetting {
  readonly now: number;
  readonly seed: number;
  readonly region: string;
  readonly accountId: string;
  readonly apiId: string;
  readonly stage: string;
  readonly functionArn: string;
  readonly memorySizeMb: number;
  readonly timeoutSeconds: number;
  /** What the function throws on a 'throws' request. */
  readonly error?: LambdaError;
  /** App lines the handler logs after its route line on success, e.g. "listNotes returned 12 rows". */
  readonly successLines?: readonly string[];
  readonly lambdaLogGroup: string;
  readonly lambdaStreams: number;
  /** Absent when execution logging is off: API Gateway writes nothing. */
  readonly executionLogGroup?: string;
  readonly accessLogGroup?: string;
}

type Timed = {agoMs: number; message: string};

interface RequestLogs {
  readonly lambda: Timed[];
  readonly execution: Timed[];
  readonly access: Timed;
}

const sampleNote = (id: string): Record<string, string> => ({id, title: `Note ${id}`, updatedAt: '2026-11-20T17:04:11.000Z'});

function proxyResponse(request: PlannedRequest): {status: number; body: string} {
  const id = request.path.split('/')[2] ?? 'n-new';
  const payload = request.resourcePath === '/notes' && request.method === 'GET' ? [sampleNote('41'), sampleNote('42')] : sampleNote(id);
  const status = request.method === 'POST' ? 201 : 200;
  return {status, body: JSON.stringify({statusCode: status, headers: {'content-type': 'application/json'}, body: JSON.stringify(payload)})};
}

function pathParameters(request: PlannedRequest): Record<string, string> {
  const id = request.resourcePath.includes('{id}') ? request.path.split('/')[2] : undefined;
  return id === undefined ? {} : {id};
}

function logsForRequest(s: TrafficSetting, ids: IdSource, runtimeHash: string, request: PlannedRequest, coldStart: boolean): RequestLogs {
  const apiRequestId = ids.uuid();
  const lambdaRequestId = ids.uuid();
  const at = (offsetMs: number): number => request.agoMs - offsetMs;
  const iso = (offsetMs: number): string => isoAt(s.now, at(offsetMs));
  const initMs = coldStart ? 310 + Math.floor(ids.random() * 160) : 0;
  const startOffset = 28 + initMs;
  const duration =
    request.outcome === 'timeout' ? s.timeoutSeconds * 1000 + 5 + ids.random() * 2 : request.outcome === 'throws' ? 18 + ids.random() * 30 : 45 + ids.random() * 140;
  const endOffset = startOffset + Math.ceil(duration);
  const params = pathParameters(request);

  const lambda: Timed[] = [];
  if (coldStart) lambda.push({agoMs: at(28), message: lambdaLine.initStart(s.region, runtimeHash)});
  lambda.push({agoMs: at(startOffset), message: lambdaLine.start(lambdaRequestId)});
  lambda.push({agoMs: at(startOffset + 2), message: lambdaLine.app(iso(startOffset + 2), lambdaRequestId, 'INFO', `${request.method} ${request.resourcePath} ${JSON.stringify(params)}`)});
  let response = proxyResponse(request);
  let functionError: string | undefined;
  if (request.outcome === 'ok' || request.outcome === 'timeout') {
    for (const line of s.successLines ?? []) lambda.push({agoMs: at(startOffset + 12), message: lambdaLine.app(iso(startOffset + 12), lambdaRequestId, 'INFO', line)});
  }
  if (request.outcome === 'throws') {
    if (s.error === undefined) throw new Error('a throwing request needs TrafficSetting.error');
    lambda.push({agoMs: at(endOffset - 1), message: lambdaLine.invokeError(iso(endOffset - 1), lambdaRequestId, s.error)});
    functionError = s.error.errorMessage;
    response = {status: 502, body: JSON.stringify({errorType: s.error.errorType, errorMessage: s.error.errorMessage, trace: s.error.stack})};
  }
  if (request.outcome === 'timeout') {
    const message = `${iso(endOffset)} ${lambdaRequestId} ${timeoutMessage(s.timeoutSeconds)}`;
    lambda.push({agoMs: at(endOffset), message: lambdaLine.timedOut(iso(endOffset), lambdaRequestId, s.timeoutSeconds)});
    functionError = message;
    response = {status: 502, body: JSON.stringify({errorMessage: message})};
  }
  lambda.push({agoMs: at(endOffset), message: lambdaLine.end(lambdaRequestId)});
  lambda.push({
    agoMs: at(endOffset),
    message: lambdaLine.report({
      requestId: lambdaRequestId,
      durationMs: duration,
      billedDurationMs: request.outcome === 'timeout' ? s.timeoutSeconds * 1000 : undefined,
      memorySizeMb: s.memorySizeMb,
      maxMemoryUsedMb: 78 + Math.floor(ids.random() * 18),
      initDurationMs: coldStart ? initMs - 0.37 : undefined,
      status: request.outcome === 'timeout' ? 'timeout' : undefined,
    }),
  });

  const methodStatus = functionError === undefined ? response.status : 502;
  const integrationLatencyMs = endOffset + 6;
  const executionLines = executionLogLines({
    requestId: apiRequestId,
    extendedRequestId: `${ids.hex(4).toUpperCase()}Fq1IAMEb${ids.hex(2)}=`,
    apiId: s.apiId,
    stage: s.stage,
    region: s.region,
    accountId: s.accountId,
    method: request.method,
    resourcePath: request.resourcePath,
    path: request.path,
    pathParameters: params,
    functionArn: s.functionArn,
    lambdaRequestId,
    integrationLatencyMs,
    lambdaResponseBody: response.body,
    functionError,
    methodStatus,
    requestBody: request.method === 'POST' || request.method === 'PUT' ? '{"title":"Buy oat milk"}' : undefined,
  });
  // Lines before the integration call land in the first few ms, the rest after it returns.
  const sendIndex = executionLines.findIndex((line) => line.includes(') Received response.'));
  const execution = executionLines.map((message, i) => ({agoMs: at(i < sendIndex ? i : integrationLatencyMs + (i - sendIndex)), message}));
  const access = {
    agoMs: at(integrationLatencyMs + 20),
    message: accessLogLine({
      requestId: apiRequestId,
      sourceIp: `203.0.113.${20 + Math.floor(ids.random() * 40)}`,
      caller: 'AROA4EXAMPLEAUTHROLE1:CognitoIdentityCredentials',
      requestTimeEpochMs: s.now - request.agoMs,
      method: request.method,
      resourcePath: request.resourcePath,
      status: methodStatus,
      responseLength: functionError === undefined ? JSON.parse(response.body).body.length : 36,
      integrationLatencyMs,
      integrationError: functionError === undefined ? undefined : 'Lambda.FunctionError',
    }),
  };
  return {lambda, execution, access};
}

function streamDate(now: number, agoMs: number): string {
  return isoAt(now, agoMs).slice(0, 10).replaceAll('-', '/');
}

function toEvents(timed: readonly Timed[]): LogEventSeed[] {
  return timed.map((t) => ({agoMs: t.agoMs, message: t.message}));
}

/** The log groups a plan of requests leaves: Lambda's, and API Gateway's when it logs. */
export function trafficLogGroups(s: TrafficSetting, plan: readonly PlannedRequest[]): LogGroupSeed[] {
  const ids = idSource(s.seed);
  const runtimeHash = ids.hex(64);
  const ordered = [...plan].sort((a, b) => b.agoMs - a.agoMs);
  const lambdaStreams = Array.from({length: s.lambdaStreams}, () => ({suffix: ids.hex(32), events: [] as Timed[], warm: false}));
  const executionStreams = [ids.hex(32), ids.hex(32)].map((name) => ({name, events: [] as Timed[]}));
  const access: Timed[] = [];
  ordered.forEach((request, i) => {
    const env = lambdaStreams[i % lambdaStreams.length]!;
    const logs = logsForRequest(s, ids, runtimeHash, request, !env.warm);
    // A timeout kills the environment: the next request there starts cold again.
    env.warm = request.outcome !== 'timeout';
    env.events.push(...logs.lambda);
    executionStreams[i % executionStreams.length]!.events.push(...logs.execution);
    access.push(logs.access);
  });
  const groups: LogGroupSeed[] = [
    {
      name: s.lambdaLogGroup,
      region: s.region,
      retentionInDays: 30,
      streams: lambdaStreams
        .filter((env) => env.events.length > 0)
        .map((env) => ({name: `${streamDate(s.now, env.events[0]!.agoMs)}/[$LATEST]${env.suffix}`, events: toEvents(env.events)})),
    },
  ];
  if (s.executionLogGroup !== undefined) {
    groups.push({name: s.executionLogGroup, region: s.region, streams: executionStreams.filter((st) => st.events.length > 0).map((st) => ({name: st.name, events: toEvents(st.events)}))});
  }
  if (s.accessLogGroup !== undefined) {
    groups.push({name: s.accessLogGroup, region: s.region, retentionInDays: 90, streams: [{name: ids.hex(32), events: toEvents(access)}]});
  }
  return groups;
}
