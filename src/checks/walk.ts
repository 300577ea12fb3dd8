// The walk without a screen: every stage in order, each given the facts of the ones
// before. Used by --json and by non-interactive runs; the interactive App runs the same
// StageDefinitions one screen at a time.
import {AwsError, isFatalAwsError} from '../aws/errors.js';
import {sanitizeLine} from '../report/sanitize.js';
import type {Finding, StageId} from './findings.js';
import type {StageContext, StageDefinition, StageOutcome, WalkFacts, WalkInput} from './stage.js';

export type MakeContext = (input: WalkInput, facts: WalkFacts, signal: AbortSignal) => StageContext;

export interface StageRecord {
  readonly id: StageId;
  readonly title: string;
  readonly status: 'ran' | 'failed' | 'skipped';
  readonly outcome?: StageOutcome;
  /** Why it was skipped or failed. */
  readonly reason?: string;
}

export interface WalkResult {
  readonly stages: readonly StageRecord[];
  readonly findings: readonly Finding[];
  readonly facts: WalkFacts;
  /** Set when a stage said later stages are moot (they still ran, as --json runs every stage). */
  readonly stopReason?: string;
}

/** A stage that throws a non-fatal AwsError still yields a finding, so the walk carries on. */
export function stageFailureFinding(stage: StageDefinition, error: unknown): Finding {
  const message = error instanceof Error ? error.message : String(error);
  const denied = error instanceof AwsError && error.kind === 'AccessDenied';
  return {
    id: 'check-failed',
    stage: stage.id,
    severity: 'warning',
    title: `The ${stage.title.toLowerCase()} check could not finish`,
    detail: sanitizeLine(message),
    evidence: error instanceof AwsError ? [{kind: 'text', label: 'Failed call', text: `${error.action} → ${error.kind}${error.code ? ` (${error.code})` : ''}`}] : [],
    fix: denied ? {kind: 'text', summary: `Grant ${error.action} to the credentials you run apigw-doctor with, then run it again.`} : undefined,
  };
}

export async function runAllStages(stages: readonly StageDefinition[], input: WalkInput, makeContext: MakeContext, signal: AbortSignal, initialFacts: WalkFacts = {}): Promise<WalkResult> {
  let facts: WalkFacts = initialFacts;
  const records: StageRecord[] = [];
  const findings: Finding[] = [];
  let stopReason: string | undefined;
  for (const stage of stages) {
    signal.throwIfAborted();
    try {
      const outcome = await stage.run(makeContext(input, facts, signal));
      facts = {...facts, ...outcome.facts};
      findings.push(...outcome.findings);
      stopReason ??= outcome.stopReason;
      records.push(outcome.skippedReason ? {id: stage.id, title: stage.title, status: 'skipped', outcome, reason: outcome.skippedReason} : {id: stage.id, title: stage.title, status: 'ran', outcome});
    } catch (error) {
      if (isFatalAwsError(error) || signal.aborted) throw error;
      const finding = stageFailureFinding(stage, error);
      findings.push(finding);
      records.push({id: stage.id, title: stage.title, status: 'failed', reason: finding.detail});
    }
  }
  return {stages: records, findings, facts, stopReason};
}
