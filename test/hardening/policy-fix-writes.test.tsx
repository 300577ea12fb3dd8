// The one write, over the real adapters and the sandbox (real SDK, signing, IAM's URL-encoded
// documents): a declined confirmation writes nothing; the saved previous document puts back
// byte for byte; a change made by someone else between the read and the write is detected
// and survives both the refusal and the fix applied afterwards.
import {mkdtemp, readdir, readFile, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {createAwsPorts} from '../../src/aws/index.js';
import {createHttpProbe} from '../../src/aws/http-probe.js';
import type {AwsPorts} from '../../src/aws/ports.js';
import {endpointStage} from '../../src/checks/endpoint/index.js';
import {identityStage} from '../../src/checks/identity/index.js';
import {logsStage} from '../../src/checks/logs/index.js';
import {createSimulateStage} from '../../src/checks/simulate/index.js';
import type {StageContext, StageDefinition, WalkFacts, WalkInput} from '../../src/checks/stage.js';
import {timeoutsStage} from '../../src/checks/timeouts/index.js';
import {loadScenario} from '../../src/sandbox/scenarios/index.js';
import {App} from '../../src/ui/App.js';
import {notesEndpoint, stageContext} from '../helpers/stage-context.js';
import {ARROW_RIGHT, cleanupInk, ENTER, ESCAPE, press, renderInk, waitForText} from '../helpers/ink.js';
import {sandboxStopper, startTestSandbox, type TestSandbox} from '../helpers/sandbox.js';

const sandboxes = sandboxStopper();
let backups: string;
beforeEach(async () => {
  backups = await mkdtemp(path.join(tmpdir(), 'apigw-doctor-hardening-backups-'));
});
afterEach(async () => {
  cleanupInk();
  await sandboxes.stopAll();
  await rm(backups, {recursive: true, force: true});
});

const scenario = loadScenario('iam-denied');
const simulateStage = createSimulateStage({backupDir: () => backups});
const authRole = 'Cognito_notesAuth_Role';
const puts = (sandbox: TestSandbox) => sandbox.calls.filter((call) => call.action === 'iam:PutRolePolicy').length;

async function sandboxPorts(): Promise<{sandbox: TestSandbox; aws: AwsPorts}> {
  const sandbox = sandboxes.track(await startTestSandbox(scenario));
  return {sandbox, aws: createAwsPorts({region: sandbox.clientConfig.region, endpoint: sandbox.endpoint, credentials: sandbox.clientConfig.credentials, maxAttempts: 1})};
}

/** Identity then simulate, as the walk runs them: the facts hold the proposed fix. */
async function deniedFacts(aws: AwsPorts): Promise<WalkFacts> {
  const endpoint = notesEndpoint();
  const identity = await identityStage.run(stageContext(aws, {endpoint}));
  const facts = {endpoint, ...identity.facts};
  const simulated = await simulateStage.run(stageContext(aws, facts));
  expect(simulated.facts.simulate?.proposedFix).toBeDefined();
  return {...facts, ...simulated.facts};
}

describe('a declined confirmation never writes (the App, real stages, real adapters)', () => {
  it('a then N, a then Enter, a then Esc: no PutRolePolicy, no backup; a then y does write', async () => {
    const {sandbox, aws} = await sandboxPorts();
    const stages: StageDefinition[] = [endpointStage, identityStage, simulateStage, logsStage, timeoutsStage];
    const probe = createHttpProbe({endpoint: sandbox.endpoint});
    const makeContext = (walkInput: WalkInput, facts: WalkFacts, signal: AbortSignal): StageContext => ({aws, probe, input: walkInput, facts, signal, now: Date.now});
    const input: WalkInput = {url: scenario.demo.url, method: 'GET', sinceMs: 3_600_000};
    const app = renderInk(<App stages={stages} input={input} makeContext={makeContext} header={{url: input.url, region: scenario.region, account: scenario.accountId, mode: 'aws'}} />, {columns: 100, rows: 40});

    const toSimulate = async () => {
      while (!app.lastFrame().includes('Stage 3 of 5')) {
        const frame = await waitForText(app, /(→|Enter) next/, 8_000);
        await press(app, frame.includes('→ next') ? ARROW_RIGHT : ENTER, 5_000);
      }
      await waitForText(app, 'Press a to apply', 8_000);
    };
    const askThenAnswer = async (answer: string) => {
      await press(app, 'a');
      await waitForText(app, /Write inline policy \S+ of role Cognito_notesAuth_Role\?\s+The current document is saved first\. \[y\/N\]/);
      await press(app, answer, 5_000);
    };

    await waitForText(app, 'Stage 1 of 5', 5_000);
    await toSimulate();
    await askThenAnswer('N');
    expect(await waitForText(app, 'Press a to apply')).not.toContain('[y/N]');
    await askThenAnswer(ENTER);
    expect(await waitForText(app, 'Press a to apply')).toContain('Stage 3 of 5');
    await askThenAnswer(ESCAPE);
    expect(app.lastFrame()).not.toContain('[y/N]');
    expect(puts(sandbox)).toBe(0);
    expect(await readdir(backups)).toEqual([]);

    // The same keys do reach the screen: confirming writes, once.
    await toSimulate();
    await askThenAnswer('y');
    await waitForText(app, 'Wrote inline policy', 8_000);
    expect(puts(sandbox)).toBe(1);
    expect(await readdir(backups)).toHaveLength(1);
  }, 60_000);
});

describe('the saved previous document', () => {
  it('puts back exactly: the backup is the text GetRolePolicy gave, and PutRolePolicy of it brings that text back', async () => {
    const {aws} = await sandboxPorts();
    const target = (await deniedFacts(aws)).simulate!.proposedFix!;
    // A document whose exact bytes matter: odd spacing, key order, non-ASCII, characters URL-encoding touches.
    const original = '{\n\t"Version" :"2012-10-17",\n  "Statement": [ {"Sid":"Ünïcödé+plus%25 & space", "Resource":"*", "Effect":"Allow","Action":"cognito-sync:*"} ]\n}\n';
    await aws.iam.putRolePolicy(authRole, target.policyName, original);
    // The sandbox keeps the document, not its formatting: it answers a canonical text (IAM's
    // own formatting rules are not the question here; the tool's round trip is).
    const before = await aws.iam.getRolePolicy(authRole, target.policyName);
    const facts = await deniedFacts(aws);

    const applied = await simulateStage.actions!['apply-fix']!(stageContext(aws, facts), facts.simulate!.proposedFix);
    expect(applied.findings.map((finding) => finding.id)).toEqual(['policy-fix-applied', 'invoke-allowed']);
    expect(await aws.iam.getRolePolicy(authRole, target.policyName)).not.toBe(before);

    const [file] = await readdir(backups);
    const backup = await readFile(path.join(backups, file!), 'utf8');
    expect(backup).toBe(before);
    await aws.iam.putRolePolicy(authRole, target.policyName, backup);
    const restored = await aws.iam.getRolePolicy(authRole, target.policyName);
    expect(restored).toBe(before);
    expect(JSON.stringify(JSON.parse(restored))).toBe(JSON.stringify(JSON.parse(original)));
  });
});

describe('a concurrent change between the read and the write', () => {
  it('is detected (nothing written over it) and kept when the fix is applied after all', async () => {
    const {sandbox, aws} = await sandboxPorts();
    const facts = await deniedFacts(aws);
    const shown = facts.simulate!.proposedFix!;

    // Someone else adds a statement after the diff was shown.
    const theirs = {Sid: 'OtherWriter', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::notes-bucket/*'};
    const current = JSON.parse(await aws.iam.getRolePolicy(authRole, shown.policyName)) as {Statement: unknown[]};
    await aws.iam.putRolePolicy(authRole, shown.policyName, JSON.stringify({...current, Statement: [...current.Statement, theirs]}));
    const putsBefore = puts(sandbox);

    const refused = await simulateStage.actions!['apply-fix']!(stageContext(aws, facts), shown);
    expect(refused.findings.map((finding) => finding.id)).toEqual(['policy-changed-since-shown', 'invoke-denied']);
    expect(puts(sandbox)).toBe(putsBefore);
    expect(await readdir(backups)).toEqual([]);
    expect(JSON.parse(await aws.iam.getRolePolicy(authRole, shown.policyName)).Statement).toContainEqual(theirs);

    // The new diff, confirmed: their statement is still there next to ours.
    const fresh = refused.facts.simulate!.proposedFix!;
    expect(JSON.parse(fresh.newDocument).Statement).toContainEqual(theirs);
    const applied = await simulateStage.actions!['apply-fix']!(stageContext(aws, {...facts, ...refused.facts}), fresh);
    expect(applied.findings.map((finding) => finding.id)).toEqual(['policy-fix-applied', 'invoke-allowed']);
    const statements = JSON.parse(await aws.iam.getRolePolicy(authRole, shown.policyName)).Statement as Array<{Action: unknown}>;
    expect(statements).toContainEqual(theirs);
    expect(statements.some((statement) => JSON.stringify(statement.Action).includes('execute-api:Invoke'))).toBe(true);
  });
});
