// Runs a whole --json walk (who-am-I, then every stage) over the real adapters against the
// sandbox, the way the CLI's runtime does: one walk scope, so one per-walk cache. Returns the
// AWS calls the sandbox answered and every port call the stages made (below the cache).
import {createAwsPorts, createHttpProbe} from '../../src/aws/index.js';
import type {AwsPorts} from '../../src/aws/ports.js';
import {parseApiUrl} from '../../src/checks/endpoint/parse-url.js';
import {stages} from '../../src/checks/index.js';
import {runAllStages, type WalkResult} from '../../src/checks/walk.js';
import {createWalkScope} from '../../src/run/runtime.js';
import {startSandbox, type SandboxCall} from '../../src/sandbox/server.js';
import {loadScenario} from '../../src/sandbox/scenarios/index.js';
import type {ScenarioName} from '../../src/sandbox/scenario.js';

export interface CountedWalk {
  readonly calls: readonly SandboxCall[];
  /** "region service.method [args]" for each port call that reached the adapters. */
  readonly portCalls: readonly string[];
  readonly result: WalkResult;
}

const services = ['apigw', 'apigwv2', 'lambda', 'logs', 'iam', 'cognito', 'sts'] as const;

/** Our own port interface, recorded: the arguments that name what was asked (not signals or callbacks). */
function recorded(ports: AwsPorts, log: string[]): AwsPorts {
  const wrapped = {region: ports.region, profile: ports.profile, forRegion: (region: string) => recorded(ports.forRegion(region), log)} as Record<string, unknown>;
  for (const service of services) {
    const port = ports[service] as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
    wrapped[service] = Object.fromEntries(
      Object.keys(port).map((method) => [
        method,
        (...args: unknown[]) => {
          const named = args.filter((arg) => typeof arg !== 'function' && !(arg !== null && typeof arg === 'object' && 'signal' in arg));
          log.push(`${ports.region} ${service}.${method} ${JSON.stringify(named)}`);
          return port[method]!(...args);
        },
      ]),
    );
  }
  return wrapped as unknown as AwsPorts;
}

export async function countWalkCalls(name: ScenarioName, options: {latencyMs?: number} = {}): Promise<CountedWalk> {
  const scenario = loadScenario(name);
  const sandbox = await startSandbox({scenario, latencyMs: options.latencyMs});
  try {
    const parsed = parseApiUrl(scenario.demo.url);
    const region = (parsed.ok && parsed.parsed.region) || scenario.region;
    const portCalls: string[] = [];
    const aws = recorded(createAwsPorts({region, endpoint: sandbox.endpoint, credentials: {accessKeyId: 'test', secretAccessKey: 'test'}, maxAttempts: 1}), portCalls);
    const walk = createWalkScope(aws, createHttpProbe({endpoint: sandbox.endpoint}));
    const signal = new AbortController().signal;
    const input = {url: scenario.demo.url, method: scenario.demo.method, sinceMs: 3_600_000};
    // As runWithoutScreen does: who am I, then every stage.
    const account = (await walk.current().sts.getCallerIdentity({signal})).account;
    const result = await runAllStages(stages, input, walk.makeContext, signal, {account});
    return {calls: [...sandbox.calls], portCalls, result};
  } finally {
    await sandbox.stop();
  }
}
