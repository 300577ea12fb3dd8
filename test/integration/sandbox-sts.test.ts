import {GetCallerIdentityCommand, STSClient} from '@aws-sdk/client-sts';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {loadScenario} from '../../src/sandbox/scenarios/index.js';
import {startTestSandbox, type TestSandbox} from '../helpers/sandbox.js';

let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox(loadScenario('healthy'));
});
afterAll(() => sandbox.stop());

describe('sandbox STS over the real SDK', () => {
  it('GetCallerIdentity names the sandbox user of the scenario account', async () => {
    const sts = new STSClient(sandbox.clientConfig);
    const identity = await sts.send(new GetCallerIdentityCommand({}));
    expect(identity.Account).toBe('123456789012');
    expect(identity.Arn).toBe('arn:aws:iam::123456789012:user/sandbox');
    expect(identity.UserId).toMatch(/^AIDA[A-Z2-7]{17}$/);
  });
});
