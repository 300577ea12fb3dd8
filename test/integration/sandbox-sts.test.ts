import {GetCallerIdentityCommand, STSClient} from '@aws-sdk/client-sts';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {loadScenario} from '../../src/sandbox/scenarios/index.js';
import {startSandbox, type RunningSandbox} from '../../src/sandbox/server.js';

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startSandbox({scenario: loadScenario('healthy')});
});
afterAll(() => sandbox.stop());

describe('sandbox STS over the real SDK', () => {
  it('GetCallerIdentity names the sandbox user of the scenario account', async () => {
    const sts = new STSClient({endpoint: sandbox.endpoint, region: 'us-east-1', credentials: {accessKeyId: 'test', secretAccessKey: 'test'}, maxAttempts: 1});
    const identity = await sts.send(new GetCallerIdentityCommand({}));
    expect(identity.Account).toBe('123456789012');
    expect(identity.Arn).toBe('arn:aws:iam::123456789012:user/sandbox');
    expect(identity.UserId).toMatch(/^AIDA[A-Z2-7]{17}$/);
  });
});
