// Lambda and CloudWatch Logs read from the scenario; log events come from the loaded state,
// so their timestamps are the scenario's "now" minus each seed's agoMs.
import {AwsError} from '../../../src/aws/errors.js';
import type * as P from '../../../src/aws/ports.js';
import {codePackage} from '../../../src/sandbox/lambda-code.js';
import {compileFilterPattern} from '../../../src/sandbox/logs-filter-pattern.js';
import type {FunctionSeed} from '../../../src/sandbox/scenario.js';
import {logGroupKey} from '../../../src/sandbox/state.js';
import {actionFor, FakePort} from './base.js';

export class FakeLambda extends FakePort implements P.LambdaPort {
  protected readonly port = 'lambda';

  /** Accepts a name, a function ARN or a partial ARN, like Lambda does. */
  private function(method: string, nameOrArn: string, qualifier?: string): FunctionSeed {
    const [, , , arnRegion, , , name, arnQualifier] = nameOrArn.startsWith('arn:') ? nameOrArn.split(':') : ['', '', '', this.region, '', '', nameOrArn];
    const version = qualifier ?? arnQualifier ?? '$LATEST';
    const seed = this.scenario.functions.find((candidate) => candidate.name === name && candidate.region === (arnRegion || this.region));
    // Scenarios model no published versions or aliases, so only $LATEST exists.
    if (!seed || version !== '$LATEST') throw new AwsError({kind: 'NotFound', action: actionFor('lambda', method), message: `Function not found: ${nameOrArn}`, code: 'ResourceNotFoundException', httpStatus: 404});
    return seed;
  }
  private toFunction(seed: FunctionSeed): P.LambdaFunction {
    return {
      functionName: seed.name,
      functionArn: `arn:aws:lambda:${seed.region}:${this.scenario.accountId}:function:${seed.name}`,
      runtime: seed.runtime,
      handler: seed.handler,
      role: seed.roleArn,
      timeout: seed.timeout,
      memorySize: seed.memorySize,
      state: 'Active',
      lastUpdateStatus: 'Successful',
      logFormat: seed.logFormat ?? 'Text',
      logGroup: seed.logGroup ?? `/aws/lambda/${seed.name}`,
      version: '$LATEST',
    };
  }

  async getFunctionConfiguration(functionName: string, qualifier?: string): Promise<P.LambdaFunction> {
    this.enter('getFunctionConfiguration', functionName, qualifier);
    return this.toFunction(this.function('getFunctionConfiguration', functionName, qualifier));
  }
  async getFunction(functionName: string, qualifier?: string): Promise<P.LambdaFunctionWithCode> {
    this.enter('getFunction', functionName, qualifier);
    const seed = this.function('getFunction', functionName, qualifier);
    // A data: URL stands in for the pre-signed S3 URL (fetch() reads both); the zip is the sandbox's own.
    return {...this.toFunction(seed), packageType: 'Zip', codeLocation: `data:application/zip;base64,${Buffer.from(codePackage(seed)).toString('base64')}`};
  }
  async getPolicy(functionName: string, qualifier?: string): Promise<string | undefined> {
    this.enter('getPolicy', functionName, qualifier);
    const policy = this.function('getPolicy', functionName, qualifier).resourcePolicy;
    // Lambda names the document "default", as GetPolicy shows it.
    return policy && JSON.stringify({Version: policy.Version, Id: 'default', Statement: policy.Statement});
  }
}

export class FakeLogs extends FakePort implements P.CloudWatchLogsPort {
  protected readonly port = 'logs';
  private readonly queries = new Map<string, {logGroupNames: readonly string[]; queryString: string}>();

  private group(method: string, name: string) {
    const group = this.context.state.logGroups.get(logGroupKey(this.region, name));
    if (!group) throw new AwsError({kind: 'NotFound', action: actionFor('logs', method), message: 'The specified log group does not exist.', code: 'ResourceNotFoundException', httpStatus: 400});
    return group;
  }

  async describeLogGroups(prefix: string): Promise<P.LogGroup[]> {
    this.enter('describeLogGroups', prefix);
    return [...this.context.state.logGroups.values()]
      .filter((group) => group.region === this.region && group.name.startsWith(prefix))
      .map((group) => ({logGroupName: group.name, retentionInDays: group.retentionInDays, creationTime: group.creationTime}));
  }
  async describeLogStreams(logGroupName: string, input?: {orderByLastEventTime?: boolean; limit?: number}): Promise<P.LogStream[]> {
    this.enter('describeLogStreams', logGroupName, input);
    const streams = [...this.group('describeLogStreams', logGroupName).streams].map(([logStreamName, events]) => ({logStreamName, firstEventTimestamp: events[0]?.timestamp, lastEventTimestamp: events.at(-1)?.timestamp}));
    if (input?.orderByLastEventTime) streams.sort((a, b) => (b.lastEventTimestamp ?? 0) - (a.lastEventTimestamp ?? 0));
    else streams.sort((a, b) => a.logStreamName.localeCompare(b.logStreamName));
    return streams.slice(0, input?.limit);
  }
  async filterLogEvents(input: P.FilterLogEventsInput, onPage: (events: readonly P.LogEvent[]) => void): Promise<{events: number; pages: number}> {
    this.enter('filterLogEvents', input);
    let matches: (message: string) => boolean;
    try {
      matches = compileFilterPattern(input.filterPattern);
    } catch (error) {
      // The sandbox's own pattern language, with its InvalidParameterException for what it lacks.
      throw new AwsError({kind: 'Unexpected', action: 'logs:FilterLogEvents', message: error instanceof Error ? error.message : String(error), code: 'InvalidParameterException', httpStatus: 400});
    }
    const events = [...this.group('filterLogEvents', input.logGroupName).streams]
      .filter(([name]) => !input.logStreamNames || input.logStreamNames.includes(name))
      .flatMap(([logStreamName, stored]) => stored.map((event) => ({logStreamName, timestamp: event.timestamp, message: event.message, eventId: event.eventId})))
      .filter((event) => event.timestamp >= input.startTime && event.timestamp <= input.endTime && matches(event.message))
      .sort((a, b) => a.timestamp - b.timestamp)
      .slice(0, input.maxEvents);
    const pageSize = 50;
    for (let start = 0; start < events.length; start += pageSize) onPage(events.slice(start, start + pageSize));
    return {events: events.length, pages: Math.max(1, Math.ceil(events.length / pageSize))};
  }
  async getLogEvents(logGroupName: string, logStreamName: string, input?: {startTime?: number; endTime?: number; limit?: number}): Promise<P.LogEvent[]> {
    this.enter('getLogEvents', logGroupName, logStreamName, input);
    const stream = this.group('getLogEvents', logGroupName).streams.get(logStreamName);
    if (!stream) throw new AwsError({kind: 'NotFound', action: 'logs:GetLogEvents', message: 'The specified log stream does not exist.', code: 'ResourceNotFoundException', httpStatus: 400});
    return stream
      .filter((event) => event.timestamp >= (input?.startTime ?? 0) && event.timestamp <= (input?.endTime ?? Number.POSITIVE_INFINITY))
      .slice(0, input?.limit)
      .map((event) => ({logStreamName, timestamp: event.timestamp, message: event.message, eventId: event.eventId}));
  }
  async startQuery(input: {logGroupNames: readonly string[]; startTime: number; endTime: number; queryString: string; limit?: number}): Promise<string> {
    this.enter('startQuery', input);
    if (!this.context.options.queryResults) throw this.unsupported('startQuery', 'pass options.queryResults');
    for (const name of input.logGroupNames) this.group('startQuery', name);
    const queryId = `query-${this.queries.size + 1}`;
    this.queries.set(queryId, {logGroupNames: input.logGroupNames, queryString: input.queryString});
    return queryId;
  }
  async getQueryResults(queryId: string): Promise<P.QueryResults> {
    this.enter('getQueryResults', queryId);
    const query = this.queries.get(queryId);
    if (!query || !this.context.options.queryResults) throw new AwsError({kind: 'NotFound', action: 'logs:GetQueryResults', message: `Query ${queryId} does not exist.`, code: 'ResourceNotFoundException'});
    return this.context.options.queryResults(query);
  }
  async stopQuery(queryId: string): Promise<void> {
    this.enter('stopQuery', queryId);
    this.queries.delete(queryId);
  }
}
