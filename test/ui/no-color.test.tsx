// Colour is only a second channel: with NO_COLOR the frames carry no colour codes at all
// (chalk ignores NO_COLOR, so the theme does it) and every state still has its symbol.
import {afterEach, expect, it, vi} from 'vitest';

// chalk decides its colour level once, at import: force colour so the difference shows.
vi.hoisted(() => {
  process.env.FORCE_COLOR = '3';
});

import {App} from '../../src/ui/App.js';
import {ARROW_RIGHT, cleanupInk, renderInk, waitForText} from '../helpers/ink.js';
import {cannedStage, finding, header, input, makeContext, ok} from './walk-fixtures.js';

vi.mock('ink-spinner', async () => {
  const {Text} = await import('ink');
  return {default: () => <Text>⠋</Text>};
});
afterEach(() => {
  cleanupInk();
  delete process.env.NO_COLOR;
});

const colourCode = /\u001B\[(?:3[0-79]|9[0-7]|38;)[\d;]*m/;

async function renderWalk(): Promise<string> {
  const stages = [cannedStage('endpoint', 'Endpoint', [ok('endpoint')]), cannedStage('logs', 'Logs', [{findings: [finding('lambda-error', 'logs', 'error')], facts: {}}])];
  const app = renderInk(<App stages={stages} input={input} makeContext={makeContext} header={header} screens={{}} />);
  await waitForText(app, 'endpoint-ok title');
  app.stdin.write(ARROW_RIGHT);
  await waitForText(app, 'lambda-error title');
  return app.rawLastFrame();
}

it('colours the states when colour is on', async () => {
  expect(await renderWalk()).toMatch(colourCode);
});

it('with NO_COLOR, no colour codes and the states still read from their symbols', async () => {
  process.env.NO_COLOR = '1';
  const frame = await renderWalk();
  expect(frame).not.toMatch(colourCode);
  expect(frame).toContain('✔ Endpoint');
  expect(frame).toContain('✖ lambda-error title');
});
