import {afterEach, describe, expect, it, vi} from 'vitest';
import {AwsError} from '../../src/aws/errors.js';
import type {StageOutcome} from '../../src/checks/stage.js';
import {App, type AppProps} from '../../src/ui/App.js';
import {EndpointScreen} from '../../src/ui/screens/EndpointScreen.js';
import {ARROW_DOWN, ARROW_RIGHT, CTRL_C, ENTER, ESCAPE, cleanupInk, press, pressNoChange, renderInk, waitFor, waitForText} from '../helpers/ink.js';
import {cannedStage, finding, header, input, makeContext, ok, untilAborted, type RecordedStage} from './walk-fixtures.js';

vi.mock('ink-spinner', async () => {
  const {Text} = await import('ink');
  return {default: () => <Text>⠋</Text>};
});
afterEach(cleanupInk);

const prodUrl = 'https://abc123.execute-api.us-east-1.amazonaws.com/prod/notes';
const neverReaches = 'the request never reaches API Gateway, so there are no CloudWatch logs to read.';

const stageNotFound: StageOutcome = {
  findings: [
    finding('stage-not-found', 'endpoint', 'error', {
      title: 'Stage "prd" does not exist',
      detail: 'The API has stages dev, prod; you called `prd`.',
      evidence: [{kind: 'text', label: 'Stages', text: 'dev, prod'}],
      fix: {kind: 'text', summary: 'Call the prod stage.', body: prodUrl},
    }),
  ],
  facts: {
    endpoint: {
      url: input.url,
      method: 'GET',
      parsed: {form: 'aws', host: 'abc123.execute-api.us-east-1.amazonaws.com', apiId: 'abc123', region: 'us-east-1', stage: 'prd', path: '/notes', rawPath: '/prd/notes'},
      api: {kind: 'rest', id: 'abc123', name: 'notes', region: 'us-east-1'},
      suggestions: [{label: 'Stage prod', url: prodUrl, method: 'GET'}],
      reachesApiGateway: false,
    },
  },
  stopReason: neverReaches,
};

function renderApp(stages: RecordedStage[], props: Partial<AppProps> = {}) {
  // The endpoint screen, and the generic findings screen for every other stage.
  return renderInk(<App stages={stages} input={input} makeContext={makeContext} header={header} screens={{endpoint: EndpointScreen}} {...props} />);
}

const stepper = (frame: string) => frame.split('\n')[2] ?? '';

describe('App', () => {
  it('shows each stage state in the stepper: running, ok, problem, failed, skipped, pending', async () => {
    const endpoint = cannedStage('endpoint', 'Endpoint', [ok('endpoint')]);
    const identity = cannedStage('identity', 'Identity', [{findings: [finding('no-iam-auth', 'identity', 'warning')], facts: {}}]);
    const simulate = cannedStage('simulate', 'Simulate', [new AwsError({kind: 'AccessDenied', action: 'iam:SimulatePrincipalPolicy', message: 'not allowed'})]);
    const logs = cannedStage('logs', 'Logs', [ok('logs')]);
    const timeouts = cannedStage('timeouts', 'Timeouts', [ok('timeouts')]);
    const app = renderApp([endpoint, identity, simulate, logs, timeouts]);
    await waitForText(app, 'endpoint-ok title');
    expect(stepper(app.lastFrame())).toBe('[✔ Endpoint]  ○ Identity  ○ Simulate  ○ Logs  ○ Timeouts  » Summary');
    await press(app, ARROW_RIGHT);
    await waitForText(app, 'no-iam-auth title');
    await press(app, ARROW_RIGHT);
    const failed = await waitForText(app, 'could not finish');
    expect(failed).toContain('(AccessDenied): not allowed');
    await press(app, 's');
    await waitForText(app, 'logs-ok title');
    expect(stepper(app.lastFrame())).toBe('✔ Endpoint  ✖ Identity  – Simulate  [✔ Logs]  ○ Timeouts  » Summary');
    await press(app, ARROW_RIGHT);
    await waitForText(app, 'timeouts-ok');
    expect(simulate.calls).toHaveLength(1);
  });

  it('shows a spinner and what is being asked during a call; c cancels it and aborts the signal', async () => {
    const endpoint = cannedStage('endpoint', 'Endpoint', [untilAborted, ok('endpoint')]);
    const app = renderApp([endpoint]);
    const frame = await waitForText(app, 'Asking API Gateway');
    expect(stepper(frame)).toContain('[⠋ Endpoint]');
    expect(frame).toContain('c cancel');
    await press(app, 'c');
    expect(app.lastFrame()).toContain('Cancelled. Press Enter to run it again');
    expect(endpoint.calls[0]!.signal.aborted).toBe(true);
    expect(stepper(app.lastFrame())).toContain('[○ Endpoint]');
    await press(app, ENTER);
    await waitForText(app, 'endpoint-ok title');
  });

  it('endpoint stage-not-found: shows the check, the fix, and re-runs with the picked correction', async () => {
    const endpoint = cannedStage('endpoint', 'Endpoint', [stageNotFound, ok('endpoint')]);
    const logs = cannedStage('logs', 'Logs', [ok('logs')]);
    const app = renderApp([endpoint, logs]);
    const frame = await waitForText(app, 'Try instead: Stage prod');
    expect(frame).toContain('✔ API   REST API “notes” (abc123) in us-east-1');
    expect(frame).toContain('✖ Stage Stage "prd" does not exist');
    expect(frame).toContain('The API has stages dev, prod; you called `prd`.');
    expect(frame).toContain('Fix: Call the prod stage.');
    expect(stepper(frame)).toBe('[✖ Endpoint]  – Logs  » Summary');
    await press(app, ENTER);
    await waitForText(app, 'endpoint-ok title');
    expect(endpoint.calls.map((ctx) => ctx.input.url)).toEqual([input.url, prodUrl]);
    expect(app.lastFrame()).toContain(`GET ${prodUrl}`);
    expect(stepper(app.lastFrame())).toBe('[✔ Endpoint]  ○ Logs  » Summary');
  });

  it('after an early stop, → shows the reason, and → again runs the next stage anyway', async () => {
    const endpoint = cannedStage('endpoint', 'Endpoint', [{...stageNotFound, facts: {}}]);
    const logs = cannedStage('logs', 'Logs', [ok('logs')]);
    const app = renderApp([endpoint, logs]);
    await waitForText(app, 'Stage "prd" does not exist');
    const stopped = await press(app, ARROW_RIGHT);
    expect(stopped.replace(/\s+/g, ' ')).toContain('Stopped early: the request never reaches API Gateway, so there are no CloudWatch logs to read. Press → to look anyway.');
    expect(logs.calls).toHaveLength(0);
    await press(app, ARROW_RIGHT);
    await waitForText(app, 'logs-ok title');
    expect(logs.calls).toHaveLength(1);
    expect(logs.calls[0]!.facts).toEqual({account: '111122223333'});
  });

  it('Esc goes back without re-running, r re-runs, and Enter on a finding opens its evidence', async () => {
    const endpoint = cannedStage('endpoint', 'Endpoint', [ok('endpoint'), ok('endpoint')]);
    const logs = cannedStage('logs', 'Logs', [
      {findings: [finding('lambda-error', 'logs', 'error', {evidence: Array.from({length: 30}, (_, i) => ({kind: 'log' as const, label: `line ${i + 1}`, text: `TypeError at handler.js:${i + 1}`}))})], facts: {}},
    ]);
    const app = renderApp([endpoint, logs]);
    await waitForText(app, 'endpoint-ok title');
    await press(app, ARROW_RIGHT);
    const logsFrame = await waitForText(app, 'lambda-error title');
    expect(logsFrame).toContain('… 28 more evidence');
    await press(app, ENTER);
    const evidence = await waitForText(app, /lines 1–\d+ of \d+/);
    expect(evidence).toContain('TypeError at handler.js:1');
    const scrolled = await press(app, ARROW_DOWN);
    expect(scrolled).toMatch(/lines 2–/);
    await press(app, ESCAPE);
    await waitForText(app, 'Stage 2 of 2 · Logs');
    await press(app, ESCAPE);
    await waitForText(app, 'Stage 1 of 2 · Endpoint');
    expect(endpoint.calls).toHaveLength(1);
    await press(app, 'r');
    await waitFor(app, () => endpoint.calls.length === 2, 'the endpoint stage to run again');
    await waitForText(app, 'endpoint-ok title');
    expect(stepper(app.lastFrame())).toBe('[✔ Endpoint]  ○ Logs  » Summary');
    expect(await pressNoChange(app, ESCAPE)).toContain('Stage 1 of 2 · Endpoint');
  });

  it('? toggles the stage explanation, open from the start when asked (demo)', async () => {
    const app = renderApp([cannedStage('endpoint', 'Endpoint', [ok('endpoint')])], {helpOpenByDefault: true});
    await waitForText(app, 'Endpoint explained: why this stage matters.');
    expect(app.lastFrame()).toContain('? hide help');
    const closed = await press(app, '?');
    expect(closed).not.toContain('Endpoint explained');
    expect(await press(app, '?')).toContain('Endpoint explained');
  });

  it('q quits mid-walk with verdict quit and the findings so far', async () => {
    const app = renderApp([cannedStage('endpoint', 'Endpoint', [stageNotFound]), cannedStage('logs', 'Logs', [ok('logs')])]);
    await waitForText(app, 'Try instead');
    app.stdin.write('q');
    await expect(app.waitUntilExit()).resolves.toMatchObject({findings: stageNotFound.findings, verdict: 'quit'});
  });

  it('Ctrl+C exits cleanly and aborts the call in flight', async () => {
    const endpoint = cannedStage('endpoint', 'Endpoint', [untilAborted]);
    const app = renderApp([endpoint]);
    await waitForText(app, 'Asking API Gateway');
    app.stdin.write(CTRL_C);
    await expect(app.waitUntilExit()).resolves.toMatchObject({findings: [], verdict: 'interrupted'});
    expect(endpoint.calls[0]!.signal.aborted).toBe(true);
  });

  it('the summary lists every finding worst first, and q there returns the verdict', async () => {
    const endpoint = cannedStage('endpoint', 'Endpoint', [ok('endpoint')]);
    const logs = cannedStage('logs', 'Logs', [{findings: [finding('lambda-error', 'logs', 'error')], facts: {}}]);
    const app = renderApp([endpoint, logs]);
    await waitForText(app, 'endpoint-ok title');
    await press(app, ARROW_RIGHT);
    await waitForText(app, 'lambda-error title');
    const summary = await press(app, ARROW_RIGHT);
    expect(summary).toContain('✖ 1 problem found');
    expect(summary.indexOf('Logs: lambda-error title')).toBeLessThan(summary.indexOf('Endpoint: endpoint-ok title'));
    expect(stepper(summary)).toBe('✔ Endpoint  ✖ Logs  [» Summary]');
    app.stdin.write('q');
    const result = await app.waitUntilExit();
    expect(result).toMatchObject({verdict: 'problems-found'});
  });

  it('S jumps to the summary; stages not run are named and the walk is not called healthy', async () => {
    const app = renderApp([cannedStage('endpoint', 'Endpoint', [ok('endpoint')]), cannedStage('logs', 'Logs', [ok('logs')])]);
    await waitForText(app, 'endpoint-ok title');
    const summary = await press(app, 'S');
    expect(summary).toContain('No problems found in the stages that ran');
    expect(summary).toContain('Not checked: Logs');
    app.stdin.write('q');
    await expect(app.waitUntilExit()).resolves.toMatchObject({verdict: 'quit'});
  });

  it('waits for Enter before the first stage when autoStart is off', async () => {
    const endpoint = cannedStage('endpoint', 'Endpoint', [ok('endpoint')]);
    const app = renderApp([endpoint], {autoStart: false});
    await waitForText(app, 'Not run yet. Press Enter');
    expect(endpoint.calls).toHaveLength(0);
    await press(app, ENTER);
    await waitForText(app, 'endpoint-ok title');
  });
});
