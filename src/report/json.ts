// The --json report: shared/design.md's shape, described by schema/report.schema.json.
// Data only; never credentials. One builder for every path: the run without screens
// (src/checks/walk.ts's result) and the interactive walk (src/flow/result.ts's result).
import {isProblem, sortFindings, type Finding, type StageId} from '../checks/findings.js';
import type {EndpointFacts, WalkFacts} from '../checks/stage.js';

/**
 * "incomplete": no problem found, but some stage was not checked (only an interactive walk
 * left early can say this; the run without screens runs every stage).
 */
export type Verdict = 'healthy' | 'problems-found' | 'incomplete';

/** "skipped": the stage had nothing to check (e.g. no logs exist); "not-checked": the user never let it run. */
export type ReportStageStatus = 'ran' | 'failed' | 'skipped' | 'not-checked';

export interface ReportStage {
  readonly id: StageId;
  readonly status: ReportStageStatus;
  /** Why it was skipped, failed or not checked. */
  readonly reason?: string;
}

/** The two files a report can be written as. */
export type ReportFormat = 'markdown' | 'json';

/** What a walk found, whichever way it ran. */
export interface ReportInput {
  readonly stages: readonly ReportStage[];
  readonly findings: readonly Finding[];
  readonly facts: WalkFacts;
}

export interface JsonReport {
  readonly tool: {readonly name: 'apigw-doctor'; readonly version: string};
  readonly generatedAt: string;
  readonly target: {readonly url: string; readonly method: string; readonly region?: string; readonly account?: string; readonly profile?: string; readonly mode: 'aws' | 'demo'};
  readonly window: {readonly since: string; readonly sinceMs: number};
  readonly endpoint: Partial<EndpointFacts>;
  readonly stages: readonly ReportStage[];
  readonly findings: readonly Finding[];
  readonly verdict: Verdict;
}

export function verdictOf(findings: readonly Finding[], stages: readonly ReportStage[] = []): Verdict {
  if (findings.some(isProblem)) return 'problems-found';
  return stages.some((stage) => stage.status === 'not-checked') ? 'incomplete' : 'healthy';
}

export function buildJsonReport(result: ReportInput, target: JsonReport['target'], options: {version: string; sinceMs: number; now: Date}): JsonReport {
  const {probe, ...endpoint} = result.facts.endpoint ?? ({} as Partial<EndpointFacts>);
  return {
    tool: {name: 'apigw-doctor', version: options.version},
    generatedAt: options.now.toISOString(),
    target,
    window: {since: new Date(options.now.getTime() - options.sinceMs).toISOString(), sinceMs: options.sinceMs},
    endpoint: probe ? {...endpoint, probe} : endpoint,
    stages: result.stages.map(({id, status, reason}) => (reason ? {id, status, reason} : {id, status})),
    findings: sortFindings(result.findings),
    verdict: verdictOf(result.findings, result.stages),
  };
}
