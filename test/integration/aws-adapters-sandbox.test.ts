// The adapters against the sandbox's healthy account: what the checks will read comes back
// as the port types say, with the values the scenario seeded.
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {createAwsPorts} from '../../src/aws/index.js';
import type {AwsPorts} from '../../src/aws/ports.js';
import {loadScenario} from '../../src/sandbox/scenarios/index.js';
import type {Scenario} from '../../src/sandbox/scenario.js';
import {startTestSandbox, type TestSandbox} from '../helpers/sandbox.js';

let scenario: Scenario;
let sandbox: TestSandbox;
let ports: AwsPorts;

beforeAll(async () => {
  scenario = loadScenario('healthy');
  sandbox = await startTestSandbox(scenario);
  ports = createAwsPorts(sandbox.clientConfig);
});
afterAll(() => sandbox.stop());

describe('adapters over the sandbox (healthy)', () => {
  it('STS says which account the credentials belong to', async () => {
    expect((await ports.sts.getCallerIdentity()).account).toBe(scenario.accountId);
  });

  it('API Gateway v1: the REST API, its stage settings, resources with methods, authorizers', async () => {
    const seed = scenario.restApis[0]!;
    const [api, listed, stages, resources] = await Promise.all([
      ports.apigw.getRestApi(seed.id),
      ports.apigw.listRestApis(),
      ports.apigw.listStages(seed.id),
      ports.apigw.listResources(seed.id),
    ]);
    expect(api).toMatchObject({id: seed.id, name: seed.name, disableExecuteApiEndpoint: false});
    expect(api.createdDate?.toISOString()).toBe(seed.createdDate);
    expect(listed.map((item) => item.id)).toContain(seed.id);
    expect(stages.map((stage) => stage.stageName).sort()).toEqual(seed.stages.map((stage) => stage.stageName).sort());
    const stageSeed = seed.stages[0]!;
    const stage = await ports.apigw.getStage(seed.id, stageSeed.stageName);
    expect(stage.methodSettings).toMatchObject(stageSeed.methodSettings);
    expect(resources.map((resource) => resource.path).sort()).toEqual(seed.resources.map((resource) => resource.path).sort());
    const withMethod = seed.resources.find((resource) => Object.keys(resource.methods).length > 0)!;
    const [verb, methodSeed] = Object.entries(withMethod.methods)[0]!;
    const resource = resources.find((item) => item.id === withMethod.id)!;
    expect(resource.methods[verb]).toMatchObject({httpMethod: verb, authorizationType: methodSeed.authorizationType});
    await expect(ports.apigw.getMethod(seed.id, withMethod.id, verb)).resolves.toMatchObject({authorizationType: methodSeed.authorizationType});
    await expect(ports.apigw.getIntegration(seed.id, withMethod.id, verb)).resolves.toMatchObject({type: methodSeed.integration?.type, uri: methodSeed.integration?.uri});
    expect(await ports.apigw.listAuthorizers(seed.id)).toHaveLength(seed.authorizers?.length ?? 0);
    await expect(ports.apigw.getAccount()).resolves.toEqual({cloudwatchRoleArn: scenario.apiGatewayAccounts[scenario.region]?.cloudwatchRoleArn});
  });

  it('API Gateway: custom domains and their mappings', async () => {
    const domain = scenario.domainNames[0]!;
    expect((await ports.apigw.listDomainNames()).map((item) => item.domainName)).toContain(domain.domainName);
    const mappings = await ports.apigw.listBasePathMappings(domain.domainName);
    expect(mappings).toEqual(expect.arrayContaining(domain.mappings.map((mapping) => expect.objectContaining({apiId: mapping.apiId, stage: mapping.stage}))));
  });

  it('API Gateway v2: the HTTP API, routes, integrations, stages', async () => {
    const seed = scenario.httpApis[0]!;
    const [api, routes, integrations, stages] = await Promise.all([
      ports.apigwv2.getApi(seed.id),
      ports.apigwv2.listRoutes(seed.id),
      ports.apigwv2.listIntegrations(seed.id),
      ports.apigwv2.listStages(seed.id),
    ]);
    expect(api).toMatchObject({apiId: seed.id, name: seed.name, protocolType: 'HTTP'});
    expect(routes.map((route) => route.routeKey).sort()).toEqual(seed.routes.map((route) => route.routeKey).sort());
    expect(integrations.map((integration) => integration.integrationUri)).toEqual(seed.integrations.map((integration) => integration.integrationUri));
    expect(stages.map((stage) => stage.stageName)).toEqual(seed.stages.map((stage) => stage.stageName));
    const integration = seed.integrations[0]!;
    await expect(ports.apigwv2.getIntegration(seed.id, integration.integrationId)).resolves.toMatchObject({payloadFormatVersion: integration.payloadFormatVersion});
  });

  it('Lambda: configuration, code location, resource policy', async () => {
    const seed = scenario.functions[0]!;
    const fn = await ports.lambda.getFunctionConfiguration(seed.name);
    expect(fn).toMatchObject({functionName: seed.name, timeout: seed.timeout, memorySize: seed.memorySize, logGroup: seed.logGroup ?? `/aws/lambda/${seed.name}`});
    expect((await ports.lambda.getFunction(seed.name)).codeLocation).toMatch(/^https?:\/\//);
    const policy = await ports.lambda.getPolicy(seed.name);
    expect(JSON.parse(policy ?? '{}')).toMatchObject({Statement: seed.resourcePolicy?.Statement});
    await expect(ports.lambda.getFunctionConfiguration('no-such-function')).rejects.toMatchObject({kind: 'NotFound'});
  });

  it('IAM: roles, decoded inline policy documents, attached policies', async () => {
    const role = scenario.roles.find((item) => Object.keys(item.inlinePolicies).length > 0)!;
    const fetched = await ports.iam.getRole(role.name);
    expect(JSON.parse(fetched.assumeRolePolicyDocument ?? '')).toEqual(role.assumeRolePolicy);
    const names = await ports.iam.listRolePolicies(role.name);
    expect(names.sort()).toEqual(Object.keys(role.inlinePolicies).sort());
    expect(JSON.parse(await ports.iam.getRolePolicy(role.name, names[0]!))).toEqual(role.inlinePolicies[names[0]!]);
    expect((await ports.iam.listAttachedRolePolicies(role.name)).map((policy) => policy.policyArn).sort()).toEqual([...role.attachedPolicyArns].sort());
    expect((await ports.iam.listRoles()).map((item) => item.roleName)).toEqual(expect.arrayContaining(scenario.roles.map((item) => item.name)));
  });

  it('Cognito Identity: pools, a pool, its roles', async () => {
    const pool = scenario.identityPools[0]!;
    expect((await ports.cognito.listIdentityPools()).map((item) => item.identityPoolId)).toEqual(expect.arrayContaining(scenario.identityPools.map((item) => item.id)));
    await expect(ports.cognito.describeIdentityPool(pool.id)).resolves.toMatchObject({identityPoolName: pool.name, allowUnauthenticatedIdentities: pool.allowUnauthenticatedIdentities});
    await expect(ports.cognito.getIdentityPoolRoles(pool.id)).resolves.toMatchObject({authenticatedRoleArn: pool.authenticatedRoleArn});
  });
});
