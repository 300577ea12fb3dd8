// The contract between the walk (src/flow, src/ui, the --json run) and the checks: each
// stage is a runner over the ports that returns Findings plus the facts later stages need.
import type {AwsPorts} from '../aws/ports.js';
import type {ProbePort, ProbeResult} from '../aws/probe.js';
import type {Finding, StageId} from './findings.js';

export interface WalkInput {
  readonly url: string;
  /** HTTP verb to diagnose, upper case. */
  readonly method: string;
  readonly identityPoolId?: string;
  /** Log window: how far back from now, in milliseconds (--since, default 1h). */
  readonly sinceMs: number;
}

/** What the URL names, however it was written. */
export interface ParsedApiUrl {
  readonly form: 'aws' | 'localstack-host' | 'localstack-path' | 'localstack-legacy' | 'custom-domain';
  readonly host: string;
  /** Absent for a custom domain until its mapping is resolved. */
  readonly apiId?: string;
  /** Absent when the URL does not name one (LocalStack path forms, custom domains). */
  readonly region?: string;
  /** First path segment for REST APIs; may be absent for an HTTP API's $default stage. */
  readonly stage?: string;
  /** The resource path after the stage, always starting with "/". */
  readonly path: string;
  /** The path as written after the host (before stage/path are split). */
  readonly rawPath: string;
}

export interface EndpointFacts {
  readonly url: string;
  readonly method: string;
  readonly parsed?: ParsedApiUrl;
  readonly api?: {readonly kind: 'rest' | 'http'; readonly id: string; readonly name: string; readonly region: string};
  readonly stage?: string;
  readonly route?: {
    /** "GET /notes/{id}" (REST: method + resource path; HTTP: the routeKey). */
    readonly key: string;
    readonly resourcePath: string;
    readonly method: string;
    readonly resourceId?: string;
    readonly routeId?: string;
    readonly authorizationType: string;
    readonly authorizerId?: string;
  };
  readonly integration?: {
    readonly type: string;
    readonly uri?: string;
    /** Function ARN as configured (may carry a qualifier or a stage variable). */
    readonly lambdaArn?: string;
    readonly functionName?: string;
    readonly qualifier?: string;
    readonly timeoutInMillis: number;
  };
  readonly probe?: ProbeResult;
  /** Corrections the user can pick on the endpoint screen to re-run the stage with. */
  readonly suggestions?: ReadonlyArray<{readonly label: string; readonly url: string; readonly method: string}>;
  /** False when the request cannot reach API Gateway at all (so no CloudWatch logs exist). */
  readonly reachesApiGateway: boolean;
}

/** Facts each stage hands on. Later stages add their own entry here. */
export interface WalkFacts {
  readonly account?: string;
  readonly endpoint?: EndpointFacts;
  readonly identity?: import('./identity/facts.js').IdentityFacts;
  readonly simulate?: import('./simulate/facts.js').SimulateFacts;
  readonly logs?: import('./logs/index.js').LogsFacts;
  readonly timeouts?: import('./timeouts/index.js').TimeoutsFacts;
}

export interface StageContext {
  readonly aws: AwsPorts;
  readonly probe: ProbePort;
  readonly input: WalkInput;
  readonly facts: WalkFacts;
  readonly signal: AbortSignal;
  /** Injected clock (epoch ms) so tests are deterministic. */
  readonly now: () => number;
}

export interface StageOutcome {
  readonly findings: Finding[];
  readonly facts: Partial<WalkFacts>;
  /**
   * Set when the cause is certain and later stages cannot add to it; the text says why
   * (e.g. "the request never reaches API Gateway, so there are no CloudWatch logs").
   */
  readonly stopReason?: string;
  /** Set when the stage could not run at all (missing facts from an earlier stage). */
  readonly skippedReason?: string;
}

export type StageRunner = (ctx: StageContext) => Promise<StageOutcome>;

/**
 * A follow-up the user starts from a stage's screen (e.g. "apply the policy fix" after
 * confirming it). Writes to AWS happen only here, and only after on-screen consent.
 */
export type StageAction = (ctx: StageContext, payload: unknown) => Promise<StageOutcome>;

export interface StageDefinition {
  readonly id: StageId;
  readonly title: string;
  /** The `?` help: what this stage checks and why, a few lines. */
  readonly explain: string;
  readonly run: StageRunner;
  readonly actions?: Readonly<Record<string, StageAction>>;
}
