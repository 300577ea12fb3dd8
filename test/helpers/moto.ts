// moto (python3 -m moto.server) as a second, independent AWS emulator for contract tests:
// started on a free port per test file, reset between presets, stopped after. When python3
// or moto is missing, the suite is skipped with the reason, unless APIGW_DOCTOR_UNDER_CI is
// set: then it fails, so CI never goes green by silently not running it.
import {spawn, spawnSync, type ChildProcess} from 'node:child_process';
import {createServer} from 'node:net';
import {setTimeout as sleep} from 'node:timers/promises';
import {describe} from 'vitest';

export interface TestClientConfig {
  readonly endpoint: string;
  readonly region: string;
  readonly credentials: {readonly accessKeyId: string; readonly secretAccessKey: string};
  readonly maxAttempts: number;
}

/** What every SDK client in a test gets: the endpoint, a region, dummy keys, no retries. */
export function testClientConfig(endpoint: string, region = 'us-east-1'): TestClientConfig {
  return {endpoint, region, credentials: {accessKeyId: 'test', secretAccessKey: 'test'}, maxAttempts: 1};
}

export interface MotoServer {
  readonly endpoint: string;
  readonly port: number;
  /** Forget everything (POST /moto-api/reset), e.g. before seeding the next preset. */
  reset(): Promise<void>;
  stop(): Promise<void>;
}

function checkMoto(): {available: true} | {available: false; reason: string} {
  const probe = spawnSync('python3', ['-c', 'import moto.server, moto; print(moto.__version__)'], {encoding: 'utf8', timeout: 30_000});
  if (probe.error) return {available: false, reason: `python3 is not runnable (${probe.error.message})`};
  if (probe.status !== 0) return {available: false, reason: `moto is not importable by python3: ${probe.stderr.trim().split('\n').at(-1) ?? ''}`};
  return {available: true};
}

export const motoAvailability = checkMoto();

/**
 * `describe` for suites that need moto: skipped with the reason when moto is missing, and a
 * failing suite instead when running under CI.
 */
export function describeWithMoto(name: string, body: () => void): void {
  if (motoAvailability.available) {
    describe(name, body);
    return;
  }
  const {reason} = motoAvailability;
  if (process.env.APIGW_DOCTOR_UNDER_CI) {
    describe(name, () => {
      throw new Error(`moto is required under CI but unavailable: ${reason}`);
    });
    return;
  }
  describe.skip(`${name} (skipped: ${reason})`, body);
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitUntilAnswering(endpoint: string, child: ChildProcess, output: () => string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`moto exited with ${child.exitCode} before answering:\n${output()}`);
    try {
      const response = await fetch(`${endpoint}/moto-api/`);
      await response.arrayBuffer();
      return;
    } catch {
      await sleep(100);
    }
  }
  throw new Error(`moto did not answer on ${endpoint} within ${timeoutMs} ms:\n${output()}`);
}

export async function startMoto(): Promise<MotoServer> {
  const port = await freePort();
  const endpoint = `http://127.0.0.1:${port}`;
  const child = spawn('python3', ['-m', 'moto.server', '-H', '127.0.0.1', '-p', String(port)], {
    env: {...process.env, MOTO_IAM_LOAD_MANAGED_POLICIES: 'true'},
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const keep = (chunk: Buffer): void => {
    log = (log + chunk.toString()).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    await waitUntilAnswering(endpoint, child, () => log, 30_000);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return {
    endpoint,
    port,
    async reset() {
      const response = await fetch(`${endpoint}/moto-api/reset`, {method: 'POST'});
      if (!response.ok) throw new Error(`moto reset failed: HTTP ${response.status}`);
    },
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      const killed = await Promise.race([exited.then(() => true), sleep(5_000).then(() => false)]);
      if (!killed) {
        child.kill('SIGKILL');
        await exited;
      }
    },
  };
}
