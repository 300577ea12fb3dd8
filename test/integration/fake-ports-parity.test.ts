// test/helpers/fake-ports.ts stands in for the real adapters in check tests; this keeps it
// honest: for the same scenario, the fake and the adapters over the sandbox give the same data.
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {createAwsPorts} from '../../src/aws/index.js';
import type {AwsPorts} from '../../src/aws/ports.js';
import {loadScenario} from '../../src/sandbox/scenarios/index.js';
import {FakeAws} from '../helpers/fake-ports.js';
import {startTestSandbox, type TestSandbox} from '../helpers/sandbox.js';

const scenario = loadScenario('healthy');
let sandbox: TestSandbox;
let real: AwsPorts;
const fake = new FakeAws(scenario).ports();

beforeAll(async () => {
  sandbox = await startTestSandbox(scenario);
  real = createAwsPorts(sandbox.clientConfig);
});
afterAll(() => sandbox.stop());

/** Plain data with undefined fields dropped and lists in a stable order. */
const plain = (value: unknown): unknown => JSON.parse(JSON.stringify(value, (_, item: unknown) => (Array.isArray(item) ? [...item].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))) : item)));

const rest = 'a1b2c3d4e5';
const http = 'h7k2m9p4q1';
const reads: Record<string, (ports: AwsPorts) => Promise<unknown>> = {
  'apigw.getRestApi': (ports) => ports.apigw.getRestApi(rest),
  'apigw.listStages': (ports) => ports.apigw.listStages(rest),
  'apigw.listResources': (ports) => ports.apigw.listResources(rest),
  'apigw.listDomainNames': (ports) => ports.apigw.listDomainNames(),
  'apigw.listBasePathMappings': (ports) => ports.apigw.listBasePathMappings('api.notes.example.com'),
  'apigwv2.getApi': (ports) => ports.apigwv2.getApi(http),
  'apigwv2.listStages': (ports) => ports.apigwv2.listStages(http),
  'apigwv2.listRoutes': (ports) => ports.apigwv2.listRoutes(http),
  'apigwv2.listIntegrations': (ports) => ports.apigwv2.listIntegrations(http),
  'apigwv2.listApiMappings': (ports) => ports.apigwv2.listApiMappings('api.notes.example.com'),
  'lambda.getFunctionConfiguration': (ports) => ports.lambda.getFunctionConfiguration('notes-api'),
  'lambda.getPolicy': async (ports) => JSON.parse((await ports.lambda.getPolicy('notes-api')) ?? 'null'),
  'iam.listRoles': async (ports) => (await ports.iam.listRoles()).map((role) => ({...role, assumeRolePolicyDocument: JSON.parse(role.assumeRolePolicyDocument ?? 'null')})),
  'iam.listRolePolicies': (ports) => ports.iam.listRolePolicies('Cognito_notesAuth_Role'),
  'iam.listAttachedRolePolicies': (ports) => ports.iam.listAttachedRolePolicies('Cognito_notesAuth_Role'),
  'sts.getCallerIdentity': async (ports) => (await ports.sts.getCallerIdentity()).account,
};

describe('fake ports agree with the adapters over the sandbox', () => {
  it.each(Object.keys(reads))('%s', async (name) => {
    const read = reads[name]!;
    expect(plain(await read(fake))).toEqual(plain(await read(real)));
  });

  it.each([
    ['apigw.getRestApi', (ports: AwsPorts) => ports.apigw.getRestApi('zzzzzzzzzz')],
    ['apigwv2.getApi', (ports: AwsPorts) => ports.apigwv2.getApi('zzzzzzzzzz')],
    ['lambda.getFunctionConfiguration', (ports: AwsPorts) => ports.lambda.getFunctionConfiguration('nope')],
  ])('%s of something absent: NotFound from both', async (_, read) => {
    await expect(read(fake)).rejects.toMatchObject({kind: 'NotFound'});
    await expect(read(real)).rejects.toMatchObject({kind: 'NotFound'});
  });
});
