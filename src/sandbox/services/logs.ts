// CloudWatch Logs (awsJson1_1): the reads the logs and timeouts stages make. Times are epoch
// milliseconds, as the Logs API uses them (except the Insights calls in logs-queries.ts,
// which take seconds). Log groups belong to one region.
import {SandboxError, type HandlerContext, type JsonHandler, type JsonService} from '../protocol.js';
import type {StoredLogEvent, StoredLogGroup} from '../state.js';
import {compileFilterPattern} from '../logs-filter-pattern.js';
import {findLogGroup, firstAtOrAfter, groupNameOf, keyOf, mergedEvents, type EventKey} from '../log-events.js';
import {jsonPage, optionalNumber, optionalString, optionalStringList, requiredString} from '../wire/json.js';
import {getQueryResults, startQuery, stopQuery} from './logs-queries.js';

/** AWS returns at most 1 MB of events per FilterLogEvents/GetLogEvents call. */
const maxResponseBytes = 1_048_576;

function invalid(message: string): SandboxError {
  return new SandboxError('InvalidParameterException', message);
}

function logGroupArn(ctx: HandlerContext, name: string): string {
  return `arn:aws:logs:${ctx.region}:${ctx.accountId}:log-group:${name}`;
}

/** logGroupName, or logGroupIdentifier (a name or an ARN, with or without ":*"); not both. */
function requestedGroup(input: Record<string, unknown>, ctx: HandlerContext): StoredLogGroup {
  const name = optionalString(input, 'logGroupName');
  const identifier = optionalString(input, 'logGroupIdentifier');
  if (name !== undefined && identifier !== undefined) throw invalid('LogGroup name and LogGroup ARN are mutually exclusive parameters.');
  if (name === undefined && identifier === undefined) throw invalid('Either the log group name or the log group ARN must be specified.');
  return findLogGroup(ctx, name ?? groupNameOf(identifier!));
}

function storedBytes(group: StoredLogGroup): number {
  let bytes = 0;
  for (const events of group.streams.values()) for (const event of events) bytes += event.message.length;
  return bytes;
}

const describeLogGroups: JsonHandler = (input, ctx) => {
  const prefix = optionalString(input, 'logGroupNamePrefix');
  const pattern = optionalString(input, 'logGroupNamePattern');
  if (prefix !== undefined && pattern !== undefined) throw invalid('LogGroup name prefix and LogGroup name pattern are mutually exclusive parameters.');
  const identifiers = optionalStringList(input, 'logGroupIdentifiers');
  if (identifiers !== undefined && (prefix !== undefined || pattern !== undefined)) throw invalid('logGroupIdentifiers cannot be combined with a name prefix or pattern.');
  const wanted = identifiers && new Set(identifiers.map(groupNameOf));
  const limit = optionalNumber(input, 'limit', {min: 1, max: 50}) ?? 50;
  const groups = [...ctx.state.logGroups.values()]
    .filter((group) => group.region === ctx.region && (wanted === undefined || wanted.has(group.name)))
    .filter((group) => (prefix === undefined || group.name.startsWith(prefix)) && (pattern === undefined || group.name.toLowerCase().includes(pattern.toLowerCase())))
    .sort((a, b) => (a.name < b.name ? -1 : 1));
  const page = jsonPage(groups, optionalString(input, 'nextToken'), limit);
  return {
    logGroups: page.items.map((group) => ({
      logGroupName: group.name,
      creationTime: group.creationTime,
      retentionInDays: group.retentionInDays,
      metricFilterCount: 0,
      arn: `${logGroupArn(ctx, group.name)}:*`,
      storedBytes: storedBytes(group),
      logGroupClass: 'STANDARD',
      logGroupArn: logGroupArn(ctx, group.name),
    })),
    nextToken: page.nextToken,
  };
};

function streamShape(ctx: HandlerContext, group: StoredLogGroup, name: string, events: readonly StoredLogEvent[]): Record<string, unknown> {
  const first = events[0];
  const last = events.at(-1);
  return {
    logStreamName: name,
    creationTime: first?.timestamp ?? group.creationTime,
    firstEventTimestamp: first?.timestamp,
    lastEventTimestamp: last?.timestamp,
    lastIngestionTime: last?.ingestionTime,
    uploadSequenceToken: String(events.length).padStart(20, '0'),
    arn: `${logGroupArn(ctx, group.name)}:log-stream:${name}`,
    storedBytes: 0,
  };
}

const describeLogStreams: JsonHandler = (input, ctx) => {
  const group = requestedGroup(input, ctx);
  const prefix = optionalString(input, 'logStreamNamePrefix');
  const orderBy = optionalString(input, 'orderBy') ?? 'LogStreamName';
  if (orderBy !== 'LogStreamName' && orderBy !== 'LastEventTime') {
    throw invalid(`1 validation error detected: Value '${orderBy}' at 'orderBy' failed to satisfy constraint: Member must satisfy enum value set: [LogStreamName, LastEventTime]`);
  }
  if (orderBy === 'LastEventTime' && prefix !== undefined) throw invalid('Cannot order by LastEventTime with a logStreamNamePrefix.');
  const limit = optionalNumber(input, 'limit', {min: 1, max: 50}) ?? 50;
  const lastTime = (events: readonly StoredLogEvent[]): number => events.at(-1)?.timestamp ?? 0;
  const streams = [...group.streams]
    .filter(([name]) => prefix === undefined || name.startsWith(prefix))
    .sort(orderBy === 'LastEventTime' ? ([, a], [, b]) => lastTime(a) - lastTime(b) : ([a], [b]) => (a < b ? -1 : 1));
  if (input.descending === true) streams.reverse();
  const page = jsonPage(streams, optionalString(input, 'nextToken'), limit);
  return {logStreams: page.items.map(([name, events]) => streamShape(ctx, group, name, events)), nextToken: page.nextToken};
};

function encodeKey(key: EventKey): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

function decodeKey(token: string): EventKey {
  try {
    const key = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as EventKey;
    if (typeof key.timestamp === 'number' && typeof key.eventId === 'string' && typeof key.logStreamName === 'string') return key;
  } catch {
    // fall through to the error below
  }
  throw invalid('The specified nextToken is invalid.');
}

const filterLogEvents: JsonHandler = (input, ctx) => {
  const group = requestedGroup(input, ctx);
  const streamNames = optionalStringList(input, 'logStreamNames');
  const streamPrefix = optionalString(input, 'logStreamNamePrefix');
  if (streamNames !== undefined && streamPrefix !== undefined) throw invalid('Cannot specify both logStreamNames and logStreamNamePrefix.');
  const limit = optionalNumber(input, 'limit', {min: 1, max: 10_000}) ?? 10_000;
  const matches = compileFilterPattern(optionalString(input, 'filterPattern'));
  const selected = streamNames ?? (streamPrefix === undefined ? undefined : [...group.streams.keys()].filter((name) => name.startsWith(streamPrefix)));
  const token = optionalString(input, 'nextToken');
  const window = {
    startTime: optionalNumber(input, 'startTime', {min: 0, max: Number.MAX_SAFE_INTEGER}) ?? 0,
    endTime: optionalNumber(input, 'endTime', {min: 0, max: Number.MAX_SAFE_INTEGER}) ?? Number.MAX_SAFE_INTEGER,
    streamNames: selected && new Set(selected),
    after: token === undefined ? undefined : decodeKey(token),
  };
  const events: Array<Record<string, unknown>> = [];
  let bytes = 0;
  let lastKey: EventKey | undefined;
  let nextToken: string | undefined;
  for (const item of mergedEvents(group, window)) {
    if (!matches(item.event.message)) continue;
    const size = Buffer.byteLength(item.event.message);
    if (lastKey && (events.length === limit || bytes + size > maxResponseBytes)) {
      nextToken = encodeKey(lastKey);
      break;
    }
    bytes += size;
    lastKey = keyOf(item);
    const {timestamp, message, ingestionTime, eventId} = item.event;
    events.push({logStreamName: item.logStreamName, timestamp, message, ingestionTime, eventId});
  }
  // searchedLogStreams: AWS stopped filling it in 2020 and always returns an empty list.
  return {events, searchedLogStreams: [], nextToken};
};

// GetLogEvents tokens name an index into the stream: "f/<i>" reads forward from i,
// "b/<i>" reads backward ending before i. At either end the same token comes back.
function parseStreamToken(token: string): {direction: string; index: number} {
  const match = /^([fb])\/(\d+)$/.exec(token);
  if (!match) throw invalid('The specified nextToken is invalid.');
  return {direction: match[1] as 'f' | 'b', index: Number(match[2])};
}

const getLogEvents: JsonHandler = (input, ctx) => {
  const group = requestedGroup(input, ctx);
  const streamName = requiredString(input, 'logStreamName');
  const events = group.streams.get(streamName);
  if (!events) throw new SandboxError('ResourceNotFoundException', 'The specified log stream does not exist.');
  const limit = optionalNumber(input, 'limit', {min: 1, max: 10_000}) ?? 10_000;
  const startTime = optionalNumber(input, 'startTime', {min: 0, max: Number.MAX_SAFE_INTEGER});
  const endTime = optionalNumber(input, 'endTime', {min: 0, max: Number.MAX_SAFE_INTEGER});
  // The window is [startTime, endTime): start inclusive, end exclusive, as AWS documents.
  const low = startTime === undefined ? 0 : firstAtOrAfter(events, startTime);
  const high = endTime === undefined ? events.length : firstAtOrAfter(events, endTime);
  const token = optionalString(input, 'nextToken');
  const position = token === undefined ? (input.startFromHead === true ? {direction: 'f', index: low} : {direction: 'b', index: high}) : parseStreamToken(token);
  const from = Math.min(Math.max(position.index, low), high);
  const forward = position.direction === 'f';
  const [first, last] = forward ? [from, Math.min(high, from + limit)] : [Math.max(low, from - limit), from];
  // Read from the token's side so the 1 MB cap trims the far end of the page.
  const picked: StoredLogEvent[] = [];
  let bytes = 0;
  for (let i = forward ? first : last - 1; forward ? i < last : i >= first; i += forward ? 1 : -1) {
    bytes += Buffer.byteLength(events[i]!.message);
    if (picked.length > 0 && bytes > maxResponseBytes) break;
    picked.push(events[i]!);
  }
  if (!forward) picked.reverse();
  const start = forward ? from : from - picked.length;
  const end = start + picked.length;
  const atEnd = picked.length === 0 && token !== undefined;
  return {
    events: picked.map(({timestamp, message, ingestionTime}) => ({timestamp, message, ingestionTime})),
    nextForwardToken: atEnd && forward ? token : `f/${end}`,
    nextBackwardToken: atEnd && !forward ? token : `b/${start}`,
  };
};

export const logsService: JsonService = {
  protocol: 'awsJson1_1',
  signingName: 'logs',
  targetPrefix: 'Logs_20140328',
  actionPrefix: 'logs',
  operations: {
    DescribeLogGroups: describeLogGroups,
    DescribeLogStreams: describeLogStreams,
    FilterLogEvents: filterLogEvents,
    GetLogEvents: getLogEvents,
    StartQuery: startQuery,
    GetQueryResults: getQueryResults,
    StopQuery: stopQuery,
  },
};
