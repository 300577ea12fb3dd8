// Everything a walk needs that depends on where it runs: the AWS ports (real AWS through
// the SDK's default chain, or the embedded sandbox for --demo), the probe, the header the
// screen shows. AWS SDK clients and the sandbox are imported only here, lazily.
import {parseApiUrl} from '../checks/endpoint/parse-url.js';
import type {StageContext, WalkFacts, WalkInput} from '../checks/stage.js';
import type {MakeContext} from '../checks/walk.js';
import type {AwsConfig} from '../aws/config.js';
import type {AwsPorts} from '../aws/ports.js';
import {createCachedPorts} from '../aws/cached-ports.js';
import {UsageError, type WalkCommand} from '../cli/args.js';

export interface Header {
  readonly url: string;
  readonly method: string;
  readonly region: string;
  readonly profile?: string;
  readonly account?: string;
  readonly mode: 'aws' | 'demo';
  /** For the demo: the scenario's title and story. */
  readonly scenario?: {readonly name: string; readonly title: string; readonly description: string};
}

export interface Runtime {
  readonly input: WalkInput;
  readonly header: Header;
  /** The current walk's ports: reads are remembered until the walk restarts (cached-ports.ts). */
  readonly aws: AwsPorts;
  readonly makeContext: MakeContext;
  /** False when the URL is not an API Gateway URL: the endpoint stage says why without calling AWS. */
  readonly callsAws: boolean;
  stop(): Promise<void>;
}

const sandboxCredentials = {accessKeyId: 'sandbox', secretAccessKey: 'sandbox-secret'};

async function portsFor(config: AwsConfig, probeEndpoint: string | undefined) {
  const [{createAwsPorts}, {createHttpProbe}, {resolveRegion}] = await Promise.all([import('../aws/index.js'), import('../aws/http-probe.js'), import('../aws/config.js')]);
  const region = await resolveRegion(config);
  return {aws: createAwsPorts({...config, region}), probe: createHttpProbe({endpoint: probeEndpoint}), region};
}

/** The facts the stages hand on (not the account, known before the walk). */
const stageFactKeys = ['endpoint', 'identity', 'simulate', 'logs', 'timeouts'] as const;

/**
 * One cache per walk. Stages run forward, each seeing more facts than the one before; a stage
 * that runs with no more facts than the last one had is the walk starting over from there (a
 * corrected URL, a retry, going back to re-run, a fix applied): what AWS said before may be
 * what the user has just changed, so that starts a fresh cache. (A stage that handed on no
 * facts makes the next one look like a re-run too; that costs calls, never a stale answer.)
 * The calls made before the first stage (who am I) belong to the first walk.
 */
export function createWalkScope(base: AwsPorts, probe: StageContext['probe']): {readonly current: () => AwsPorts; readonly makeContext: MakeContext} {
  let walkPorts = createCachedPorts(base);
  let lastDepth = -1;
  const makeContext: MakeContext = (input: WalkInput, facts: WalkFacts, signal: AbortSignal): StageContext => {
    const depth = stageFactKeys.filter((key) => facts[key] !== undefined).length;
    if (depth <= lastDepth) walkPorts = createCachedPorts(base);
    lastDepth = depth;
    return {aws: walkPorts, probe, input, facts, signal, now: Date.now};
  };
  return {current: () => walkPorts, makeContext};
}

/** Dev/bench only: sandbox latency per call (the bench's 50 ms), and a call count on stderr when the demo ends. */
function sandboxDevOptions(env: NodeJS.ProcessEnv): {latencyMs: number; reportCalls: boolean} {
  const latencyMs = Number(env.APIGW_DOCTOR_SANDBOX_LATENCY_MS ?? 0);
  return {latencyMs: Number.isFinite(latencyMs) && latencyMs > 0 ? latencyMs : 0, reportCalls: env.APIGW_DOCTOR_SANDBOX_CALLS === '1'};
}

export async function createRuntime(command: WalkCommand): Promise<Runtime> {
  if (command.demo) {
    const [{startSandbox}, {loadScenario}] = await Promise.all([import('../sandbox/server.js'), import('../sandbox/scenarios/index.js')]);
    const scenario = loadScenario(command.demo);
    const dev = sandboxDevOptions(process.env);
    const sandbox = await startSandbox({scenario, latencyMs: dev.latencyMs});
    const parsed = parseApiUrl(scenario.demo.url);
    const config: AwsConfig = {region: (parsed.ok && parsed.parsed.region) || scenario.region, endpoint: sandbox.endpoint, credentials: sandboxCredentials};
    const {aws, probe, region} = await portsFor(config, sandbox.endpoint);
    const method = command.method === 'GET' ? scenario.demo.method : command.method;
    const walk = createWalkScope(aws, probe);
    return {
      input: {url: scenario.demo.url, method, identityPoolId: command.identityPool, sinceMs: command.sinceMs},
      header: {url: scenario.demo.url, method, region, mode: 'demo', account: scenario.accountId, scenario: {name: scenario.name, title: scenario.title, description: scenario.description}},
      get aws() {
        return walk.current();
      },
      makeContext: walk.makeContext,
      callsAws: true,
      stop: async () => {
        await sandbox.stop();
        if (dev.reportCalls) process.stderr.write(`apigw-doctor sandbox: ${sandbox.calls.length} AWS calls\n`);
      },
    };
  }
  if (!command.url) throw new UsageError('Give the URL that fails, e.g. apigw-doctor https://API_ID.execute-api.REGION.amazonaws.com/STAGE/PATH — or try apigw-doctor --demo.');
  const parsed = parseApiUrl(command.url);
  // The URL's own region wins: that is where API Gateway would look. --region covers URLs
  // that name none (custom domains, LocalStack forms).
  // A URL that is not an API Gateway URL never reaches AWS: the endpoint stage reports
  // url-invalid from the text alone, so no region or credentials are needed to say so.
  const urlRegion = parsed.ok ? parsed.parsed.region : (command.region ?? 'us-east-1');
  const config: AwsConfig = {region: urlRegion || command.region, profile: command.profile};
  const {aws, probe, region} = await portsFor(config, undefined);
  const walk = createWalkScope(aws, probe);
  return {
    input: {url: command.url, method: command.method, identityPoolId: command.identityPool, sinceMs: command.sinceMs},
    header: {url: command.url, method: command.method, region, profile: command.profile, mode: 'aws'},
    get aws() {
      return walk.current();
    },
    makeContext: walk.makeContext,
    callsAws: parsed.ok,
    stop: async () => {},
  };
}
