import {CognitoIdentityClient, DescribeIdentityPoolCommand, GetIdentityPoolRolesCommand, ListIdentityPoolsCommand, paginateListIdentityPools} from '@aws-sdk/client-cognito-identity';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {Scenario} from '../../src/sandbox/scenario.js';
import {loadScenario} from '../../src/sandbox/scenarios/index.js';
import {startTestSandbox, type TestSandbox} from '../helpers/sandbox.js';

let sandbox: TestSandbox;
let scenario: Scenario;
const client = (region: string) => new CognitoIdentityClient({...sandbox.clientConfig, region});

beforeAll(async () => {
  const base = loadScenario('healthy');
  const [first] = base.identityPools;
  scenario = {...base, identityPools: [...base.identityPools, {...first!, id: `${base.region}:11111111-2222-3333-4444-555555555555`, name: 'mapped_pool', roleMappings: {'graph.facebook.com': {type: 'Token', ambiguousRoleResolution: 'Deny'}}}]};
  sandbox = await startTestSandbox(scenario);
});
afterAll(() => sandbox.stop());

describe('sandbox Cognito Identity over the real SDK', () => {
  it('lists the region\'s pools page by page (MaxResults/NextToken)', async () => {
    const first = await client(scenario.region).send(new ListIdentityPoolsCommand({MaxResults: 1}));
    expect(first.IdentityPools).toHaveLength(1);
    expect(first.NextToken).toBeDefined();
    const ids: string[] = [];
    for await (const page of paginateListIdentityPools({client: client(scenario.region), pageSize: 2}, {MaxResults: 2})) ids.push(...(page.IdentityPools ?? []).map((pool) => pool.IdentityPoolId!));
    expect(ids).toEqual(scenario.identityPools.map((pool) => pool.id));
    const elsewhere = await client('eu-west-3').send(new ListIdentityPoolsCommand({MaxResults: 60}));
    expect(elsewhere.IdentityPools).toEqual([]);
  });

  it('requires MaxResults between 1 and 60', async () => {
    const missing = await client(scenario.region).send(new ListIdentityPoolsCommand({} as never)).catch((e: Error) => e);
    expect(missing).toMatchObject({name: 'InvalidParameterException'});
    const tooMany = await client(scenario.region).send(new ListIdentityPoolsCommand({MaxResults: 61})).catch((e: Error) => e);
    expect(tooMany).toMatchObject({name: 'InvalidParameterException'});
  });

  it('describes a pool and its providers', async () => {
    const seed = scenario.identityPools[0]!;
    const pool = await client(scenario.region).send(new DescribeIdentityPoolCommand({IdentityPoolId: seed.id}));
    expect(pool).toMatchObject({IdentityPoolId: seed.id, IdentityPoolName: seed.name, AllowUnauthenticatedIdentities: seed.allowUnauthenticatedIdentities});
    expect(pool.CognitoIdentityProviders?.[0]).toMatchObject({ProviderName: seed.cognitoIdentityProviders![0]!.providerName, ClientId: seed.cognitoIdentityProviders![0]!.clientId});
  });

  it('returns the pool roles and role mappings', async () => {
    const seed = scenario.identityPools[0]!;
    const roles = await client(scenario.region).send(new GetIdentityPoolRolesCommand({IdentityPoolId: seed.id}));
    expect(roles.Roles).toEqual({authenticated: seed.authenticatedRoleArn, unauthenticated: seed.unauthenticatedRoleArn});
    expect(roles.RoleMappings).toBeUndefined();
    const mapped = await client(scenario.region).send(new GetIdentityPoolRolesCommand({IdentityPoolId: scenario.identityPools.at(-1)!.id}));
    expect(mapped.RoleMappings).toEqual({'graph.facebook.com': {Type: 'Token', AmbiguousRoleResolution: 'Deny'}});
  });

  it('answers ResourceNotFoundException for an unknown pool or the wrong region', async () => {
    const unknown = await client(scenario.region).send(new DescribeIdentityPoolCommand({IdentityPoolId: `${scenario.region}:00000000-0000-0000-0000-000000000000`})).catch((e: Error) => e);
    expect(unknown).toMatchObject({name: 'ResourceNotFoundException'});
    const wrongRegion = await client('eu-west-3').send(new GetIdentityPoolRolesCommand({IdentityPoolId: scenario.identityPools[0]!.id})).catch((e: Error) => e);
    expect(wrongRegion).toMatchObject({name: 'ResourceNotFoundException'});
  });
});
