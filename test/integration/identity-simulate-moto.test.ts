// The endpoint → identity → simulate walk against moto seeded with the same presets. moto
// offers neither GetIdentityPoolRoles nor SimulatePrincipalPolicy (HTTP 500, mapped to
// Unsupported), so this proves both fallbacks on a backend we did not write: the role found
// through trust policies, the verdict from the offline evaluation — the same verdicts as
// with the sandbox — and the fix written with PutRolePolicy, then allowed.
import {mkdtemp, readdir, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, afterEach, beforeAll, beforeEach, expect, it} from 'vitest';
import {createAwsPorts, createHttpProbe} from '../../src/aws/index.js';
import {endpointStage} from '../../src/checks/endpoint/index.js';
import {identityStage} from '../../src/checks/identity/index.js';
import {createSimulateStage} from '../../src/checks/simulate/index.js';
import type {StageContext, StageOutcome, WalkFacts} from '../../src/checks/stage.js';
import {seedMoto} from '../../src/sandbox/moto-seeder.js';
import {loadScenario} from '../../src/sandbox/scenarios/index.js';
import {describeWithMoto, startMoto, testClientConfig, type MotoServer} from '../helpers/moto.js';

describeWithMoto('identity + simulate against moto', () => {
  let moto: MotoServer;
  let backups: string;
  beforeAll(async () => {
    moto = await startMoto();
  }, 60_000);
  afterAll(() => moto?.stop());
  beforeEach(async () => {
    backups = await mkdtemp(path.join(tmpdir(), 'apigw-doctor-moto-backups-'));
  });
  afterEach(() => rm(backups, {recursive: true, force: true}));

  const simulateStage = createSimulateStage({backupDir: () => backups});

  async function walk(name: string): Promise<{context: (facts: WalkFacts) => StageContext; facts: WalkFacts; identity: StageOutcome; simulate: StageOutcome}> {
    await moto.reset();
    const scenario = loadScenario(name);
    await seedMoto(scenario, testClientConfig(moto.endpoint, scenario.region));
    const aws = createAwsPorts(testClientConfig(moto.endpoint, scenario.region));
    const probe = createHttpProbe({endpoint: moto.endpoint, timeoutMs: 5_000});
    const context = (facts: WalkFacts): StageContext => ({aws, probe, input: {url: scenario.demo.url, method: scenario.demo.method, sinceMs: 3_600_000}, facts, signal: new AbortController().signal, now: Date.now});
    let facts: WalkFacts = (await endpointStage.run(context({}))).facts;
    const identity = await identityStage.run(context(facts));
    facts = {...facts, ...identity.facts};
    const simulate = await simulateStage.run(context(facts));
    return {context, facts: {...facts, ...simulate.facts}, identity, simulate};
  }

  it('iam-denied: the role through trust policies, invoke-denied offline, then the fix to invoke-allowed', async () => {
    const {context, facts, identity, simulate} = await walk('iam-denied');
    expect(identity.facts.identity).toMatchObject({choice: 'best-match', rolesFoundBy: 'trust-policy', authenticatedRole: {name: 'Cognito_notesAuth_Role'}});
    expect(simulate.findings[0]?.id).toBe('invoke-denied');
    expect(simulate.facts.simulate).toMatchObject({answeredBy: 'offline', decision: 'implicitDeny'});
    expect(simulate.facts.simulate?.proposedFix?.policyName).toMatch(/^oneClick_Cognito_notesAuth_Role_/);

    const applied = await simulateStage.actions!['apply-fix']!(context(facts), undefined);
    expect(applied.findings.map((f) => f.id)).toEqual(['policy-fix-applied', 'invoke-allowed']);
    expect(await readdir(backups)).toHaveLength(1);
  });

  it('healthy: invoke-allowed offline, naming the statement', async () => {
    const {simulate} = await walk('healthy');
    expect(simulate.findings[0]?.id).toBe('invoke-allowed');
    expect(simulate.facts.simulate?.method?.deciding[0]).toMatchObject({statementId: 'InvokeNotesApi', policyKind: 'inline'});
  });
});
