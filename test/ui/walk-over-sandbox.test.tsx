// The whole App driven by keystrokes over the real stages, the real SDK adapters and the
// probe, against the sandbox over HTTP: what a user of --demo sees, scenario by scenario.
import {mkdtempSync, readdirSync, readFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, describe, expect, it, vi} from 'vitest';
import {createAwsPorts} from '../../src/aws/index.js';
import {createHttpProbe} from '../../src/aws/http-probe.js';
import {stages} from '../../src/checks/index.js';
import {createSimulateStage} from '../../src/checks/simulate/index.js';
import type {StageContext, StageDefinition, WalkFacts, WalkInput} from '../../src/checks/stage.js';
import type {ScenarioName} from '../../src/sandbox/scenario.js';
import {loadScenario} from '../../src/sandbox/scenarios/index.js';
import {App} from '../../src/ui/App.js';
import {ARROW_RIGHT, ENTER, ESCAPE, cleanupInk, renderInk, waitForText} from '../helpers/ink.js';
import {sandboxStopper, startTestSandbox} from '../helpers/sandbox.js';

vi.mock('ink-spinner', async () => {
  const {Text} = await import('ink');
  return {default: () => <Text>⠋</Text>};
});

const sandboxes = sandboxStopper();
afterEach(async () => {
  cleanupInk();
  await sandboxes.stopAll();
});

async function walk(name: ScenarioName, walkStages: readonly StageDefinition[] = stages) {
  const scenario = loadScenario(name);
  const sandbox = sandboxes.track(await startTestSandbox(scenario));
  const aws = createAwsPorts({...sandbox.clientConfig, region: 'us-east-1'});
  const probe = createHttpProbe({endpoint: sandbox.endpoint});
  const makeContext = (input: WalkInput, facts: WalkFacts, signal: AbortSignal): StageContext => ({aws, probe, input, facts, signal, now: Date.now});
  const input = {url: scenario.demo.url, method: scenario.demo.method, sinceMs: 3_600_000};
  const app = renderInk(<App stages={walkStages} input={input} makeContext={makeContext} header={{url: input.url, region: 'us-east-1', mode: 'demo', account: scenario.accountId}} />);
  return {app, sandbox, scenario};
}

describe('the endpoint screen over the sandbox', () => {
  it('healthy: every row holds, and → steps on to the identity stage', async () => {
    const {app} = await walk('healthy');
    const frame = await waitForText(app, /✔ Route +GET \/notes\/\{id\}/, 10_000);
    expect(frame).toMatch(/✔ Stage +prod/);
    expect(frame).toMatch(/Probe +GET → HTTP 403 · MissingAuthenticationTokenException/);
    app.stdin.write(ARROW_RIGHT);
    await waitForText(app, 'Stage 2 of 5', 10_000);
  });

  it('wrong-path: the route fails, with the nearest defined path to try instead', async () => {
    const {app} = await walk('wrong-path');
    const frame = await waitForText(app, 'Try instead', 10_000);
    expect(frame).toMatch(/✖ Route/);
    expect(frame).toMatch(/Try instead: .*\/notes/);
  });

  it('wrong-region: names the region the API lives in, and Enter re-runs the stage there', async () => {
    const {app} = await walk('wrong-region');
    const frame = await waitForText(app, 'lives in eu-west-1', 10_000);
    expect(frame).toContain('Try instead: Use eu-west-1');
    app.stdin.write(ENTER);
    await waitForText(app, /✔ API +REST API .* in eu-west-1/, 10_000);
  });
});

describe('iam-denied over the sandbox: the policy fix, only after confirmation', () => {
  it('finds the pool and role unaided, reports invoke-denied, writes only after a then y, saves the old document, re-simulates to allowed', async () => {
    const backupDir = mkdtempSync(join(tmpdir(), 'apigw-doctor-backups-'));
    const walkStages = stages.map((stage) => (stage.id === 'simulate' ? createSimulateStage({backupDir: () => backupDir}) : stage));
    const {app, sandbox} = await walk('iam-denied', walkStages);
    await waitForText(app, /✔ Route/, 10_000);
    app.stdin.write(ARROW_RIGHT);
    const identity = await waitForText(app, 'Cognito_notesAuth_Role', 10_000);
    expect(identity).toContain('notes_identity_pool');
    app.stdin.write(ARROW_RIGHT);
    const denied = await waitForText(app, 'Press a to apply', 10_000);
    expect(denied).toMatch(/denied/);
    const [policyName, originalDocument] = [...sandbox.state.inlinePolicies.get('Cognito_notesAuth_Role')!.entries()][0]!;

    app.stdin.write('a');
    await waitForText(app, '[y/N]');
    app.stdin.write('n');
    await waitForText(app, 'Press a to apply');
    // While the question is open it owns the keys: Esc closes it (not the stage), q does not quit.
    app.stdin.write('a');
    await waitForText(app, '[y/N]');
    app.stdin.write('q');
    app.stdin.write(ESCAPE);
    const closed = await waitForText(app, 'Press a to apply');
    expect(closed).toContain('Stage 3 of 5');
    expect(sandbox.calls.some((call) => call.action === 'iam:PutRolePolicy')).toBe(false);

    app.stdin.write('a');
    await waitForText(app, '[y/N]');
    app.stdin.write('y');
    const allowed = await waitForText(app, /✔ invoke allowed/, 10_000);
    expect(allowed).toContain('Backup');
    expect(sandbox.calls.filter((call) => call.action === 'iam:PutRolePolicy')).toHaveLength(1);
    const [backup] = readdirSync(backupDir);
    expect(backup).toMatch(/^Cognito_notesAuth_Role-/);
    expect(backup).toContain(policyName);
    // The backup is the document as IAM returned it before the write: the same policy.
    expect(JSON.parse(readFileSync(join(backupDir, backup!), 'utf8'))).toEqual(originalDocument);
  });
});
