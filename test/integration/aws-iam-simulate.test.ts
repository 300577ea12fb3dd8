// The IAM adapter's SimulatePrincipalPolicy over the sandbox: with explicit resource ARNs IAM
// reports what a condition lacked under ResourceSpecificResults, and the adapter must still
// surface it (the simulate stage names the missing context key from it).
import {afterAll, beforeAll, expect, it} from 'vitest';
import {createAwsPorts} from '../../src/aws/index.js';
import type {AwsPorts} from '../../src/aws/ports.js';
import {loadScenario} from '../../src/sandbox/scenarios/index.js';
import type {Scenario} from '../../src/sandbox/scenario.js';
import {startTestSandbox, type TestSandbox} from '../helpers/sandbox.js';

const roleName = 'ip-bound-caller';
const resourceArn = 'arn:aws:execute-api:us-east-1:123456789012:a1b2c3d4e5/prod/GET/notes';
let sandbox: TestSandbox;
let ports: AwsPorts;

beforeAll(async () => {
  const healthy = loadScenario('healthy');
  const scenario: Scenario = {
    ...healthy,
    roles: [
      ...healthy.roles,
      {
        name: roleName,
        assumeRolePolicy: {Version: '2012-10-17', Statement: [{Effect: 'Allow', Principal: {Service: 'lambda.amazonaws.com'}, Action: 'sts:AssumeRole'}]},
        inlinePolicies: {
          office: {
            Version: '2012-10-17',
            Statement: [{Effect: 'Allow', Action: 'execute-api:Invoke', Resource: 'arn:aws:execute-api:*:*:a1b2c3d4e5/*', Condition: {IpAddress: {'aws:SourceIp': '203.0.113.0/24'}}}],
          },
        },
        attachedPolicyArns: [],
      },
    ],
  };
  sandbox = await startTestSandbox(scenario);
  ports = createAwsPorts(sandbox.clientConfig);
});
afterAll(() => sandbox.stop());

it('reports the context key a condition needs when simulating an explicit resource ARN', async () => {
  const [result] = await ports.iam.simulatePrincipalPolicy({
    policySourceArn: `arn:aws:iam::123456789012:role/${roleName}`,
    actionNames: ['execute-api:Invoke'],
    resourceArns: [resourceArn],
  });
  expect(result?.evalDecision).toBe('implicitDeny');
  expect(result?.missingContextValues).toContain('aws:SourceIp');
});

it('names the statement that allowed once the context is given', async () => {
  const [result] = await ports.iam.simulatePrincipalPolicy({
    policySourceArn: `arn:aws:iam::123456789012:role/${roleName}`,
    actionNames: ['execute-api:Invoke'],
    resourceArns: [resourceArn],
    contextEntries: [{key: 'aws:SourceIp', values: ['203.0.113.7'], type: 'ip'}],
  });
  expect(result?.evalDecision).toBe('allowed');
  expect(result?.matchedStatements[0]?.sourcePolicyId).toBe('office');
});
