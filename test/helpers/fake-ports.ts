// In-memory AwsPorts built from a Scenario, so check tests read the same account the sandbox
// serves. Not a mock of the SDK: it implements OUR port interfaces the way the real adapters
// behave (plain data out, AwsError NotFound for what is not there, one region per instance).
// Faults: `fake.fail('apigw', 'listStages', 'AccessDenied')` makes that call reject.
// Operations a fake cannot honestly compute (policy simulation, Logs Insights, TestInvoke)
// answer Unsupported, like moto, unless the test hands in a responder.
import type {AwsErrorKind, AwsError} from '../../src/aws/errors.js';
import type * as P from '../../src/aws/ports.js';
import type {ProbePort, ProbeRequest, ProbeResult} from '../../src/aws/probe.js';
import type {Scenario} from '../../src/sandbox/scenario.js';
import {createState, type SandboxState} from '../../src/sandbox/state.js';
import {FakeApiGatewayV1, FakeApiGatewayV2} from './fake-ports/apigateway.js';
import {actionFor, awsError, FaultBook, type FakeAwsOptions, type PortContext, type PortName, type RecordedCall} from './fake-ports/base.js';
import {FakeCognito, FakeIam, FakeSts} from './fake-ports/identity.js';
import {FakeLambda, FakeLogs} from './fake-ports/lambda-logs.js';

export {awsError, type FakeAwsOptions, type FaultRule, type PortName, type RecordedCall} from './fake-ports/base.js';

/** One fake account (a scenario loaded once); `ports(region)` views it from a region. */
export class FakeAws {
  readonly state: SandboxState;
  private readonly faults = new FaultBook();
  private readonly stageUpdatedAt = new Map<string, Date>();

  constructor(scenario: Scenario, private readonly options: FakeAwsOptions = {}) {
    this.state = createState(scenario, options.now);
  }

  /** Every call made through any region's ports, in order. */
  get calls(): readonly RecordedCall[] {
    return this.faults.calls;
  }

  /** Makes `port.method` reject; kind alone builds an AwsError naming the call's IAM action. */
  fail(port: PortName, method: string, error: AwsError | AwsErrorKind, scope: {region?: string; times?: number} = {}): this {
    this.faults.add({port, method, error: typeof error === 'string' ? awsError(error, actionFor(port, method)) : error, ...scope});
    return this;
  }

  ports(region = this.options.region ?? this.state.scenario.region): P.AwsPorts {
    const context: PortContext = {state: this.state, stageUpdatedAt: this.stageUpdatedAt, region, faults: this.faults, options: this.options};
    return {
      region,
      profile: this.options.profile,
      apigw: new FakeApiGatewayV1(context),
      apigwv2: new FakeApiGatewayV2(context),
      lambda: new FakeLambda(context),
      logs: new FakeLogs(context),
      iam: new FakeIam(context),
      cognito: new FakeCognito(context),
      sts: new FakeSts(context),
      forRegion: (other) => this.ports(other),
    };
  }
}

/** A ProbePort that answers every request with one canned result and remembers the requests. */
export class FakeProbe implements ProbePort {
  readonly requests: ProbeRequest[] = [];
  constructor(private readonly answer: (request: ProbeRequest) => ProbeResult) {}

  static responding(status: number, body: string, headers: Record<string, string> = {}): FakeProbe {
    return new FakeProbe((request) => ({kind: 'response', requestedUrl: request.url, status, headers: {'content-type': 'application/json', ...headers}, body, elapsedMs: 12}));
  }
  static failing(reason: Extract<ProbeResult, {kind: 'failed'}>['reason'], message: string): FakeProbe {
    return new FakeProbe((request) => ({kind: 'failed', requestedUrl: request.url, reason, message}));
  }

  async probe(request: ProbeRequest): Promise<ProbeResult> {
    this.requests.push(request);
    return this.answer(request);
  }
}
