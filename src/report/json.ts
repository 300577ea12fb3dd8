// The --json report: shared/design.md's shape. Data only; never credentials.
import {isProblem, sortFindings, type Finding} from '../checks/findings.js';
import type {EndpointFacts} from '../checks/stage.js';
import type {WalkResult} from '../checks/walk.js';

export type Verdict = 'healthy' | 'problems-found';

export interface JsonReport {
  readonly tool: {readonly name: 'apigw-doctor'; readonly version: string};
  readonly generatedAt: string;
  readonly target: {readonly url: string; readonly method: string; readonly region?: string; readonly account?: string; readonly profile?: string; readonly mode: 'aws' | 'demo'};
  readonly window: {readonly since: string; readonly sinceMs: number};
  readonly endpoint: Partial<EndpointFacts>;
  readonly stages: ReadonlyArray<{readonly id: string; readonly status: string; readonly reason?: string}>;
  readonly findings: readonly Finding[];
  readonly verdict: Verdict;
}

export function verdictOf(findings: readonly Finding[]): Verdict {
  return findings.some(isProblem) ? 'problems-found' : 'healthy';
}

export function buildJsonReport(
  result: WalkResult,
  target: JsonReport['target'],
  options: {version: string; sinceMs: number; now: Date},
): JsonReport {
  const {probe, ...endpoint} = result.facts.endpoint ?? ({} as Partial<EndpointFacts>);
  return {
    tool: {name: 'apigw-doctor', version: options.version},
    generatedAt: options.now.toISOString(),
    target,
    window: {since: new Date(options.now.getTime() - options.sinceMs).toISOString(), sinceMs: options.sinceMs},
    endpoint: probe ? {...endpoint, probe} : endpoint,
    stages: result.stages.map(({id, status, reason}) => (reason ? {id, status, reason} : {id, status})),
    findings: sortFindings(result.findings),
    verdict: verdictOf(result.findings),
  };
}
