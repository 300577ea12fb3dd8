// `apigw-doctor sandbox` minus argument parsing: prints how to use it, serves, stops on abort.
import {PassThrough} from 'node:stream';
import {expect, it} from 'vitest';
import {runSandboxCommand} from '../../src/sandbox/command.js';
import {loadScenario} from '../../src/sandbox/scenarios/index.js';

it('prints the endpoint, the env exports and the demo URL, serves, and stops on abort', async () => {
  const stdout = new PassThrough();
  let printed = '';
  stdout.on('data', (chunk: Buffer) => (printed += chunk.toString('utf8')));
  const controller = new AbortController();
  const running = runSandboxCommand({port: 0, scenario: loadScenario('wrong-stage'), stdout, signal: controller.signal});
  await expect.poll(() => printed).toContain('Press Ctrl-C to stop.');

  const endpoint = /export AWS_ENDPOINT_URL=(\S+)/.exec(printed)?.[1] ?? '';
  expect(endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  expect(printed).toContain('export AWS_REGION=us-east-1');
  expect(printed).toContain('export AWS_ACCESS_KEY_ID=test');
  expect(printed).toContain('GET https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/prd/notes/42');
  const local = `${endpoint}/_aws/execute-api/a1b2c3d4e5/prd/notes/42`;
  expect(printed).toContain(local);
  expect((await fetch(local)).status).toBe(403);

  controller.abort();
  await running;
  expect(printed).toContain('Sandbox stopped.');
  await expect(fetch(local)).rejects.toThrow();
});
