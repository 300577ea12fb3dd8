// Starts the sandbox on a free port for a test and hands back what SDK clients need to talk
// to it (region, endpoint, dummy credentials, no retries unless the test asks for them).
import {startSandbox, type RunningSandbox, type SandboxOptions} from '../../src/sandbox/server.js';
import type {Scenario} from '../../src/sandbox/scenario.js';

export interface SandboxClientConfig {
  readonly region: string;
  readonly endpoint: string;
  readonly credentials: {readonly accessKeyId: string; readonly secretAccessKey: string};
  readonly maxAttempts: number;
}

export interface TestSandbox extends RunningSandbox {
  /** Ready for `new XClient(sandbox.clientConfig)`; override region or maxAttempts by spreading. */
  readonly clientConfig: SandboxClientConfig;
}

export async function startTestSandbox(scenario: Scenario, options: Omit<SandboxOptions, 'scenario'> = {}): Promise<TestSandbox> {
  const sandbox = await startSandbox({scenario, ...options});
  const clientConfig = {region: scenario.region, endpoint: sandbox.endpoint, credentials: {accessKeyId: 'test', secretAccessKey: 'test'}, maxAttempts: 1};
  return {...sandbox, clientConfig};
}

/** For afterEach/afterAll: stops every sandbox started so far in this file. */
export function sandboxStopper(): {track: (sandbox: TestSandbox) => TestSandbox; stopAll: () => Promise<void>} {
  const running: TestSandbox[] = [];
  return {
    track: (sandbox) => {
      running.push(sandbox);
      return sandbox;
    },
    stopAll: async () => {
      await Promise.all(running.splice(0).map((sandbox) => sandbox.stop()));
    },
  };
}
