// Runs the stage (or stage action) the walk says is in flight, one AbortController per
// call. The effect is keyed on the call id, so any event that ends or replaces the call
// (CANCEL, BACK, SKIP, QUIT, a retry) and unmounting abort the previous one.
import {useEffect, type Dispatch} from 'react';
import {isAwsError} from '../../aws/errors.js';
import type {StageContext, StageDefinition, StageOutcome, WalkFacts, WalkInput} from '../../checks/stage.js';
import {stageFailureFinding} from '../../checks/walk.js';
import type {WalkEvent} from '../../flow/events.js';
import {factsBefore, type RunningCall, type StageError, type WalkState} from '../../flow/state.js';
import {sanitizeLine} from '../../report/sanitize.js';

/** Given by the CLI, so the UI never builds an SDK client itself. */
export type MakeContext = (input: WalkInput, facts: WalkFacts, signal: AbortSignal) => StageContext;

export interface StageRunnerOptions {
  readonly stages: readonly StageDefinition[];
  readonly makeContext: MakeContext;
}

export function useStageRunner(state: WalkState, dispatch: Dispatch<WalkEvent>, {stages, makeContext}: StageRunnerOptions): void {
  const callId = state.running?.callId;
  useEffect(() => {
    const running = state.running;
    if (!running) return undefined;
    const controller = new AbortController();
    const definition = stages.find((stage) => stage.id === state.stages[running.stage]?.id);
    // Runs in a promise so a makeContext or runner that throws synchronously still fails the call.
    Promise.resolve()
      .then(() => callStage(definition, running, makeContext(state.input, factsBefore(state, running.stage), controller.signal)))
      .then(
        (outcome) => {
          if (controller.signal.aborted) return;
          dispatch(running.kind === 'run' ? {type: 'STAGE_SUCCEEDED', callId: running.callId, outcome} : {type: 'ACTION_SUCCEEDED', callId: running.callId, outcome});
        },
        (error: unknown) => {
          if (controller.signal.aborted) return;
          const stageError = describeError(error);
          // A failed run reports the same check-failed finding as the --json run; a failed action keeps the stage's outcome.
          if (running.kind === 'run') dispatch({type: 'STAGE_FAILED', callId: running.callId, error: definition ? {...stageError, finding: stageFailureFinding(definition, error)} : stageError});
          else dispatch({type: 'ACTION_FAILED', callId: running.callId, error: stageError});
        },
      );
    return () => controller.abort();
    // Only a new call id starts a call; the state it reads is the state that created it.
  }, [callId]);
}

function callStage(definition: StageDefinition | undefined, running: RunningCall, context: StageContext): Promise<StageOutcome> {
  if (!definition) throw new Error('This stage is not part of the walk.');
  if (running.kind === 'run') return definition.run(context);
  const action = running.action === undefined ? undefined : definition.actions?.[running.action];
  if (!action) throw new Error(`The ${definition.title} stage has no action "${running.action ?? ''}".`);
  return action(context, running.payload);
}

export function describeError(error: unknown): StageError {
  const message = error instanceof Error ? error.message : String(error);
  return {message: sanitizeLine(message), kind: isAwsError(error) ? error.kind : 'Unexpected'};
}
