// The sandbox's live account: a scenario loaded at a moment in time. Seeds carry log event
// times relative to "now"; here they become absolute epoch milliseconds. Writes the tool may
// make (PutRolePolicy, UpdateStage) and Logs Insights queries mutate this state only.
import type {LogGroupSeed, PolicyDocument, RestStageSeed, Scenario} from './scenario.js';

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

function loadLogGroup(seed: LogGroupSeed, now: number): StoredLogGroup {
  let sequence = 0;
  const streams = new Map<string, StoredLogEvent[]>();
  let oldest = now;
  for (const stream of seed.streams) {
    const events = stream.events
      .map((event) => {
        const timestamp = now - event.agoMs;
        oldest = Math.min(oldest, timestamp);
        sequence += 1;
        return {timestamp, ingestionTime: timestamp + 200, message: event.message, eventId: String(timestamp).padStart(20, '0') + String(sequence).padStart(8, '0')};
      })
      .sort((a, b) => a.timestamp - b.timestamp);
    streams.set(stream.name, events);
  }
  return {name: seed.name, region: seed.region, creationTime: oldest - 86_400_000, retentionInDays: seed.retentionInDays, streams};
}

export function createState(scenario: Scenario, now = Date.now()): SandboxState {
  const inlinePolicies = new Map<string, Map<string, PolicyDocument>>();
  for (const role of scenario.roles) inlinePolicies.set(role.name, new Map(Object.entries(role.inlinePolicies)));
  const restStages = new Map<string, RestStageSeed>();
  for (const api of scenario.restApis) for (const stage of api.stages) restStages.set(`${api.region}/${api.id}/${stage.stageName}`, stage);
  const logGroups = new Map<string, StoredLogGroup>();
  for (const group of scenario.logGroups) logGroups.set(logGroupKey(group.region, group.name), loadLogGroup(group, now));
  return {scenario, loadedAt: now, inlinePolicies, restStages, logGroups, queries: new Map()};
}
