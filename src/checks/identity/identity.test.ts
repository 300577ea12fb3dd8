import {describe, expect, it} from 'vitest';
import {loadScenario} from '../../sandbox/scenarios/index.js';
import {FakeAws} from '../../../test/helpers/fake-ports.js';
import {notesEndpoint, stageContext} from '../../../test/helpers/stage-context.js';
import {identityStage} from './index.js';

const notesPool = 'us-east-1:';
const ids = (findings: readonly {id: string}[]) => findings.map((f) => f.id);

describe('identity stage', () => {
  it('finds the notes pool among two and its authenticated role without being told (iam-denied)', async () => {
    const fake = new FakeAws(loadScenario('iam-denied'));
    const outcome = await identityStage.run(stageContext(fake.ports(), {endpoint: notesEndpoint()}));
    const identity = outcome.facts.identity!;
    expect(identity.candidates.map((c) => c.identityPoolName)).toEqual(['notes_identity_pool', 'inventory_identity_pool']);
    expect(identity.choice).toBe('best-match');
    expect(identity.choiceReason).toMatch(/notes_identity_pool is the best match of 2 pools: .*trusts this pool.*shares "notes"/);
    expect(identity.authenticatedRole?.name).toBe('Cognito_notesAuth_Role');
    expect(identity.unauthenticatedRoleArn).toMatch(/role\/Cognito_notesUnauth_Role$/);
    expect(identity.rolesFoundBy).toBe('GetIdentityPoolRoles');
    expect(ids(outcome.findings)).toEqual(['caller-role-found']);
  });

  it('ranks first the pool whose role policies mention the API (healthy)', async () => {
    const fake = new FakeAws(loadScenario('healthy'));
    const outcome = await identityStage.run(stageContext(fake.ports(), {endpoint: notesEndpoint()}));
    const [best, other] = outcome.facts.identity!.candidates;
    expect(best).toMatchObject({identityPoolName: 'notes_identity_pool', policiesMentionApi: true, trustNamesPool: true});
    expect(other).toMatchObject({identityPoolName: 'inventory_identity_pool', policiesMentionApi: false});
  });

  it('says when the pools cannot be told apart and lets the user pick one (pick-pool)', async () => {
    const scenario = loadScenario('iam-denied');
    // Rename the notes pool so no name hint is left: both pools now rank the same.
    const fake = new FakeAws({...scenario, identityPools: scenario.identityPools.map((p) => (p.name === 'notes_identity_pool' ? {...p, name: 'mobile_pool'} : p))});
    const ctx = stageContext(fake.ports(), {endpoint: notesEndpoint()});
    const outcome = await identityStage.run(ctx);
    expect(outcome.facts.identity?.choice).toBe('ambiguous');
    expect(outcome.facts.identity?.authenticatedRole).toBeUndefined();
    expect(ids(outcome.findings)).toEqual(['identity-pool-ambiguous']);

    const mobile = outcome.facts.identity!.candidates.find((c) => c.identityPoolName === 'mobile_pool')!;
    const picked = await identityStage.actions!['pick-pool']!(ctx, {identityPoolId: mobile.identityPoolId});
    expect(picked.facts.identity).toMatchObject({choice: 'picked', authenticatedRole: {name: 'Cognito_notesAuth_Role'}});
  });

  it('finds the role through trust policies when GetIdentityPoolRoles is unsupported, and says so', async () => {
    const fake = new FakeAws(loadScenario('iam-denied')).fail('cognito', 'getIdentityPoolRoles', 'Unsupported');
    const outcome = await identityStage.run(stageContext(fake.ports(), {endpoint: notesEndpoint()}));
    const identity = outcome.facts.identity!;
    expect(identity.rolesFoundBy).toBe('trust-policy');
    expect(identity.authenticatedRole?.name).toBe('Cognito_notesAuth_Role');
    expect(identity.unauthenticatedRoleArn).toMatch(/Cognito_notesUnauth_Role$/);
    const how = outcome.findings[0]!.evidence.find((e) => e.label === 'Roles found by')!;
    expect(how.text).toMatch(/trust policy names us-east-1:.*cognito-identity.amazonaws.com:aud.*GetIdentityPoolRoles was not available \(Unsupported/);
    // One GetIdentityPoolRoles failure is enough: the other pool is not asked again.
    expect(fake.calls.filter((c) => c.method === 'getIdentityPoolRoles')).toHaveLength(1);
    expect(fake.calls.filter((c) => c.method === 'listRoles')).toHaveLength(1);
  });

  it('warns with the missing permission when GetIdentityPoolRoles is denied and still carries on', async () => {
    const fake = new FakeAws(loadScenario('iam-denied')).fail('cognito', 'getIdentityPoolRoles', 'AccessDenied');
    const outcome = await identityStage.run(stageContext(fake.ports(), {endpoint: notesEndpoint()}));
    expect(ids(outcome.findings)).toEqual(['permission-missing', 'caller-role-found']);
    expect(outcome.findings[0]!.title).toBe('Not allowed to call cognito-identity:GetIdentityPoolRoles');
    expect(outcome.facts.identity?.authenticatedRole?.name).toBe('Cognito_notesAuth_Role');
  });

  it('uses --identity-pool when given, and reports a pool that does not exist', async () => {
    const fake = new FakeAws(loadScenario('iam-denied'));
    const poolId = fake.state.scenario.identityPools[0]!.id;
    const given = await identityStage.run(stageContext(fake.ports(), {endpoint: notesEndpoint()}, {identityPoolId: poolId}));
    expect(given.facts.identity).toMatchObject({choice: 'given', candidates: [], authenticatedRole: {name: 'Cognito_notesAuth_Role'}});
    expect(fake.calls.some((c) => c.method === 'listIdentityPools')).toBe(false);

    const missing = await identityStage.run(stageContext(fake.ports(), {endpoint: notesEndpoint()}, {identityPoolId: `${notesPool}00000000-0000-0000-0000-000000000000`}));
    expect(missing.findings[0]).toMatchObject({id: 'identity-pool-not-found', severity: 'error'});
    expect(missing.findings[0]!.evidence[0]!.text).toMatch(/DescribeIdentityPool us-east-1:0000/);
  });

  it('reports role-not-found with what was searched when no role trusts the pool', async () => {
    const scenario = loadScenario('iam-denied');
    const fake = new FakeAws({...scenario, roles: scenario.roles.filter((r) => !r.name.startsWith('Cognito_notes'))}).fail('cognito', 'getIdentityPoolRoles', 'Unsupported');
    const poolId = scenario.identityPools[0]!.id;
    const outcome = await identityStage.run(stageContext(fake.ports(), {endpoint: notesEndpoint()}, {identityPoolId: poolId}));
    expect(outcome.findings[0]).toMatchObject({id: 'role-not-found', severity: 'error'});
    expect(outcome.findings[0]!.evidence.map((e) => e.label)).toEqual(['Identity pool', 'Searched']);
  });

  it('warns about role mappings that may hand out another role', async () => {
    const scenario = loadScenario('iam-denied');
    const pools = scenario.identityPools.map((p, i) => (i === 0 ? {...p, roleMappings: {'cognito-idp.us-east-1.amazonaws.com/us-east-1_Xk3L9pQ2m:client': {type: 'Rules' as const, ambiguousRoleResolution: 'AuthenticatedRole' as const}}} : p));
    const fake = new FakeAws({...scenario, identityPools: pools});
    const outcome = await identityStage.run(stageContext(fake.ports(), {endpoint: notesEndpoint()}, {identityPoolId: pools[0]!.id}));
    expect(ids(outcome.findings)).toEqual(['caller-role-found', 'role-mappings-present']);
    expect(outcome.findings[1]!.evidence[0]!.text).toMatch(/Rules, when ambiguous: AuthenticatedRole/);
  });

  it('says what it cannot check when the method does not use AWS_IAM', async () => {
    const fake = new FakeAws(loadScenario('healthy'));
    const outcome = await identityStage.run(stageContext(fake.ports(), {endpoint: notesEndpoint({authorizationType: 'COGNITO_USER_POOLS'})}));
    expect(outcome.findings).toHaveLength(1);
    expect(outcome.findings[0]).toMatchObject({id: 'no-iam-auth', severity: 'info'});
    expect(outcome.findings[0]!.detail).toMatch(/Check the token instead/);
    expect(fake.calls).toHaveLength(0);
  });

  it('lets credential and network failures end the run', async () => {
    const fake = new FakeAws(loadScenario('healthy')).fail('cognito', 'listIdentityPools', 'Network');
    await expect(identityStage.run(stageContext(fake.ports(), {endpoint: notesEndpoint()}))).rejects.toMatchObject({kind: 'Network'});
  });
});
