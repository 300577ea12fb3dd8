// The logs and timeouts screens over real stage outcomes from the fake lambda-error,
// lambda-timeout and logging-off accounts, at 80×24: the error groups list, Enter opening a
// group's whole trace with the API Gateway lines (scrolled in the walk's evidence view),
// and the durations against the limits with the handler's shape.
import {afterEach, describe, expect, it} from 'vitest';
import type {Finding} from '../../src/checks/findings.js';
import {createLogsStage} from '../../src/checks/logs/index.js';
import type {StageOutcome, WalkFacts} from '../../src/checks/stage.js';
import {timeoutsStage} from '../../src/checks/timeouts/index.js';
import {loadScenario} from '../../src/sandbox/scenarios/index.js';
import {EvidenceView} from '../../src/ui/components/EvidenceView.js';
import {LogsScreen} from '../../src/ui/screens/LogsScreen.js';
import {TimeoutsScreen} from '../../src/ui/screens/TimeoutsScreen.js';
import type {StageScreenProps} from '../../src/ui/screens/types.js';
import {FakeAws} from '../helpers/fake-ports.js';
import {ARROW_DOWN, cleanupInk, ENTER, press, pressNoChange, renderInk, waitForText} from '../helpers/ink.js';
import {notesEndpoint, stageContext} from '../helpers/stage-context.js';

afterEach(() => cleanupInk());

const now = Date.parse('2026-11-26T09:00:00.000Z');

async function outcomes(name: string, path = '/notes/7') {
  const scenario = loadScenario(name, now);
  const fake = new FakeAws(scenario, {now});
  const base: WalkFacts = {account: scenario.accountId, endpoint: notesEndpoint({path})};
  const logs = await createLogsStage().run(stageContext(fake.ports(), base, {now}));
  const timeouts = await timeoutsStage.run(stageContext(fake.ports(), {...base, ...logs.facts}, {now}));
  return {logs, timeouts, facts: {...base, ...logs.facts, ...timeouts.facts}};
}

function props(stage: 'logs' | 'timeouts', outcome: StageOutcome, facts: WalkFacts, opened: Finding[], actions: Array<[string, unknown]> = []): StageScreenProps {
  return {
    stage: {id: stage, title: stage},
    outcome,
    facts,
    input: {url: facts.endpoint!.url, method: 'GET', sinceMs: 3_600_000},
    isActive: true,
    width: 80,
    height: 22,
    onAction: (name, payload) => actions.push([name, payload]),
    onRetryWithInput: () => undefined,
    onOpenEvidence: (finding) => opened.push(finding),
    onNext: () => undefined,
  };
}

const fits = (frame: string) => {
  const lines = frame.split('\n');
  expect(lines.length).toBeLessThanOrEqual(22);
  expect(Math.max(...lines.map((line) => [...line].length))).toBeLessThanOrEqual(80);
};

describe('LogsScreen', () => {
  it('lists the error groups and opens one with its whole trace and the API Gateway lines', async () => {
    const {logs, facts} = await outcomes('lambda-error');
    const opened: Finding[] = [];
    const ui = renderInk(<LogsScreen {...props('logs', logs, facts, opened)} />);
    const frame = await waitForText(ui, "5× 08:58:13  TypeError: Cannot read properties of undefined (reading '…')");
    expect(frame).toContain('ƒ notes-api · /aws/lambda/notes-api · last 1h · FilterLogEvents');
    expect(frame).toContain('API Gateway execution log: INFO · API-Gateway-Execution-Logs_a1b2c3d4e5/prod');
    expect(frame).toMatch(/at getNote \(file:\/\/\/var\/task\/index\.mjs:\d+:\d+\)/);
    fits(frame);

    await pressNoChange(ui, ENTER);
    expect(opened).toHaveLength(1);
    const group = opened[0]!;
    expect(group.title).toMatch(/^5× TypeError/);
    expect(group.evidence[0]?.text.split('\n')).toHaveLength(4);
    expect(group.evidence[1]?.label).toMatch(/^API Gateway request [0-9a-f-]{36}$/);
    expect(group.evidence[1]?.text).toContain('Method completed with status: 502');

    // The walk shows it in its evidence view: long, so it scrolls within 80×24.
    cleanupInk();
    const view = renderInk(<EvidenceView finding={group} width={80} height={22} />);
    const first = await waitForText(view, /lines 1–21 of \d+/);
    fits(first);
    const paged = await press(view, '\u001B[6~');
    expect(paged).toMatch(/lines 22–/);
  });

  it('logging-off: says the execution log is off and lists the finding with its steps', async () => {
    const {logs, facts} = await outcomes('logging-off', '/notes/42');
    const opened: Finding[] = [];
    const ui = renderInk(<LogsScreen {...props('logs', logs, facts, opened)} />);
    const frame = await waitForText(ui, '⚠ API Gateway execution logging is off');
    expect(frame).toContain('API Gateway execution log: off');
    fits(frame);
    await pressNoChange(ui, ENTER);
    expect(opened[0]?.id).toBe('execution-logging-off');
  });

  it('offers a wider window as the last choice, which asks the stage to search again', async () => {
    const {logs, facts} = await outcomes('healthy');
    const actions: Array<[string, unknown]> = [];
    const ui = renderInk(<LogsScreen {...props('logs', logs, facts, [], actions)} />);
    await waitForText(ui, '↻ Search a wider window: the last 6h');
    // Rows: the clean-log finding, then the widen choice.
    await press(ui, ARROW_DOWN);
    await pressNoChange(ui, ENTER);
    expect(actions).toEqual([['widen-window', {sinceMs: 6 * 3_600_000}]]);
  });
});

describe('TimeoutsScreen', () => {
  it('shows the durations against the limits, the handler shape and the advice', async () => {
    const {timeouts, facts} = await outcomes('lambda-timeout', '/notes');
    const ui = renderInk(<TimeoutsScreen {...props('timeouts', timeouts, facts, [])} />);
    const frame = await waitForText(ui, 'API GW 504');
    expect(frame).toContain('9 invocations · 9 timed out');
    expect(frame).toMatch(/p95 +█+ +6\.01 s/);
    expect(frame).toMatch(/Timeout +█+ +6 s/);
    expect(frame).toMatch(/API GW 504 +█+ +29 s/);
    expect(frame).toContain('Handler index.mjs: callback · opens PostgreSQL (pg) per invocation');
    expect(frame).toContain('The function times out (9× in the window)');
    fits(frame);
  });

  it('keeps the limits in view when rows are short (help open), dropping p50/p95 first', async () => {
    const {timeouts, facts} = await outcomes('lambda-timeout', '/notes');
    const ui = renderInk(<TimeoutsScreen {...props('timeouts', timeouts, facts, [])} height={10} />);
    const frame = await waitForText(ui, 'API GW 504');
    expect(frame).toMatch(/Timeout +█+ +6 s/);
    expect(frame).toMatch(/max +█+ +6\.01 s/);
    expect(frame).not.toContain('p50');
    expect(frame.split('\n').length).toBeLessThanOrEqual(10);
  });
});
