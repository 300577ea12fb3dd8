// CloudWatch Logs Insights calls: StartQuery compiles the query at once (so a bad one fails
// there, with MalformedQueryException, as on AWS); GetQueryResults reports the status and
// then moves it on (Scheduled → Running → Complete over successive polls), running the
// query when it completes; StopQuery cancels a query that has not completed.
// Times here are epoch SECONDS (the rest of Logs uses milliseconds).
import {randomUUID} from 'node:crypto';
import {SandboxError, type HandlerContext, type JsonHandler} from '../protocol.js';
import type {StoredQuery} from '../state.js';
import {findLogGroup, groupNameOf, mergedEvents} from '../log-events.js';
import {compileQuery, runQuery, type CompiledQuery, type QueryOutcome} from '../logs-insights.js';
import type {InsightsEvent} from '../logs-insights-fields.js';
import {optionalNumber, optionalString, optionalStringList, requiredString} from '../wire/json.js';

interface QueryWork {
  readonly compiled: CompiledQuery;
  readonly limit: number;
  outcome?: QueryOutcome;
}

/** What a stored query needs beyond the state's record of it. */
const work = new WeakMap<StoredQuery, QueryWork>();

/** Epoch seconds beyond this (year 5138) are almost surely milliseconds sent by mistake. */
const latestPlausibleSeconds = 1e11;

function invalid(message: string): SandboxError {
  return new SandboxError('InvalidParameterException', message);
}

function requiredSeconds(input: Record<string, unknown>, name: string): number {
  const value = optionalNumber(input, name, {min: 0, max: Number.MAX_SAFE_INTEGER});
  if (value === undefined) throw invalid(`1 validation error detected: Value null at '${name}' failed to satisfy constraint: Member must not be null`);
  if (value > latestPlausibleSeconds) throw invalid(`${name} ${value} is not a time in epoch seconds (milliseconds given?)`);
  return value;
}

function groupNames(input: Record<string, unknown>): string[] {
  const given = [optionalString(input, 'logGroupName'), optionalStringList(input, 'logGroupNames'), optionalStringList(input, 'logGroupIdentifiers')].filter((value) => value !== undefined);
  if (given.length !== 1) throw invalid('Exactly one of logGroupName, logGroupNames or logGroupIdentifiers must be specified.');
  const names = [given[0]!].flat().map(groupNameOf);
  if (names.length === 0) throw invalid('At least one log group must be specified.');
  return names;
}

export const startQuery: JsonHandler = (input, ctx) => {
  const language = optionalString(input, 'queryLanguage') ?? 'CWLI';
  if (language !== 'CWLI') throw invalid(`The sandbox runs only Logs Insights QL (CWLI) queries, not ${language}.`);
  const logGroupNames = groupNames(input);
  for (const name of logGroupNames) findLogGroup(ctx, name);
  const startTime = requiredSeconds(input, 'startTime');
  const endTime = requiredSeconds(input, 'endTime');
  if (endTime < startTime) throw invalid('The end time must not be before the start time.');
  const queryString = requiredString(input, 'queryString');
  const limit = optionalNumber(input, 'limit', {min: 1, max: 10_000}) ?? 10_000;
  const compiled = compileQuery(queryString);
  const query: StoredQuery = {queryId: randomUUID(), region: ctx.region, logGroupNames, queryString, startTime, endTime, status: 'Scheduled', createdAt: Date.now()};
  ctx.state.queries.set(query.queryId, query);
  work.set(query, {compiled, limit});
  return {queryId: query.queryId};
};

function requireQuery(input: Record<string, unknown>, ctx: HandlerContext): StoredQuery {
  const queryId = requiredString(input, 'queryId');
  const query = ctx.state.queries.get(queryId);
  if (!query || query.region !== ctx.region) throw new SandboxError('ResourceNotFoundException', `Query ${queryId} does not exist.`);
  return query;
}

function* queryEvents(query: StoredQuery, ctx: HandlerContext): Generator<InsightsEvent> {
  // endTime is inclusive: the whole last second counts.
  const window = {startTime: query.startTime * 1000, endTime: query.endTime * 1000 + 999};
  for (const logGroupName of query.logGroupNames) {
    for (const {logStreamName, event} of mergedEvents(findLogGroup(ctx, logGroupName), window)) {
      yield {accountId: ctx.accountId, logGroupName, logStreamName, event};
    }
  }
}

export const getQueryResults: JsonHandler = (input, ctx) => {
  const query = requireQuery(input, ctx);
  const status = query.status;
  const job = work.get(query);
  if (status === 'Scheduled') query.status = 'Running';
  if (status === 'Running' && job) {
    job.outcome = runQuery(job.compiled, queryEvents(query, ctx), job.limit);
    query.status = 'Complete';
  }
  const outcome = status === 'Complete' ? job?.outcome : undefined;
  return {
    queryLanguage: 'CWLI',
    results: outcome?.rows ?? [],
    statistics: outcome?.statistics ?? {recordsMatched: 0, recordsScanned: 0, bytesScanned: 0},
    status,
  };
};

export const stopQuery: JsonHandler = (input, ctx) => {
  const query = requireQuery(input, ctx);
  const running = query.status === 'Scheduled' || query.status === 'Running';
  if (running) query.status = 'Cancelled';
  return {success: running};
};
