// What the walk hands back to the CLI when the app exits.
import {isProblem, sortFindings, type Finding} from '../checks/findings.js';
import type {StageEntry, WalkState} from './state.js';

export type WalkVerdict = 'healthy' | 'problems-found' | 'quit';

export interface WalkResult {
  readonly findings: Finding[];
  readonly verdict: WalkVerdict;
}

/** Every finding of every stage that produced an outcome, worst first. */
export function allFindings(state: WalkState): Finding[] {
  return sortFindings(state.stages.flatMap((stage) => stage.outcome?.findings ?? []));
}

/**
 * Stages whose check did not happen: never run, cancelled, failed or skipped by the user.
 * (An early stop or a stage that found nothing to check counts as done.)
 */
export function unfinishedStages(state: WalkState): StageEntry[] {
  return state.stages.filter((stage) => stage.status === 'pending' || stage.status === 'running' || stage.status === 'failed' || stage.skip?.by === 'user');
}

/**
 * A verdict only once the walk reached the summary; leaving earlier is a quit. "Healthy"
 * needs every stage checked: with some not run, only a problem found is a verdict.
 */
export function walkResult(state: WalkState): WalkResult {
  const findings = allFindings(state);
  if (state.screen.kind !== 'summary') return {findings, verdict: 'quit'};
  if (findings.some(isProblem)) return {findings, verdict: 'problems-found'};
  return {findings, verdict: unfinishedStages(state).length > 0 ? 'quit' : 'healthy'};
}
