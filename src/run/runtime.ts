// Everything a walk needs that depends on where it runs: the AWS ports (real AWS through
// the SDK's default chain, or the embedded sandbox for --demo), the probe, the header the
// screen shows. AWS SDK clients and the sandbox are imported only here, lazily.
import {parseApiUrl} from '../checks/endpoint/parse-url.js';
import type {StageContext, WalkFacts, WalkInput} from '../checks/stage.js';
import type {MakeContext} from '../checks/walk.js';
import type {AwsConfig} from '../aws/config.js';
import type {AwsPorts} from '../aws/ports.js';
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

function contextMaker(aws: AwsPorts, probe: StageContext['probe']): MakeContext {
  return (input: WalkInput, facts: WalkFacts, signal: AbortSignal): StageContext => ({aws, probe, input, facts, signal, now: Date.now});
}

export async function createRuntime(command: WalkCommand): Promise<Runtime> {
  if (command.demo) {
    const [{startSandbox}, {loadScenario}] = await Promise.all([import('../sandbox/server.js'), import('../sandbox/scenarios/index.js')]);
    const scenario = loadScenario(command.demo);
    const sandbox = await startSandbox({scenario});
    const parsed = parseApiUrl(scenario.demo.url);
    const config: AwsConfig = {region: (parsed.ok && parsed.parsed.region) || scenario.region, endpoint: sandbox.endpoint, credentials: sandboxCredentials};
    const {aws, probe, region} = await portsFor(config, sandbox.endpoint);
    const method = command.method === 'GET' ? scenario.demo.method : command.method;
    return {
      input: {url: scenario.demo.url, method, identityPoolId: command.identityPool, sinceMs: command.sinceMs},
      header: {url: scenario.demo.url, method, region, mode: 'demo', account: scenario.accountId, scenario: {name: scenario.name, title: scenario.title, description: scenario.description}},
      aws,
      makeContext: contextMaker(aws, probe),
      callsAws: true,
      stop: () => sandbox.stop(),
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
  return {
    input: {url: command.url, method: command.method, identityPoolId: command.identityPool, sinceMs: command.sinceMs},
    header: {url: command.url, method: command.method, region, profile: command.profile, mode: 'aws'},
    aws,
    makeContext: contextMaker(aws, probe),
    callsAws: parsed.ok,
    stop: async () => {},
  };
}
