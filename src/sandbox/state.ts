// The sandbox's live account: a scenario loaded at a moment in time. Seeds carry log event
// times relative to "now"; here they become absolute epoch milliseconds. Writes the tool may
// make (PutRolePolicy, UpdateStage) and Logs Insights queries mutate this state only.
import type {GeneratedLogGroupSeed, LogGroupSeed, PolicyDocument, RestStageSeed, Scenario} from './scenario.js';
import {generatedLogGroupName, writeLambdaLogEvents} from './scenarios/generate.js';

export interface StoredLogEvent {
  readonly timestamp: number;
  readonly ingestionTime: number;
  readonly message: string;
  readonly eventId: string;
}

export interface StoredLogGroup {
  readonly name: string;
  readonly region: string;
  readonly creationTime: number;
  readonly retentionInDays?: number;
  readonly streams: Map<string, StoredLogEvent[]>;
}

export interface StoredQuery {
  readonly queryId: string;
  readonly region: string;
  readonly logGroupNames: readonly string[];
  readonly queryString: string;
  /** Epoch seconds, as the API takes them. */
  readonly startTime: number;
  readonly endTime: number;
  status: 'Scheduled' | 'Running' | 'Complete' | 'Failed' | 'Cancelled' | 'Timeout';
  readonly createdAt: number;
}

export interface SandboxState {
  readonly scenario: Scenario;
  readonly loadedAt: number;
  /** roleName → policyName → document; starts as the scenario's inline policies. */
  readonly inlinePolicies: Map<string, Map<string, PolicyDocument>>;
  /** `${region}/${apiId}/${stageName}` → stage, so UpdateStage can change logging. */
  readonly restStages: Map<string, RestStageSeed>;
  readonly logGroups: Map<string, StoredLogGroup>;
  readonly queries: Map<string, StoredQuery>;
}

export function logGroupKey(region: string, name: string): string {
  return `${region}/${name}`;
}

/** Event ids sort like AWS's: by time, then by arrival (a sequence number across the group). */
function storedEvent(timestamp: number, message: string, sequence: number): StoredLogEvent {
  return {timestamp, ingestionTime: timestamp + 200, message, eventId: String(timestamp).padStart(20, '0') + String(sequence).padStart(8, '0')};
}

function sortedStreams(names: readonly string[], events: StoredLogEvent[][]): Map<string, StoredLogEvent[]> {
  return new Map(names.map((name, i) => [name, events[i]!.sort((a, b) => a.timestamp - b.timestamp)]));
}

function loadLogGroup(seed: LogGroupSeed, now: number): StoredLogGroup {
  let sequence = 0;
  const events = seed.streams.map((stream) => stream.events.map((event) => storedEvent(now - event.agoMs, event.message, (sequence += 1))));
  const oldest = Math.min(now, ...events.map((stream) => stream.reduce((min, event) => Math.min(min, event.timestamp), now)));
  const streams = sortedStreams(seed.streams.map((stream) => stream.name), events);
  return {name: seed.name, region: seed.region, creationTime: oldest - 86_400_000, retentionInDays: seed.retentionInDays, streams};
}

/** Generates the group's events straight into storage: no seed array is ever built. */
function loadGeneratedLogGroup(seed: GeneratedLogGroupSeed, region: string, now: number): StoredLogGroup {
  const events = Array.from({length: Math.max(1, seed.streams)}, () => [] as StoredLogEvent[]);
  let sequence = 0;
  let oldest = now;
  const names = writeLambdaLogEvents({...seed, now}, (stream, agoMs, message) => {
    oldest = Math.min(oldest, now - agoMs);
    events[stream]!.push(storedEvent(now - agoMs, message, (sequence += 1)));
  });
  return {name: generatedLogGroupName(seed), region, creationTime: oldest - 86_400_000, streams: sortedStreams(names, events)};
}

export function createState(scenario: Scenario, now = Date.now()): SandboxState {
  const inlinePolicies = new Map<string, Map<string, PolicyDocument>>();
  for (const role of scenario.roles) inlinePolicies.set(role.name, new Map(Object.entries(role.inlinePolicies)));
  const restStages = new Map<string, RestStageSeed>();
  for (const api of scenario.restApis) for (const stage of api.stages) restStages.set(`${api.region}/${api.id}/${stage.stageName}`, stage);
  const logGroups = new Map<string, StoredLogGroup>();
  for (const group of scenario.logGroups) logGroups.set(logGroupKey(group.region, group.name), loadLogGroup(group, now));
  for (const generated of scenario.generatedLogGroups ?? []) {
    const group = loadGeneratedLogGroup(generated, generated.region ?? scenario.region, now);
    logGroups.set(logGroupKey(group.region, group.name), group);
  }
  return {scenario, loadedAt: now, inlinePolicies, restStages, logGroups, queries: new Map()};
}
