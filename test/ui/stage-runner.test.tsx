// useStageRunner on its own: a tiny host component drives the walk reducer with events the
// way the App and its screens do, and prints the state the hook leads to.
import {Text} from 'ink';
import {useEffect, useReducer} from 'react';
import {afterEach, describe, expect, it, vi} from 'vitest';
import type {StageAction} from '../../src/checks/stage.js';
import type {WalkEvent} from '../../src/flow/events.js';
import {walkReducer} from '../../src/flow/reducer.js';
import {initialWalkState} from '../../src/flow/state.js';
import {useStageRunner} from '../../src/ui/hooks/useStageRunner.js';
import {cleanupInk, renderInk, waitForText} from '../helpers/ink.js';
import {cannedStage, finding, input, makeContext, untilAborted, type RecordedStage} from './walk-fixtures.js';

function Host({stage, events}: {readonly stage: RecordedStage; readonly events: readonly WalkEvent[]}) {
  const [state, dispatch] = useReducer(walkReducer, undefined, () => initialWalkState([stage.id], input));
  useStageRunner(state, dispatch, {stages: [stage], makeContext});
  const entry = state.stages[0]!;
  // Sends the next scripted event each time the walk is idle again.
  const sent = state.nextCallId - 1;
  useEffect(() => {
    if (!state.running && sent < events.length) dispatch(events[sent]!);
  }, [state.running, sent, events]);
  return <Text>{`${entry.status} ${entry.outcome?.findings.map((item) => item.title).join(',') ?? '-'} ${entry.error ? `error=${entry.error.kind}:${entry.error.message}` : ''}`}</Text>;
}

afterEach(cleanupInk);

describe('useStageRunner', () => {
  it('runs an action with its payload; its outcome replaces the stage outcome', async () => {
    const apply = vi.fn<StageAction>(async (_ctx, payload) => ({findings: [finding('invoke-allowed', 'simulate', 'ok', {title: `applied ${String(payload)}`})], facts: {}}));
    const stage = cannedStage('simulate', 'Simulate', [{findings: [finding('invoke-denied', 'simulate', 'error')], facts: {}}], {apply});
    const app = renderInk(<Host stage={stage} events={[{type: 'START_STAGE'}, {type: 'RUN_ACTION', action: 'apply', payload: 'policy-1'}]} />);
    await waitForText(app, 'ok applied policy-1');
    expect(apply).toHaveBeenCalledTimes(1);
    expect(apply.mock.calls[0]![0].input).toEqual(input);
  });

  it('reports an unknown action as an action failure and keeps the outcome', async () => {
    const stage = cannedStage('simulate', 'Simulate', [{findings: [finding('invoke-denied', 'simulate', 'error')], facts: {}}]);
    const app = renderInk(<Host stage={stage} events={[{type: 'START_STAGE'}, {type: 'RUN_ACTION', action: 'nope'}]} />, {columns: 200});
    await waitForText(app, 'problem invoke-denied title error=Unexpected:The Simulate stage has no action "nope".');
  });

  it('sanitises the message of a failing runner', async () => {
    const stage = cannedStage('logs', 'Logs', [new Error('bad \u001b]0;title\u0007 thing\nsecond line')]);
    const app = renderInk(<Host stage={stage} events={[{type: 'START_STAGE'}]} />);
    await waitForText(app, 'failed - error=Unexpected:bad  thing second line');
  });

  it('aborts the call in flight when the component unmounts', async () => {
    const stage = cannedStage('logs', 'Logs', [untilAborted]);
    const app = renderInk(<Host stage={stage} events={[{type: 'START_STAGE'}]} />);
    await waitForText(app, 'running');
    app.unmount();
    expect(stage.calls[0]!.signal.aborted).toBe(true);
  });
});
