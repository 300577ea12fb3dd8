// Every frame of a walk with long text must fit an 80×24 terminal: no line wider than 80
// columns, and fewer lines than rows (a frame as tall as the terminal makes Ink clear the
// screen on every redraw).
import {afterEach, expect, it, vi} from 'vitest';
import {App} from '../../src/ui/App.js';
import {ARROW_DOWN, ARROW_RIGHT, ENTER, ESCAPE, cleanupInk, press, renderInk, stripAnsi, waitForText} from '../helpers/ink.js';
import {EndpointScreen} from '../../src/ui/screens/EndpointScreen.js';
import {cannedStage, finding, header, input, makeContext, ok} from './walk-fixtures.js';

vi.mock('ink-spinner', async () => {
  const {Text} = await import('ink');
  return {default: () => <Text>⠋</Text>};
});
afterEach(cleanupInk);

const long = (word: string, times: number) => Array.from({length: times}, (_, i) => `${word}${i}`).join(' ');
const longUrl = `https://abc123.execute-api.us-east-1.amazonaws.com/prd/${'very-long-segment/'.repeat(8)}notes`;

const noisyFindings = Array.from({length: 9}, (_, i) =>
  finding(`lambda-error-${i}`, 'logs', i % 2 ? 'warning' : 'error', {
    title: `A finding title that goes on and on ${long('word', 12)}`,
    detail: long('detail', 60),
    evidence: Array.from({length: 12}, (_, j) => ({kind: 'log' as const, label: `Log line ${j}`, text: `${'x'.repeat(150)} ${j}`})),
    fix: {kind: 'code', summary: long('fix', 30), body: Array.from({length: 20}, (_, j) => `const line${j} = ${'"a"'.repeat(40)};`).join('\n')},
  }),
);

it('keeps every frame within 80 columns and under 24 rows', async () => {
  const endpoint = cannedStage('endpoint', `Endpoint with a very long stage title ${long('t', 5)}`, [{findings: noisyFindings.slice(0, 3), facts: {}, stopReason: long('reason', 30)}]);
  const identity = cannedStage('identity', 'Identity and a long title', [{findings: noisyFindings, facts: {}}]);
  const logs = cannedStage('logs', 'Logs', [{findings: [], facts: {}, skippedReason: long('skip', 40)}]);
  const timeouts = cannedStage('timeouts', 'Timeouts', [new Error(long('error', 50))]);
  const app = renderInk(<App stages={[endpoint, identity, logs, timeouts]} input={{...input, url: longUrl}} makeContext={makeContext} header={{...header, url: longUrl, profile: long('profile', 10)}} helpOpenByDefault screens={{}} />);
  await waitForText(app, 'Fix: fix0');
  await press(app, ENTER); // evidence of the first finding
  await press(app, ARROW_DOWN);
  await press(app, ESCAPE);
  await press(app, ARROW_RIGHT); // early-stop notice
  await press(app, ARROW_RIGHT); // run anyway
  const identityFrame = await waitForText(app, '[✖ Identity an…]');
  expect(identityFrame).toContain('✖ Endpoint wi…  [✖ Identity an…]  ○ Logs  ○ Timeouts  » Summary');
  await press(app, '?');
  await press(app, ARROW_RIGHT);
  await waitForText(app, 'Skipped: skip0');
  await press(app, ARROW_RIGHT);
  await waitForText(app, 'could not finish');
  await press(app, ARROW_RIGHT);
  await waitForText(app, 'problems found');

  expect(app.frames.length).toBeGreaterThan(10);
  for (const frame of app.frames) {
    const lines = stripAnsi(frame).replace(/\n$/, '').split('\n');
    expect(lines.length, frame).toBeLessThan(24);
    for (const line of lines) expect([...line].length, `line too wide:\n${line}`).toBeLessThanOrEqual(80);
  }
});

it('cuts what does not fit at the bottom instead of overprinting lines (long help open, 16 rows)', async () => {
  const endpoint = {...cannedStage('endpoint', 'Endpoint', [ok('endpoint')]), explain: long('Explanation sentence.', 80)};
  const app = renderInk(<App stages={[endpoint]} input={input} makeContext={makeContext} header={header} screens={{endpoint: EndpointScreen}} helpOpenByDefault />, {rows: 16});
  const frame = await waitForText(app, '○ Route');
  const lines = frame.split('\n');
  const rows = ['? Endpoint', '○ URL', '○ API', '○ Stage', '○ Route'].map((start) => lines.findIndex((line) => line.startsWith(start)));
  expect(rows.every((row) => row >= 0), frame).toBe(true);
  expect(rows, frame).toEqual([...rows].sort((a, b) => a - b));
  expect(lines.length).toBeLessThan(16);
});
