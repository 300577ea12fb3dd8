import {mkdtemp, readdir, readFile, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import type {EvaluationResult} from '../../aws/ports.js';
import {loadScenario} from '../../sandbox/scenarios/index.js';
import {FakeAws} from '../../../test/helpers/fake-ports.js';
import {notesEndpoint, stageContext} from '../../../test/helpers/stage-context.js';
import type {WalkFacts} from '../stage.js';
import {identityStage} from '../identity/index.js';
import {createSimulateStage} from './index.js';

const authRole = 'Cognito_notesAuth_Role';
const boilerplate = 'oneClick_Cognito_notesAuth_Role_1709052834417';

let backups: string;
beforeEach(async () => {
  backups = await mkdtemp(path.join(tmpdir(), 'apigw-doctor-backups-'));
});
afterEach(async () => {
  await rm(backups, {recursive: true, force: true});
});

/** The facts the endpoint and identity stages hand on, from the fake account. */
async function walkTo(fake: FakeAws): Promise<WalkFacts> {
  const endpoint = notesEndpoint();
  const identity = await identityStage.run(stageContext(fake.ports(), {endpoint}));
  return {endpoint, ...identity.facts};
}

describe('simulate stage', () => {
  const stage = () => createSimulateStage({backupDir: () => backups});

  it('reports invoke-denied naming the role, evaluated offline when SimulatePrincipalPolicy is unsupported (iam-denied)', async () => {
    const fake = new FakeAws(loadScenario('iam-denied'));
    const outcome = await stage().run(stageContext(fake.ports(), await walkTo(fake)));
    const [denied] = outcome.findings;
    expect(denied).toMatchObject({id: 'invoke-denied', severity: 'error', title: `Role ${authRole} may not call execute-api:Invoke on this API`});
    expect(outcome.facts.simulate).toMatchObject({answeredBy: 'offline', decision: 'implicitDeny', roleName: authRole});
    expect(outcome.facts.simulate?.method?.arn).toBe('arn:aws:execute-api:us-east-1:123456789012:a1b2c3d4e5/prod/GET/notes/42');
    expect(outcome.facts.simulate?.apiWide.arn).toBe('arn:aws:execute-api:us-east-1:*:a1b2c3d4e5/*');
    const evidence = Object.fromEntries(denied!.evidence.map((e) => [e.label, e.text]));
    expect(evidence['Answered by']).toMatch(/^offline evaluation .*inline oneClick_Cognito_notesAuth_Role_1709052834417, managed notes-attachments-read.*\(Unsupported/);
    expect(evidence['Deciding statement']).toMatch(/none: no statement matched/);

    const fix = outcome.facts.simulate!.proposedFix!;
    expect(fix.policyName).toBe(boilerplate);
    expect(JSON.parse(fix.newDocument).Statement.at(-1)).toEqual({Effect: 'Allow', Action: ['execute-api:Invoke'], Resource: ['arn:aws:execute-api:us-east-1:*:a1b2c3d4e5/*']});
    expect(fix.diff).toContain(`--- a/${authRole}/${boilerplate}`);
    expect(fix.diff).toMatch(/^\+ {6}"Action": \[\n\+ {8}"execute-api:Invoke"/m);
    expect(denied!.fix).toMatchObject({kind: 'policy', language: 'json', body: fix.newDocument});
    expect(denied!.evidence.find((e) => e.kind === 'diff')?.text).toBe(fix.diff);
  });

  it('reports invoke-allowed with the deciding statement (healthy)', async () => {
    const fake = new FakeAws(loadScenario('healthy'));
    const outcome = await stage().run(stageContext(fake.ports(), await walkTo(fake)));
    expect(outcome.findings[0]).toMatchObject({id: 'invoke-allowed', severity: 'ok'});
    expect(outcome.findings[0]!.detail).toBe(`Allowed by statement InvokeNotesApi of inline policy ${boilerplate}.`);
    expect(outcome.facts.simulate?.proposedFix).toBeUndefined();
  });

  it('uses SimulatePrincipalPolicy when allowed and cuts the statement out at the position IAM gives', async () => {
    const scenario = loadScenario('healthy');
    const fake = new FakeAws(scenario, {
      simulate: (input) =>
        input.resourceArns.map((arn): EvaluationResult => {
          const text = JSON.stringify(scenario.roles.find((r) => r.name === authRole)!.inlinePolicies[boilerplate]);
          const lines = text.split('\n');
          const offset = text.lastIndexOf('{', text.indexOf('"Sid":"InvokeNotesApi"'));
          return {
            evalActionName: 'execute-api:Invoke',
            evalResourceName: arn,
            evalDecision: 'allowed',
            matchedStatements: [{sourcePolicyId: boilerplate, sourcePolicyType: 'role', startLine: lines.length, startColumn: offset + 1}],
            missingContextValues: [],
          };
        }),
    });
    const outcome = await stage().run(stageContext(fake.ports(), await walkTo(fake)));
    expect(outcome.facts.simulate?.answeredBy).toBe('SimulatePrincipalPolicy');
    expect(outcome.facts.simulate?.method?.deciding[0]).toMatchObject({policyName: boilerplate, policyKind: 'inline', statementId: 'InvokeNotesApi', effect: 'Allow'});
  });

  it('falls back to offline evaluation with a permission warning when SimulatePrincipalPolicy is denied', async () => {
    const fake = new FakeAws(loadScenario('iam-denied')).fail('iam', 'simulatePrincipalPolicy', 'AccessDenied');
    const outcome = await stage().run(stageContext(fake.ports(), await walkTo(fake)));
    expect(outcome.findings.map((f) => f.id)).toEqual(['invoke-denied', 'permission-missing']);
    expect(outcome.findings[1]!.title).toBe('Not allowed to call iam:SimulatePrincipalPolicy');
    expect(outcome.facts.simulate?.answeredBy).toBe('offline');
  });

  it('explains an explicit Deny and proposes no automatic fix', async () => {
    const scenario = loadScenario('healthy');
    const deny = {Sid: 'FreezeNotes', Effect: 'Deny', Action: 'execute-api:*', Resource: 'arn:aws:execute-api:*:*:a1b2c3d4e5/prod/*'};
    const roles = scenario.roles.map((r) => (r.name === authRole ? {...r, inlinePolicies: {...r.inlinePolicies, freeze: {Version: '2012-10-17', Statement: [deny]}}} : r));
    const fake = new FakeAws({...scenario, roles});
    const outcome = await stage().run(stageContext(fake.ports(), await walkTo(fake)));
    expect(outcome.findings[0]).toMatchObject({id: 'invoke-denied', title: `An explicit Deny stops role ${authRole} from calling execute-api:Invoke`});
    expect(outcome.findings[0]!.fix).toMatchObject({kind: 'text', summary: expect.stringMatching(/^Remove or narrow statement FreezeNotes of policy freeze/)});
    expect(JSON.parse(outcome.findings[0]!.fix!.body!)).toEqual(deny);
    expect(outcome.facts.simulate?.proposedFix).toBeUndefined();
  });

  it('skips, saying why, when there is no caller role', async () => {
    const fake = new FakeAws(loadScenario('healthy'));
    const outcome = await stage().run(stageContext(fake.ports(), {endpoint: notesEndpoint({authorizationType: 'NONE'}), identity: {authorizationType: 'NONE', candidates: []}}));
    expect(outcome.skippedReason).toMatch(/only for AWS_IAM methods; this one uses NONE/);
  });
});

describe('apply-fix', () => {
  const stage = () => createSimulateStage({backupDir: () => backups});

  async function deniedWalk(fake: FakeAws): Promise<WalkFacts> {
    const facts = await walkTo(fake);
    const simulated = await stage().run(stageContext(fake.ports(), facts));
    return {...facts, ...simulated.facts};
  }

  it('saves the exact old document, writes the fix, and re-simulates to invoke-allowed', async () => {
    const fake = new FakeAws(loadScenario('iam-denied'));
    const facts = await deniedWalk(fake);
    const before = await fake.ports().iam.getRolePolicy(authRole, boilerplate);

    // As the screen does it: the proposal shown is the payload, the walk's facts need not hold it.
    const {simulate, ...earlier} = facts;
    const after = await stage().actions!['apply-fix']!(stageContext(fake.ports(), earlier), simulate!.proposedFix);

    const [file] = await readdir(backups);
    expect(file).toBe(`${authRole}-${boilerplate}-2025-01-02T03-04-05-000Z.json`);
    expect(await readFile(path.join(backups, file!), 'utf8')).toBe(before);
    expect(after.findings.map((f) => f.id)).toEqual(['policy-fix-applied', 'invoke-allowed']);
    expect(after.findings[0]!.evidence[0]).toEqual({kind: 'text', label: 'Backup of the previous document', text: path.join(backups, file!)});
    expect(after.facts.simulate).toMatchObject({decision: 'allowed', appliedFix: {roleName: authRole, policyName: boilerplate, backupPath: path.join(backups, file!)}});
    expect(fake.calls.filter((c) => c.method === 'putRolePolicy')).toHaveLength(1);
  });

  it('refuses when the policy changed since the diff was shown, and shows the new diff', async () => {
    const fake = new FakeAws(loadScenario('iam-denied'));
    const facts = await deniedWalk(fake);
    const concurrent = {Version: '2012-10-17', Statement: [{Effect: 'Allow', Action: 'cognito-sync:*', Resource: '*'}]};
    await fake.ports().iam.putRolePolicy(authRole, boilerplate, JSON.stringify(concurrent));

    const refused = await stage().actions!['apply-fix']!(stageContext(fake.ports(), facts), undefined);

    expect(refused.findings.map((f) => f.id)).toEqual(['policy-changed-since-shown', 'invoke-denied']);
    expect(await readdir(backups)).toEqual([]);
    expect(fake.calls.filter((c) => c.method === 'putRolePolicy')).toHaveLength(1);
    const fresh = refused.facts.simulate!.proposedFix!;
    expect(JSON.parse(fresh.oldDocument!)).toEqual(concurrent);
    expect(JSON.parse(fresh.newDocument).Statement).toHaveLength(2);
    expect(refused.findings[0]!.evidence[0]!.text).toBe(fresh.diff);
  });

  it('creates a new inline policy when the role has none, with nothing to back up', async () => {
    const scenario = loadScenario('iam-denied');
    const fake = new FakeAws({...scenario, roles: scenario.roles.map((r) => (r.name === authRole ? {...r, inlinePolicies: {}} : r))});
    const facts = await deniedWalk(fake);
    expect(facts.simulate?.proposedFix).toMatchObject({policyName: 'apigw-doctor-invoke-a1b2c3d4e5', oldDocument: undefined});
    expect(facts.simulate?.proposedFix?.diff).toMatch(/^--- \/dev\/null\n\+\+\+ b\/Cognito_notesAuth_Role\/apigw-doctor-invoke-a1b2c3d4e5\n@@ -0,0 \+1,14 @@\n\+\{\n/);
    const after = await stage().actions!['apply-fix']!(stageContext(fake.ports(), facts), undefined);
    expect(after.findings.map((f) => f.id)).toEqual(['policy-fix-applied', 'invoke-allowed']);
    expect(after.findings[0]!.detail).toMatch(/new inline policy, so there was no previous document/);
    expect(await readdir(backups)).toEqual([]);
  });
});
