// A scenario is plain data describing one consistent AWS account. Two loaders read it:
// the sandbox (src/sandbox/state.ts) serves it directly; the moto seeder writes the same
// data into moto through the SDK's create/put calls. Keep it data: no functions, no classes.

export const scenarioNames = [
  'healthy',
  'wrong-stage',
  'wrong-path',
  'wrong-region',
  'iam-denied',
  'lambda-error',
  'lambda-timeout',
  'logging-off',
] as const;

export type ScenarioName = (typeof scenarioNames)[number];

export type PolicyDocument = {
  readonly Version: string;
  readonly Statement: ReadonlyArray<Readonly<Record<string, unknown>>>;
};

export interface MethodSeed {
  readonly authorizationType: 'NONE' | 'AWS_IAM' | 'CUSTOM' | 'COGNITO_USER_POOLS';
  readonly authorizerId?: string;
  readonly apiKeyRequired?: boolean;
  readonly integration?: {
    readonly type: 'AWS_PROXY' | 'AWS' | 'HTTP' | 'HTTP_PROXY' | 'MOCK';
    /** For Lambda: arn:aws:apigateway:REGION:lambda:path/2015-03-31/functions/FN_ARN/invocations */
    readonly uri?: string;
    readonly httpMethod?: string;
    readonly timeoutInMillis?: number;
  };
}

export interface ResourceSeed {
  readonly id: string;
  readonly parentId?: string;
  /** Absent for the root resource. */
  readonly pathPart?: string;
  readonly path: string;
  /** Keyed by HTTP verb or ANY. */
  readonly methods: Readonly<Record<string, MethodSeed>>;
}

export interface MethodSettingSeed {
  readonly loggingLevel?: 'OFF' | 'ERROR' | 'INFO';
  readonly dataTraceEnabled?: boolean;
  readonly metricsEnabled?: boolean;
}

export interface RestStageSeed {
  readonly stageName: string;
  readonly deploymentId: string;
  /** Keyed "*\/*" or "resourcePath/METHOD". */
  readonly methodSettings: Readonly<Record<string, MethodSettingSeed>>;
  readonly accessLogSettings?: {readonly destinationArn: string; readonly format: string};
  readonly variables?: Readonly<Record<string, string>>;
  readonly tracingEnabled?: boolean;
}

export interface AuthorizerSeed {
  readonly id: string;
  readonly name: string;
  readonly type: 'TOKEN' | 'REQUEST' | 'COGNITO_USER_POOLS' | 'JWT';
  readonly providerArns?: readonly string[];
  readonly authorizerUri?: string;
}

export interface RestApiSeed {
  readonly id: string;
  readonly name: string;
  readonly region: string;
  readonly description?: string;
  /** ISO-8601. */
  readonly createdDate: string;
  readonly resources: readonly ResourceSeed[];
  readonly stages: readonly RestStageSeed[];
  readonly authorizers?: readonly AuthorizerSeed[];
  /** Customised gateway responses (responseType → status/template); defaults are implied. */
  readonly gatewayResponses?: Readonly<Record<string, {readonly statusCode: string; readonly template?: string}>>;
}

export interface HttpApiSeed {
  readonly id: string;
  readonly name: string;
  readonly region: string;
  readonly createdDate: string;
  readonly routes: ReadonlyArray<{
    readonly routeId: string;
    readonly routeKey: string;
    readonly authorizationType: 'NONE' | 'AWS_IAM' | 'CUSTOM' | 'JWT';
    readonly authorizerId?: string;
    /** "integrations/<integrationId>" */
    readonly target?: string;
  }>;
  readonly integrations: ReadonlyArray<{
    readonly integrationId: string;
    readonly integrationType: 'AWS_PROXY' | 'HTTP_PROXY' | 'MOCK';
    /** For Lambda: the function ARN. */
    readonly integrationUri: string;
    readonly payloadFormatVersion: '1.0' | '2.0';
    readonly timeoutInMillis?: number;
  }>;
  readonly stages: ReadonlyArray<{
    readonly stageName: string;
    readonly autoDeploy: boolean;
    readonly accessLogSettings?: {readonly destinationArn: string; readonly format: string};
  }>;
  readonly authorizers?: readonly AuthorizerSeed[];
}

/** How the function behaves when API Gateway invokes it through the sandbox's data plane. */
export type FunctionBehaviour = 'ok' | 'throws' | 'timeout' | 'init-error' | 'out-of-memory';

export interface FunctionSeed {
  readonly name: string;
  readonly region: string;
  readonly runtime: string;
  readonly handler: string;
  readonly roleArn: string;
  /** Seconds. */
  readonly timeout: number;
  readonly memorySize: number;
  readonly logFormat?: 'Text' | 'JSON';
  /** LoggingConfig.LogGroup when it is not /aws/lambda/<name>. */
  readonly logGroup?: string;
  readonly behaviour: FunctionBehaviour;
  /** Resource-based policy (who may invoke it), e.g. API Gateway's lambda:InvokeFunction grant. */
  readonly resourcePolicy?: PolicyDocument;
  /** Source files of the deployment package, served as a zip at GetFunction's Code.Location. */
  readonly code: Readonly<Record<string, string>>;
  /** The body the function answers with when it succeeds (proxy response JSON). */
  readonly okResponse?: {readonly statusCode: number; readonly body: string};
}

export interface RoleSeed {
  readonly name: string;
  readonly path?: string;
  readonly assumeRolePolicy: PolicyDocument;
  readonly inlinePolicies: Readonly<Record<string, PolicyDocument>>;
  readonly attachedPolicyArns: readonly string[];
  readonly permissionsBoundaryArn?: string;
  readonly description?: string;
}

export interface ManagedPolicySeed {
  readonly name: string;
  readonly arn: string;
  readonly path?: string;
  readonly document: PolicyDocument;
}

export interface IdentityPoolSeed {
  readonly id: string;
  readonly name: string;
  readonly region: string;
  readonly allowUnauthenticatedIdentities: boolean;
  readonly authenticatedRoleArn?: string;
  readonly unauthenticatedRoleArn?: string;
  readonly cognitoIdentityProviders?: ReadonlyArray<{readonly providerName: string; readonly clientId: string}>;
  readonly roleMappings?: Readonly<Record<string, {readonly type: 'Token' | 'Rules'; readonly ambiguousRoleResolution?: 'AuthenticatedRole' | 'Deny'}>>;
}

export interface LogEventSeed {
  /** Milliseconds before the moment the scenario is loaded (so "--since 1h" finds it). */
  readonly agoMs: number;
  readonly message: string;
}

export interface LogGroupSeed {
  readonly name: string;
  readonly region: string;
  readonly retentionInDays?: number;
  readonly streams: ReadonlyArray<{readonly name: string; readonly events: readonly LogEventSeed[]}>;
}

/**
 * A Lambda log group described, not listed: the sandbox generates its events when it loads
 * the scenario (scenarios/generate.ts), so a million events are never held twice or stored
 * in the repository. Scale tests and the bench use it; moto is never seeded with one.
 */
export interface GeneratedLogGroupSeed {
  /** Total log events (each invocation writes 4, or 5 when it throws). */
  readonly events: number;
  readonly streams: number;
  /** Every n-th invocation throws; 0 for none. */
  readonly errorEvery: number;
  readonly seed: number;
  readonly functionName?: string;
  readonly region?: string;
}

export interface DomainNameSeed {
  readonly domainName: string;
  readonly region: string;
  readonly regionalDomainName: string;
  readonly mappings: ReadonlyArray<{readonly basePath: string; readonly apiId: string; readonly stage: string}>;
}

export interface Scenario {
  readonly name: ScenarioName;
  readonly title: string;
  /** One paragraph: what is broken and what the walk should find. */
  readonly description: string;
  readonly accountId: string;
  /** The region most of the account lives in. */
  readonly region: string;
  /** What the demo walks: the URL as a user would paste it, and the verb. */
  readonly demo: {readonly url: string; readonly method: string};
  /** Finding ids the full walk must report for this scenario (the scenario's promise). */
  readonly expectedFindings: readonly string[];
  readonly restApis: readonly RestApiSeed[];
  readonly httpApis: readonly HttpApiSeed[];
  readonly functions: readonly FunctionSeed[];
  readonly roles: readonly RoleSeed[];
  readonly managedPolicies: readonly ManagedPolicySeed[];
  readonly identityPools: readonly IdentityPoolSeed[];
  readonly logGroups: readonly LogGroupSeed[];
  /** Added to logGroups when the sandbox loads; replaces a listed group of the same name. */
  readonly generatedLogGroups?: readonly GeneratedLogGroupSeed[];
  readonly domainNames: readonly DomainNameSeed[];
  /** Per region: API Gateway's account settings (the CloudWatch role for execution logs). */
  readonly apiGatewayAccounts: Readonly<Record<string, {readonly cloudwatchRoleArn?: string}>>;
}

// ---- Fault injection (tests and `sandbox --latency`) -----------------------------------

export interface FaultSpec {
  /** IAM-style action, e.g. "iam:SimulatePrincipalPolicy", "logs:FilterLogEvents", or "*". */
  readonly action: string;
  readonly kind: 'latency' | 'throttle' | 'access-denied' | 'drop' | 'unsupported' | 'expired-token';
  readonly latencyMs?: number;
  /** How many times it fires before the operation behaves again; default: always. */
  readonly times?: number;
  /** For 'drop' on a paginated call: which page (1-based) drops the connection. */
  readonly onPage?: number;
}
