import {describe, expect, it} from 'vitest';
import type {Finding, StageId} from '../checks/findings.js';
import type {StageOutcome, WalkInput} from '../checks/stage.js';
import type {WalkEvent} from './events.js';
import {walkReducer} from './reducer.js';
import {allFindings, unfinishedStages, walkResult} from './result.js';
import {factsBefore, initialWalkState, type WalkState} from './state.js';

const input: WalkInput = {url: 'https://abc123.execute-api.us-east-1.amazonaws.com/prd/notes', method: 'GET', sinceMs: 3_600_000};
const ids: StageId[] = ['endpoint', 'identity', 'logs'];

function finding(id: string, severity: Finding['severity'], stage: StageId = 'endpoint'): Finding {
  return {id, stage, severity, title: id, detail: `${id} detail`, evidence: []};
}

const okOutcome: StageOutcome = {findings: [finding('endpoint-ok', 'ok')], facts: {account: '111122223333'}};
const problemOutcome: StageOutcome = {findings: [finding('stage-not-found', 'error')], facts: {}};
const stopOutcome: StageOutcome = {findings: [finding('stage-not-found', 'error')], facts: {}, stopReason: 'the request never reaches API Gateway'};

function run(state: WalkState, ...events: WalkEvent[]): WalkState {
  return events.reduce(walkReducer, state);
}

function started(): WalkState {
  return run(initialWalkState(ids, input), {type: 'START_STAGE'});
}

const statuses = (state: WalkState) => state.stages.map((stage) => stage.status);

describe('walkReducer', () => {
  it('starts with every given stage pending on the first stage screen, and no placeholders', () => {
    const state = initialWalkState(['endpoint', 'logs'], input, {helpOpen: true});
    expect(statuses(state)).toEqual(['pending', 'pending']);
    expect(state.stages.map((stage) => stage.id)).toEqual(['endpoint', 'logs']);
    expect(state.screen).toEqual({kind: 'stage', index: 0});
    expect(state.helpOpen).toBe(true);
  });

  it('START_STAGE marks the stage running with a fresh callId; a second START_STAGE changes nothing', () => {
    const state = started();
    expect(statuses(state)).toEqual(['running', 'pending', 'pending']);
    expect(state.running).toEqual({stage: 0, kind: 'run', callId: 1});
    expect(walkReducer(state, {type: 'START_STAGE'})).toBe(state);
  });

  it('STAGE_SUCCEEDED records the outcome, merges its facts and marks ok or problem', () => {
    const ok = run(started(), {type: 'STAGE_SUCCEEDED', callId: 1, outcome: okOutcome});
    expect(ok.stages[0]).toMatchObject({status: 'ok', outcome: okOutcome});
    expect(ok.facts.account).toBe('111122223333');
    expect(ok.running).toBeUndefined();
    const problem = run(started(), {type: 'STAGE_SUCCEEDED', callId: 1, outcome: problemOutcome});
    expect(problem.stages[0]!.status).toBe('problem');
  });

  it('an outcome with skippedReason marks the stage skipped with that reason', () => {
    const state = run(started(), {type: 'STAGE_SUCCEEDED', callId: 1, outcome: {findings: [], facts: {}, skippedReason: 'no endpoint facts'}});
    expect(state.stages[0]).toMatchObject({status: 'skipped', skip: {by: 'stage', reason: 'no endpoint facts'}});
  });

  it('STAGE_FAILED marks the stage failed with the error', () => {
    const state = run(started(), {type: 'STAGE_FAILED', callId: 1, error: {message: 'denied', kind: 'AccessDenied'}});
    expect(state.stages[0]).toMatchObject({status: 'failed', error: {message: 'denied', kind: 'AccessDenied'}});
    expect(state.running).toBeUndefined();
  });

  it('ignores results with a stale callId (after cancel and re-run)', () => {
    const rerun = run(started(), {type: 'CANCEL'}, {type: 'RETRY'});
    expect(rerun.running?.callId).toBe(2);
    expect(walkReducer(rerun, {type: 'STAGE_SUCCEEDED', callId: 1, outcome: okOutcome})).toBe(rerun);
    expect(walkReducer(rerun, {type: 'STAGE_FAILED', callId: 1, error: {message: 'late', kind: 'Unexpected'}})).toBe(rerun);
    expect(walkReducer(rerun, {type: 'ACTION_SUCCEEDED', callId: 2, outcome: okOutcome})).toBe(rerun);
  });

  it('CANCEL puts a running stage back to pending and flags it cancelled; without a call it does nothing', () => {
    const state = run(started(), {type: 'CANCEL'});
    expect(state.stages[0]).toEqual({id: 'endpoint', status: 'pending', cancelled: true});
    expect(state.running).toBeUndefined();
    expect(walkReducer(state, {type: 'CANCEL'})).toBe(state);
    expect(walkReducer(state, {type: 'STAGE_SUCCEEDED', callId: 1, outcome: okOutcome})).toBe(state);
  });

  it('NEXT runs a stage that has not run, then steps on and runs the next one', () => {
    const fresh = initialWalkState(ids, input);
    expect(walkReducer(fresh, {type: 'NEXT'}).stages[0]!.status).toBe('running');
    const done = run(started(), {type: 'STAGE_SUCCEEDED', callId: 1, outcome: okOutcome});
    const next = walkReducer(done, {type: 'NEXT'});
    expect(next.screen).toEqual({kind: 'stage', index: 1});
    expect(next.running).toEqual({stage: 1, kind: 'run', callId: 2});
  });

  it('NEXT is ignored during a call; Enter is left to the screen once it shows an outcome', () => {
    const running = started();
    expect(walkReducer(running, {type: 'NEXT'})).toBe(running);
    const done = run(running, {type: 'STAGE_SUCCEEDED', callId: 1, outcome: okOutcome});
    expect(walkReducer(done, {type: 'NEXT', viaEnter: true})).toBe(done);
    const failed = run(started(), {type: 'STAGE_FAILED', callId: 1, error: {message: 'x', kind: 'Unexpected'}});
    expect(walkReducer(failed, {type: 'NEXT', viaEnter: true}).screen).toEqual({kind: 'stage', index: 1});
  });

  it('NEXT after the last stage goes to the summary; BACK from the summary returns to the last stage', () => {
    let state = started();
    for (let callId = 1; callId <= 3; callId++) state = run(state, {type: 'STAGE_SUCCEEDED', callId, outcome: okOutcome}, {type: 'NEXT'});
    expect(state.screen).toEqual({kind: 'summary'});
    expect(walkReducer(state, {type: 'NEXT'})).toBe(state);
    expect(walkReducer(state, {type: 'BACK'}).screen).toEqual({kind: 'stage', index: 2});
  });

  it('BACK at the first stage does nothing; later it cancels the call and shows the previous stage without re-running it', () => {
    const first = run(started(), {type: 'STAGE_SUCCEEDED', callId: 1, outcome: okOutcome});
    expect(walkReducer(first, {type: 'BACK'})).toBe(first);
    const second = walkReducer(first, {type: 'NEXT'});
    const back = walkReducer(second, {type: 'BACK'});
    expect(back.screen).toEqual({kind: 'stage', index: 0});
    expect(back.running).toBeUndefined();
    expect(statuses(back)).toEqual(['ok', 'pending', 'pending']);
    expect(walkReducer(back, {type: 'NEXT'}).stages[1]!.status).toBe('running');
  });

  it('SKIP cancels a running stage, marks it skipped by the user and runs the next one', () => {
    const state = walkReducer(started(), {type: 'SKIP'});
    expect(state.stages[0]).toEqual({id: 'endpoint', status: 'skipped', skip: {by: 'user'}});
    expect(state.screen).toEqual({kind: 'stage', index: 1});
    expect(state.running).toEqual({stage: 1, kind: 'run', callId: 2});
  });

  it('SKIP on a finished stage steps on without hiding its outcome', () => {
    const done = run(started(), {type: 'STAGE_SUCCEEDED', callId: 1, outcome: problemOutcome}, {type: 'SKIP'});
    expect(done.stages[0]!.status).toBe('problem');
    expect(done.screen).toEqual({kind: 'stage', index: 1});
  });

  it('RETRY re-runs the current stage and resets the later ones, whose facts are stale', () => {
    const failed = run(started(), {type: 'STAGE_SUCCEEDED', callId: 1, outcome: okOutcome}, {type: 'NEXT'}, {type: 'STAGE_FAILED', callId: 2, error: {message: 'x', kind: 'Throttled'}}, {type: 'BACK'});
    expect(statuses(failed)).toEqual(['ok', 'failed', 'pending']);
    const retried = walkReducer(failed, {type: 'RETRY'});
    expect(statuses(retried)).toEqual(['running', 'pending', 'pending']);
    expect(retried.facts).toEqual({});
    expect(retried.running?.callId).toBe(3);
    expect(walkReducer(retried, {type: 'RETRY'})).toBe(retried);
  });

  it('RETRY_WITH_INPUT changes the input and re-runs from the endpoint stage, clearing later stages', () => {
    const walked = run(started(), {type: 'STAGE_SUCCEEDED', callId: 1, outcome: stopOutcome}, {type: 'NEXT'}, {type: 'NEXT'});
    expect(walked.running?.stage).toBe(1);
    const corrected = walkReducer(walked, {type: 'RETRY_WITH_INPUT', url: 'https://abc123.execute-api.us-east-1.amazonaws.com/prod/notes', method: 'POST'});
    expect(corrected.input).toEqual({...input, url: 'https://abc123.execute-api.us-east-1.amazonaws.com/prod/notes', method: 'POST'});
    expect(corrected.screen).toEqual({kind: 'stage', index: 0});
    expect(statuses(corrected)).toEqual(['running', 'pending', 'pending']);
    expect(corrected.stoppedEarly).toBeUndefined();
    expect(corrected.running).toEqual({stage: 0, kind: 'run', callId: 3});
  });

  it('an early stop skips the later stages with its reason; → shows the next one, → again runs it anyway', () => {
    const stopped = run(started(), {type: 'STAGE_SUCCEEDED', callId: 1, outcome: stopOutcome});
    expect(statuses(stopped)).toEqual(['problem', 'skipped', 'skipped']);
    expect(stopped.stages[1]!.skip).toEqual({by: 'early-stop', reason: 'the request never reaches API Gateway'});
    expect(stopped.stoppedEarly).toEqual({afterStage: 'endpoint', reason: 'the request never reaches API Gateway'});
    const shown = walkReducer(stopped, {type: 'NEXT'});
    expect(shown.screen).toEqual({kind: 'stage', index: 1});
    expect(shown.running).toBeUndefined();
    const anyway = walkReducer(shown, {type: 'NEXT', viaEnter: true});
    expect(statuses(anyway)).toEqual(['problem', 'running', 'pending']);
    const third = run(anyway, {type: 'STAGE_SUCCEEDED', callId: 2, outcome: okOutcome}, {type: 'NEXT'});
    expect(third.running).toEqual({stage: 2, kind: 'run', callId: 3});
  });

  it('a stage runs with the facts of the stages before it only', () => {
    const state = run(started(), {type: 'STAGE_SUCCEEDED', callId: 1, outcome: okOutcome}, {type: 'NEXT'}, {type: 'STAGE_SUCCEEDED', callId: 2, outcome: {findings: [], facts: {account: '999'}}});
    expect(factsBefore(state, 1)).toEqual({account: '111122223333'});
    expect(state.facts).toEqual({account: '999'});
  });

  it('RUN_ACTION needs an outcome; its result replaces the outcome, a failure keeps it with the error', () => {
    expect(walkReducer(started(), {type: 'RUN_ACTION', action: 'apply'})).toMatchObject({running: {kind: 'run'}});
    const problem = run(started(), {type: 'STAGE_SUCCEEDED', callId: 1, outcome: problemOutcome});
    const acting = walkReducer(problem, {type: 'RUN_ACTION', action: 'apply-fix', payload: {doc: 1}});
    expect(acting.running).toEqual({stage: 0, kind: 'action', action: 'apply-fix', payload: {doc: 1}, callId: 2});
    expect(acting.stages[0]!.status).toBe('problem');
    expect(walkReducer(acting, {type: 'STAGE_SUCCEEDED', callId: 2, outcome: okOutcome})).toBe(acting);
    const fixed = walkReducer(acting, {type: 'ACTION_SUCCEEDED', callId: 2, outcome: okOutcome});
    expect(fixed.stages[0]).toMatchObject({status: 'ok', outcome: okOutcome});
    const failed = walkReducer(acting, {type: 'ACTION_FAILED', callId: 2, error: {message: 'denied', kind: 'AccessDenied'}});
    expect(failed.stages[0]).toMatchObject({status: 'problem', outcome: problemOutcome, error: {message: 'denied'}});
    expect(walkReducer(acting, {type: 'CANCEL'}).stages[0]!.status).toBe('problem');
  });

  it('an action outcome without a stop reason lifts the early stop it had caused', () => {
    const stopped = run(started(), {type: 'STAGE_SUCCEEDED', callId: 1, outcome: stopOutcome}, {type: 'RUN_ACTION', action: 'fix'}, {type: 'ACTION_SUCCEEDED', callId: 2, outcome: okOutcome});
    expect(statuses(stopped)).toEqual(['ok', 'pending', 'pending']);
    expect(stopped.stoppedEarly).toBeUndefined();
  });

  it('OPEN_EVIDENCE shows a finding; BACK closes it before navigating; NEXT waits until it is closed', () => {
    const done = run(started(), {type: 'STAGE_SUCCEEDED', callId: 1, outcome: problemOutcome}, {type: 'NEXT'}, {type: 'STAGE_SUCCEEDED', callId: 2, outcome: okOutcome});
    const open = walkReducer(done, {type: 'OPEN_EVIDENCE', finding: problemOutcome.findings[0]!});
    expect(walkReducer(open, {type: 'NEXT'})).toBe(open);
    const closed = walkReducer(open, {type: 'BACK'});
    expect(closed.evidence).toBeUndefined();
    expect(closed.screen).toEqual({kind: 'stage', index: 1});
  });

  it('TOGGLE_HELP flips the help', () => {
    expect(walkReducer(initialWalkState(ids, input), {type: 'TOGGLE_HELP'}).helpOpen).toBe(true);
  });

  it('GO_SUMMARY cancels the call and shows the summary with every finding worst first', () => {
    const state = run(started(), {type: 'STAGE_SUCCEEDED', callId: 1, outcome: okOutcome}, {type: 'NEXT'}, {type: 'STAGE_SUCCEEDED', callId: 2, outcome: {findings: [finding('invoke-denied', 'error', 'identity')], facts: {}}}, {type: 'NEXT'}, {type: 'GO_SUMMARY'});
    expect(state.screen).toEqual({kind: 'summary'});
    expect(state.running).toBeUndefined();
    expect(allFindings(state).map((f) => f.id)).toEqual(['invoke-denied', 'endpoint-ok']);
    expect(walkResult(state).verdict).toBe('problems-found');
  });

  it('QUIT ends the walk: verdict quit before the summary, healthy or problems-found on it; events after are ignored', () => {
    const quitEarly = walkReducer(started(), {type: 'QUIT'});
    expect(walkResult(walkReducer(started(), {type: 'QUIT', interrupted: true})).verdict).toBe('interrupted');
    expect(quitEarly.ended).toBe(true);
    expect(quitEarly.running).toBeUndefined();
    expect(walkResult(quitEarly)).toMatchObject({findings: [], verdict: 'quit'});
    expect(walkResult(quitEarly).stages).toEqual([
      {id: 'endpoint', status: 'not-checked', reason: 'cancelled by the user'},
      {id: 'identity', status: 'not-checked'},
      {id: 'logs', status: 'not-checked'},
    ]);
    expect(walkReducer(quitEarly, {type: 'NEXT'})).toBe(quitEarly);
    let walked = started();
    for (let callId = 1; callId <= 3; callId++) walked = run(walked, {type: 'STAGE_SUCCEEDED', callId, outcome: okOutcome}, {type: 'NEXT'});
    const healthy = walkResult(walkReducer(walked, {type: 'QUIT'}));
    expect(healthy).toEqual({
      findings: [...okOutcome.findings, ...okOutcome.findings, ...okOutcome.findings],
      verdict: 'healthy',
      stages: ids.map((id) => ({id, status: 'ran'})),
      facts: {account: '111122223333'},
    });
  });

  it('is not healthy when stages were left unchecked, but an early stop counts as checked', () => {
    const partial = run(started(), {type: 'STAGE_SUCCEEDED', callId: 1, outcome: okOutcome}, {type: 'NEXT'}, {type: 'SKIP'}, {type: 'GO_SUMMARY'});
    expect(unfinishedStages(partial).map((stage) => stage.id)).toEqual(['identity', 'logs']);
    expect(walkResult(partial).verdict).toBe('quit');
    const stopped = run(started(), {type: 'STAGE_SUCCEEDED', callId: 1, outcome: {...okOutcome, stopReason: 'certain'}}, {type: 'GO_SUMMARY'});
    expect(unfinishedStages(stopped)).toEqual([]);
    expect(walkResult(stopped).verdict).toBe('healthy');
  });

  it('a walk without stages opens on the summary', () => {
    expect(initialWalkState([], input).screen).toEqual({kind: 'summary'});
  });
});

describe('the summary: cursor, evidence, re-run, export, and what the result tells a report', () => {
  const twoProblems: StageOutcome = {findings: [finding('stage-not-found', 'error'), finding('endpoint-ok', 'ok')], facts: {}};
  function onSummary(): WalkState {
    return run(started(), {type: 'STAGE_SUCCEEDED', callId: 1, outcome: twoProblems}, {type: 'GO_SUMMARY'});
  }

  it('MOVE_CURSOR moves within the findings on the summary only; Enter opens the highlighted one', () => {
    const summary = onSummary();
    expect(walkReducer(started(), {type: 'MOVE_CURSOR', delta: 1}).summaryCursor).toBe(0);
    expect(walkReducer(summary, {type: 'MOVE_CURSOR', delta: -1})).toBe(summary);
    const second = run(summary, {type: 'MOVE_CURSOR', delta: 1}, {type: 'MOVE_CURSOR', delta: 1});
    expect(second.summaryCursor).toBe(1);
    const opened = walkReducer(second, {type: 'NEXT', viaEnter: true});
    expect(opened.evidence?.id).toBe('endpoint-ok');
    expect(walkReducer(opened, {type: 'MOVE_CURSOR', delta: -1})).toBe(opened);
    const closed = walkReducer(opened, {type: 'BACK'});
    expect(closed).toMatchObject({screen: {kind: 'summary'}, summaryCursor: 1, evidence: undefined});
    expect(walkReducer(summary, {type: 'NEXT'})).toBe(summary);
  });

  it('RESTART runs the whole walk again from the first stage with the same input, forgetting every outcome', () => {
    const corrected = run(started(), {type: 'RETRY_WITH_INPUT', url: 'https://abc123.execute-api.us-east-1.amazonaws.com/prod/notes', method: 'GET'});
    const stopped = run(corrected, {type: 'STAGE_SUCCEEDED', callId: 2, outcome: stopOutcome}, {type: 'GO_SUMMARY'}, {type: 'MOVE_CURSOR', delta: 1}, {type: 'EXPORT_REPORT', format: 'markdown'});
    expect(stopped.stoppedEarly).toBeDefined();
    const restarted = walkReducer(stopped, {type: 'RESTART'});
    expect(restarted.screen).toEqual({kind: 'stage', index: 0});
    expect(statuses(restarted)).toEqual(['running', 'pending', 'pending']);
    expect(restarted.running).toEqual({stage: 0, kind: 'run', callId: stopped.nextCallId});
    expect(restarted).toMatchObject({stoppedEarly: undefined, export: undefined, summaryCursor: 0, facts: {}});
    expect(restarted.input.url).toContain('/prod/');
    expect(allFindings(restarted)).toEqual([]);
  });

  it('RESTART does nothing away from the summary or under the evidence view', () => {
    const stage = started();
    expect(walkReducer(stage, {type: 'RESTART'})).toBe(stage);
    const evidence = walkReducer(onSummary(), {type: 'NEXT', viaEnter: true});
    expect(walkReducer(evidence, {type: 'RESTART'})).toBe(evidence);
  });

  it('EXPORT_REPORT asks for one export at a time; only its own id completes it', () => {
    expect(walkReducer(started(), {type: 'EXPORT_REPORT', format: 'json'}).export).toBeUndefined();
    const writing = walkReducer(onSummary(), {type: 'EXPORT_REPORT', format: 'json'});
    expect(writing.export).toEqual({status: 'writing', format: 'json', id: 2});
    expect(walkReducer(writing, {type: 'EXPORT_REPORT', format: 'markdown'})).toBe(writing);
    expect(walkReducer(writing, {type: 'EXPORT_SUCCEEDED', exportId: 1, path: '/tmp/old.json'})).toBe(writing);
    expect(walkReducer(writing, {type: 'EXPORT_SUCCEEDED', exportId: 2, path: '/tmp/r.json'}).export).toEqual({status: 'saved', format: 'json', id: 2, path: '/tmp/r.json'});
    const failed = walkReducer(writing, {type: 'EXPORT_FAILED', exportId: 2, message: 'disk full'});
    expect(failed.export).toEqual({status: 'failed', format: 'json', id: 2, message: 'disk full'});
    expect(walkReducer(failed, {type: 'EXPORT_REPORT', format: 'markdown'}).export).toMatchObject({status: 'writing', format: 'markdown'});
  });

  it('a failed stage contributes its check-failed finding, and reports as failed; the user skipping one reports as not checked', () => {
    const checkFailed = finding('check-failed', 'warning', 'identity');
    const state = run(
      started(),
      {type: 'STAGE_SUCCEEDED', callId: 1, outcome: okOutcome},
      {type: 'NEXT'},
      {type: 'STAGE_FAILED', callId: 2, error: {message: 'User is not authorized', kind: 'AccessDenied', finding: checkFailed}},
      {type: 'NEXT'},
      {type: 'SKIP'},
    );
    expect(state.screen).toEqual({kind: 'summary'});
    const result = walkResult(state);
    expect(result.findings.map((f) => f.id)).toEqual(['check-failed', 'endpoint-ok']);
    expect(result.verdict).toBe('problems-found');
    expect(result.stages).toEqual([
      {id: 'endpoint', status: 'ran'},
      {id: 'identity', status: 'failed', reason: 'User is not authorized'},
      {id: 'logs', status: 'not-checked', reason: 'skipped by the user'},
    ]);
  });

  it('an early stop reports the later stages as skipped with the reason', () => {
    const result = walkResult(run(started(), {type: 'STAGE_SUCCEEDED', callId: 1, outcome: stopOutcome}, {type: 'GO_SUMMARY'}));
    expect(result.stopReason).toBe('the request never reaches API Gateway');
    expect(result.stages.slice(1)).toEqual([
      {id: 'identity', status: 'skipped', reason: 'the request never reaches API Gateway'},
      {id: 'logs', status: 'skipped', reason: 'the request never reaches API Gateway'},
    ]);
  });
});
