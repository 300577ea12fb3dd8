// What the walk hands back to the CLI when the app exits: the verdict for the exit code,
// and everything src/report/json.ts's buildJsonReport needs (the same builder the --json
// run uses), so --report writes what the screens showed.
import {isProblem, sortFindings, type Finding} from '../checks/findings.js';
import type {WalkFacts} from '../checks/stage.js';
import type {ReportInput, ReportStage} from '../report/json.js';
import type {StageEntry, WalkState} from './state.js';

/** `interrupted`: left with Ctrl+C (exit 130); `quit`: left with q before a verdict (exit 0). */
export type WalkVerdict = 'healthy' | 'problems-found' | 'quit' | 'interrupted';

export interface WalkResult extends ReportInput {
  readonly findings: Finding[];
  readonly verdict: WalkVerdict;
  readonly facts: WalkFacts;
  /** Why the walk stopped early, when a stage was certain of the cause. */
  readonly stopReason?: string;
}

function stageFindings(stage: StageEntry): readonly Finding[] {
  if (stage.outcome) return stage.outcome.findings;
  return stage.status === 'failed' && stage.error?.finding ? [stage.error.finding] : [];
}

/** Every finding of every stage that produced an outcome or failed, worst first. */
export function allFindings(state: WalkState): Finding[] {
  return sortFindings(state.stages.flatMap(stageFindings));
}

/**
 * Stages whose check did not happen: never run, cancelled, failed or skipped by the user.
 * (An early stop or a stage that found nothing to check counts as done.)
 */
export function unfinishedStages(state: WalkState): StageEntry[] {
  return state.stages.filter((stage) => stage.status === 'pending' || stage.status === 'running' || stage.status === 'failed' || stage.skip?.by === 'user');
}

/** Each stage as the report states it; one the user never let run is "not-checked". */
export function reportStage(stage: StageEntry): ReportStage {
  const {id} = stage;
  switch (stage.status) {
    case 'ok':
    case 'problem':
      return {id, status: 'ran'};
    case 'failed':
      return {id, status: 'failed', reason: stage.error?.message ?? 'the check failed'};
    case 'skipped':
      return stage.skip?.by === 'user' ? {id, status: 'not-checked', reason: 'skipped by the user'} : {id, status: 'skipped', reason: stage.skip?.reason ?? 'skipped'};
    case 'pending':
    case 'running':
      return stage.cancelled ? {id, status: 'not-checked', reason: 'cancelled by the user'} : {id, status: 'not-checked'};
  }
}

/**
 * A verdict only once the walk reached the summary; leaving earlier is a quit. "Healthy"
 * needs every stage checked: with some not run, only a problem found is a verdict.
 */
export function walkResult(state: WalkState): WalkResult {
  const findings = allFindings(state);
  const report = {findings, stages: state.stages.map(reportStage), facts: state.facts, ...(state.stoppedEarly ? {stopReason: state.stoppedEarly.reason} : {})};
  if (state.interrupted) return {...report, verdict: 'interrupted'};
  if (state.screen.kind !== 'summary') return {...report, verdict: 'quit'};
  if (findings.some(isProblem)) return {...report, verdict: 'problems-found'};
  return {...report, verdict: unfinishedStages(state).length > 0 ? 'quit' : 'healthy'};
}
