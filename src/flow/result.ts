// What the walk hands back to the CLI when the app exits.
import {isProblem, sortFindings, type Finding} from '../checks/findings.js';
import type {WalkState} from './state.js';

export type WalkVerdict = 'healthy' | 'problems-found' | 'quit';

export interface WalkResult {
  readonly findings: Finding[];
  readonly verdict: WalkVerdict;
}

/** Every finding of every stage that produced an outcome, worst first. */
export function allFindings(state: WalkState): Finding[] {
  return sortFindings(state.stages.flatMap((stage) => stage.outcome?.findings ?? []));
}

/** A verdict only once the walk reached the summary; leaving earlier is a quit. */
export function walkResult(state: WalkState): WalkResult {
  const findings = allFindings(state);
  if (state.screen.kind !== 'summary') return {findings, verdict: 'quit'};
  return {findings, verdict: findings.some(isProblem) ? 'problems-found' : 'healthy'};
}
