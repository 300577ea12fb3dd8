// The endpoint screen over real endpoint outcomes: endpointStage run over the in-memory
// fake account (our ports, not the SDK) for the wrong-stage preset.
import {afterEach, expect, it, vi} from 'vitest';
import type {StageContext, WalkFacts, WalkInput} from '../../src/checks/stage.js';
import {endpointStage} from '../../src/checks/endpoint/index.js';
import {loadScenario} from '../../src/sandbox/scenarios/index.js';
import {App} from '../../src/ui/App.js';
import {FakeAws, FakeProbe} from '../helpers/fake-ports.js';
import {ENTER, cleanupInk, renderInk, waitForText} from '../helpers/ink.js';

vi.mock('ink-spinner', async () => {
  const {Text} = await import('ink');
  return {default: () => <Text>⠋</Text>};
});
afterEach(cleanupInk);

const now = Date.parse('2025-07-01T12:00:00Z');

it('wrong-stage: the checklist fails at the stage, and picking "Try instead" re-runs the real stage on the corrected URL', async () => {
  const scenario = loadScenario('wrong-stage', now);
  const fake = new FakeAws(scenario);
  const probe = FakeProbe.responding(403, '{"message":"Forbidden"}', {'x-amzn-errortype': 'ForbiddenException'});
  const makeContext = (input: WalkInput, facts: WalkFacts, signal: AbortSignal): StageContext => ({aws: fake.ports(), probe, input, facts, signal, now: () => now});
  const input = {url: scenario.demo.url, method: scenario.demo.method, sinceMs: 3_600_000};
  const app = renderInk(<App stages={[endpointStage]} input={input} makeContext={makeContext} header={{url: input.url, region: scenario.region, mode: 'demo'}} />);
  const frame = await waitForText(app, 'Try instead');
  expect(frame).toMatch(/✔ URL {3}a1b2c3d4e5\.execute-api\.us-east-1\.amazonaws\.com/);
  expect(frame).toMatch(/✔ API {3}REST API “notes” \(a1b2c3d4e5\) in us-east-1/);
  expect(frame).toMatch(/✖ Stage /);
  expect(frame).toContain('You probably meant "prod"');
  expect(frame).toContain('demo sandbox');
  app.stdin.write(ENTER);
  const fixed = await waitForText(app, /✔ Route .*GET \/notes\/\{id\}/);
  expect(fixed).toMatch(/✔ Stage prod/);
  expect(probe.requests.map((request) => request.url)).toEqual([scenario.demo.url, scenario.demo.url.replace(/\/[^/]+\/notes/, '/prod/notes')]);
});
