// The identity and simulate stages against the sandbox's iam-denied account over real HTTP
// (real SDK clients, signing and error parsing): the pool and role are found without being
// told, IAM's own simulation says invoke-denied, the confirmed fix is written after a
// backup, and IAM then says invoke-allowed. Then the same with SimulatePrincipalPolicy and
// GetIdentityPoolRoles unavailable, as on moto, so both fallbacks run over the wire.
import {mkdtemp, readdir, readFile, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {createAwsPorts} from '../../src/aws/index.js';
import {identityStage} from '../../src/checks/identity/index.js';
import {createSimulateStage} from '../../src/checks/simulate/index.js';
import type {WalkFacts} from '../../src/checks/stage.js';
import {loadScenario} from '../../src/sandbox/scenarios/index.js';
import {notesEndpoint, stageContext} from '../helpers/stage-context.js';
import {sandboxStopper, startTestSandbox, type TestSandbox} from '../helpers/sandbox.js';

const sandboxes = sandboxStopper();
let backups: string;
beforeEach(async () => {
  backups = await mkdtemp(path.join(tmpdir(), 'apigw-doctor-it-backups-'));
});
afterEach(async () => {
  await sandboxes.stopAll();
  await rm(backups, {recursive: true, force: true});
});

function portsFor(sandbox: TestSandbox) {
  return createAwsPorts({region: sandbox.clientConfig.region, endpoint: sandbox.endpoint, credentials: sandbox.clientConfig.credentials, maxAttempts: 1});
}

describe('identity + simulate against the sandbox (iam-denied)', () => {
  const simulateStage = createSimulateStage({backupDir: () => backups});

  it('finds the role, reports invoke-denied from IAM, applies the confirmed fix after a backup, and re-simulates to invoke-allowed', async () => {
    const sandbox = sandboxes.track(await startTestSandbox(loadScenario('iam-denied')));
    const aws = portsFor(sandbox);
    const endpoint = notesEndpoint();
    const identity = await identityStage.run(stageContext(aws, {endpoint}));
    expect(identity.facts.identity).toMatchObject({choice: 'best-match', rolesFoundBy: 'GetIdentityPoolRoles', authenticatedRole: {name: 'Cognito_notesAuth_Role'}});

    let facts: WalkFacts = {endpoint, ...identity.facts};
    const simulated = await simulateStage.run(stageContext(aws, facts));
    expect(simulated.findings[0]).toMatchObject({id: 'invoke-denied', title: 'Role Cognito_notesAuth_Role may not call execute-api:Invoke on this API'});
    expect(simulated.facts.simulate?.answeredBy).toBe('SimulatePrincipalPolicy');
    const fix = simulated.facts.simulate!.proposedFix!;
    const before = await aws.iam.getRolePolicy('Cognito_notesAuth_Role', fix.policyName);

    facts = {...facts, ...simulated.facts};
    const applied = await simulateStage.actions!['apply-fix']!(stageContext(aws, facts), undefined);
    expect(applied.findings.map((f) => f.id)).toEqual(['policy-fix-applied', 'invoke-allowed']);
    expect(applied.facts.simulate?.answeredBy).toBe('SimulatePrincipalPolicy');
    expect(applied.facts.simulate?.method?.deciding[0]).toMatchObject({policyName: fix.policyName, effect: 'Allow'});
    const [file] = await readdir(backups);
    expect(await readFile(path.join(backups, file!), 'utf8')).toBe(before);
    expect(applied.facts.simulate?.appliedFix?.backupPath).toBe(path.join(backups, file!));
  });

  it('reaches the same verdict through both fallbacks when SimulatePrincipalPolicy and GetIdentityPoolRoles are unsupported', async () => {
    const sandbox = sandboxes.track(
      await startTestSandbox(loadScenario('iam-denied'), {
        faults: [
          {action: 'iam:SimulatePrincipalPolicy', kind: 'unsupported'},
          {action: 'cognito-identity:GetIdentityPoolRoles', kind: 'unsupported'},
        ],
      }),
    );
    const aws = portsFor(sandbox);
    const endpoint = notesEndpoint();
    const identity = await identityStage.run(stageContext(aws, {endpoint}));
    expect(identity.facts.identity).toMatchObject({rolesFoundBy: 'trust-policy', authenticatedRole: {name: 'Cognito_notesAuth_Role'}});
    let facts: WalkFacts = {endpoint, ...identity.facts};
    const simulated = await simulateStage.run(stageContext(aws, facts));
    expect(simulated.findings[0]?.id).toBe('invoke-denied');
    expect(simulated.facts.simulate?.answeredBy).toBe('offline');

    facts = {...facts, ...simulated.facts};
    const applied = await simulateStage.actions!['apply-fix']!(stageContext(aws, facts), undefined);
    expect(applied.findings.map((f) => f.id)).toEqual(['policy-fix-applied', 'invoke-allowed']);
    expect(applied.facts.simulate?.answeredBy).toBe('offline');
  });
});
