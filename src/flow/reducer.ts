// The walk as a pure reducer. Events that do not apply in the current state leave it
// unchanged (the same object), so keys can be dispatched without reading state first.
import {isProblem} from '../checks/findings.js';
import type {StageOutcome} from '../checks/stage.js';
import type {WalkEvent} from './events.js';
import {allFindings} from './result.js';
import {awaitsRun, currentStageIndex, mergeFacts, screenShowsOutcome, type StageEntry, type WalkState} from './state.js';

export function walkReducer(state: WalkState, event: WalkEvent): WalkState {
  if (state.ended) return state;
  switch (event.type) {
    case 'START_STAGE': {
      const index = currentStageIndex(state);
      if (index === undefined || state.running || !awaitsRun(state.stages[index]!)) return state;
      return startRun(state, index);
    }
    case 'STAGE_SUCCEEDED':
      if (!isCurrentCall(state, event.callId, 'run')) return state;
      return completeStage({...state, running: undefined}, state.running!.stage, event.outcome);
    case 'STAGE_FAILED': {
      if (!isCurrentCall(state, event.callId, 'run')) return state;
      const index = state.running!.stage;
      return updateStage({...state, running: undefined}, index, {id: state.stages[index]!.id, status: 'failed', error: event.error});
    }
    case 'CANCEL':
      return cancelRunning(state);
    case 'NEXT': {
      const index = currentStageIndex(state);
      if (index === undefined) return event.viaEnter && !state.evidence ? openHighlighted(state) : state;
      if (state.evidence || state.running) return state;
      if (event.viaEnter && screenShowsOutcome(state)) return state;
      return awaitsRun(state.stages[index]!) ? startRun(state, index) : advance(state, index);
    }
    case 'BACK':
      if (state.evidence) return {...state, evidence: undefined};
      if (state.screen.kind === 'summary') {
        return state.stages.length > 0 ? {...state, screen: {kind: 'stage', index: state.stages.length - 1}} : state;
      }
      if (state.screen.index === 0) return state;
      return {...cancelRunning(state), screen: {kind: 'stage', index: state.screen.index - 1}};
    case 'SKIP': {
      const index = currentStageIndex(state);
      if (index === undefined || state.evidence) return state;
      const entry = state.stages[index]!;
      if (entry.status === 'ok' || entry.status === 'problem') return advance(state, index);
      const skipped = updateStage(cancelRunning(state), index, {id: entry.id, status: 'skipped', skip: {by: 'user'}});
      return advance(skipped, index);
    }
    case 'RETRY': {
      const index = currentStageIndex(state);
      if (index === undefined || state.evidence || state.running) return state;
      return startRun(resetFrom(state, index), index);
    }
    case 'RETRY_WITH_INPUT': {
      const input = {...state.input, url: event.url, method: event.method};
      const endpoint = state.stages.findIndex((stage) => stage.id === 'endpoint');
      const index = endpoint === -1 ? 0 : endpoint;
      const restarted = {...resetFrom(cancelRunning(state), index), input};
      return state.stages.length === 0 ? restarted : startRun({...restarted, screen: {kind: 'stage', index}}, index);
    }
    case 'RUN_ACTION': {
      const index = currentStageIndex(state);
      if (index === undefined || state.running || !state.stages[index]!.outcome) return state;
      const entry = state.stages[index]!;
      const withoutError = updateStage(state, index, {...entry, error: undefined});
      return {
        ...withoutError,
        running: {stage: index, kind: 'action', action: event.action, payload: event.payload, callId: state.nextCallId},
        nextCallId: state.nextCallId + 1,
      };
    }
    case 'ACTION_SUCCEEDED':
      if (!isCurrentCall(state, event.callId, 'action')) return state;
      return completeStage({...state, running: undefined}, state.running!.stage, event.outcome);
    case 'ACTION_FAILED': {
      if (!isCurrentCall(state, event.callId, 'action')) return state;
      const index = state.running!.stage;
      return updateStage({...state, running: undefined}, index, {...state.stages[index]!, error: event.error});
    }
    case 'OPEN_EVIDENCE':
      return {...state, evidence: event.finding};
    case 'TOGGLE_HELP':
      return {...state, helpOpen: !state.helpOpen};
    case 'GO_SUMMARY':
      return {...cancelRunning(state), screen: {kind: 'summary'}, evidence: undefined};
    case 'MOVE_CURSOR': {
      if (state.screen.kind !== 'summary' || state.evidence) return state;
      const last = Math.max(0, allFindings(state).length - 1);
      const summaryCursor = Math.min(last, Math.max(0, Math.min(state.summaryCursor, last) + event.delta));
      return summaryCursor === state.summaryCursor ? state : {...state, summaryCursor};
    }
    case 'RESTART': {
      if (state.screen.kind !== 'summary' || state.evidence) return state;
      const fresh = {...resetFrom(cancelRunning(state), 0), stoppedEarly: undefined, export: undefined, summaryCursor: 0};
      return state.stages.length === 0 ? fresh : startRun(fresh, 0);
    }
    case 'EXPORT_REPORT':
      if (state.screen.kind !== 'summary' || state.evidence || state.export?.status === 'writing') return state;
      return {...state, export: {status: 'writing', format: event.format, id: state.nextCallId}, nextCallId: state.nextCallId + 1};
    case 'EXPORT_SUCCEEDED':
      if (state.export?.status !== 'writing' || state.export.id !== event.exportId) return state;
      return {...state, export: {...state.export, status: 'saved', path: event.path}};
    case 'EXPORT_FAILED':
      if (state.export?.status !== 'writing' || state.export.id !== event.exportId) return state;
      return {...state, export: {...state.export, status: 'failed', message: event.message}};
    case 'QUIT':
      return {...cancelRunning(state), ended: true, ...(event.interrupted ? {interrupted: true} : {})};
    default:
      return assertNever(event);
  }
}

function assertNever(event: never): never {
  throw new Error(`Unhandled walk event ${JSON.stringify(event)}`);
}

/** Enter on the summary: the highlighted finding's evidence. */
function openHighlighted(state: WalkState): WalkState {
  const findings = allFindings(state);
  if (findings.length === 0) return state;
  return {...state, evidence: findings[Math.min(state.summaryCursor, findings.length - 1)]};
}

function isCurrentCall(state: WalkState, callId: number, kind: 'run' | 'action'): boolean {
  return state.running?.callId === callId && state.running.kind === kind;
}

function updateStage(state: WalkState, index: number, entry: StageEntry): WalkState {
  const stages = state.stages.map((stage, i) => (i === index ? entry : stage));
  return {...state, stages, facts: mergeFacts(state.baseFacts, stages)};
}

function startRun(state: WalkState, index: number): WalkState {
  const entry = state.stages[index]!;
  // Running a stage the early stop skipped means the user chose to look anyway: the
  // rest of the walk is open again.
  const stages = entry.skip?.by === 'early-stop' ? state.stages.map((stage, i) => (i > index && stage.skip?.by === 'early-stop' ? {id: stage.id, status: 'pending' as const} : stage)) : state.stages;
  const started = updateStage({...state, stages}, index, {id: entry.id, status: 'running'});
  return {...started, screen: {kind: 'stage', index}, running: {stage: index, kind: 'run', callId: state.nextCallId}, nextCallId: state.nextCallId + 1};
}

/** Drops the stage at `index` and every later one back to pending: their facts are stale. */
function resetFrom(state: WalkState, index: number): WalkState {
  const stages = state.stages.map((stage, i) => (i >= index ? {id: stage.id, status: 'pending' as const} : stage));
  const stopIndex = state.stoppedEarly ? state.stages.findIndex((stage) => stage.id === state.stoppedEarly!.afterStage) : -1;
  return {...state, stages, facts: mergeFacts(state.baseFacts, stages), stoppedEarly: stopIndex >= index ? undefined : state.stoppedEarly, evidence: undefined};
}

function completeStage(state: WalkState, index: number, outcome: StageOutcome): WalkState {
  const id = state.stages[index]!.id;
  const entry: StageEntry = outcome.skippedReason
    ? {id, status: 'skipped', outcome, skip: {by: 'stage', reason: outcome.skippedReason}}
    : {id, status: outcome.findings.some(isProblem) ? 'problem' : 'ok', outcome};
  return applyEarlyStop(updateStage(state, index, entry), index, outcome.stopReason);
}

/** Marks the stages after `index` skipped for `reason`, or lifts a stop this stage no longer asks for. */
function applyEarlyStop(state: WalkState, index: number, reason: string | undefined): WalkState {
  const id = state.stages[index]!.id;
  if (reason !== undefined) {
    const stages = state.stages.map((stage, i) => (i > index && stage.status === 'pending' ? {id: stage.id, status: 'skipped' as const, skip: {by: 'early-stop' as const, reason}} : stage));
    return {...state, stages, stoppedEarly: {afterStage: id, reason}};
  }
  if (state.stoppedEarly?.afterStage !== id) return state;
  const stages = state.stages.map((stage) => (stage.skip?.by === 'early-stop' ? {id: stage.id, status: 'pending' as const} : stage));
  return {...state, stages, stoppedEarly: undefined};
}

function cancelRunning(state: WalkState): WalkState {
  const running = state.running;
  if (!running) return state;
  const cleared = {...state, running: undefined};
  if (running.kind === 'action') return cleared;
  return updateStage(cleared, running.stage, {id: state.stages[running.stage]!.id, status: 'pending', cancelled: true});
}

/** Moves past the stage at `index`, running the next one when it has not run yet. */
function advance(state: WalkState, index: number): WalkState {
  const next = index + 1;
  if (next >= state.stages.length) return {...state, screen: {kind: 'summary'}};
  const moved: WalkState = {...state, screen: {kind: 'stage', index: next}};
  return moved.stages[next]!.status === 'pending' ? startRun(moved, next) : moved;
}
