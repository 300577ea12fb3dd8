// The ports: what the checks may ask of AWS, as plain data. The real adapters
// (src/aws/*.ts) implement them with AWS SDK v3 clients; pagination happens inside the
// adapter, so every list here is complete. Every method rejects only with AwsError.
//
// Field names follow AWS's own (camelCase as the SDK gives them, lower-cased first letter)
// so a reader can match them against the API reference.

export interface CallOptions {
  readonly signal?: AbortSignal;
}

// ---- API Gateway v1 (REST APIs) -------------------------------------------------------

export type AuthorizationType = 'NONE' | 'AWS_IAM' | 'CUSTOM' | 'COGNITO_USER_POOLS' | 'JWT';

export interface RestApi {
  readonly id: string;
  readonly name: string;
  readonly createdDate?: Date;
  readonly endpointTypes: readonly string[];
  readonly disableExecuteApiEndpoint: boolean;
  /** Resource policy document (JSON text), if any. */
  readonly policy?: string;
}

export interface RestIntegration {
  readonly type: string; // AWS_PROXY, AWS, HTTP, HTTP_PROXY, MOCK
  readonly uri?: string;
  readonly httpMethod?: string;
  readonly timeoutInMillis?: number;
  readonly credentials?: string;
}

export interface RestMethod {
  readonly httpMethod: string;
  readonly authorizationType: string;
  readonly authorizerId?: string;
  readonly apiKeyRequired: boolean;
  readonly integration?: RestIntegration;
}

export interface RestResource {
  readonly id: string;
  readonly parentId?: string;
  readonly path: string;
  readonly pathPart?: string;
  /** Keyed by HTTP verb (or ANY), with the method embedded (GetResources embed=methods). */
  readonly methods: Readonly<Record<string, RestMethod>>;
}

export interface MethodSetting {
  readonly loggingLevel?: string; // OFF | ERROR | INFO
  readonly dataTraceEnabled?: boolean;
  readonly metricsEnabled?: boolean;
}

export interface RestStage {
  readonly stageName: string;
  readonly deploymentId?: string;
  /** Keyed "*\/*" or "resourcePath/METHOD" as AWS returns them. */
  readonly methodSettings: Readonly<Record<string, MethodSetting>>;
  readonly accessLogDestinationArn?: string;
  readonly accessLogFormat?: string;
  readonly tracingEnabled: boolean;
  readonly variables: Readonly<Record<string, string>>;
  readonly lastUpdatedDate?: Date;
}

export interface Authorizer {
  readonly id: string;
  readonly name: string;
  readonly type: string; // TOKEN | REQUEST | COGNITO_USER_POOLS (v1); REQUEST | JWT (v2)
  readonly providerArns: readonly string[];
  readonly authorizerUri?: string;
}

export interface DomainName {
  readonly domainName: string;
  readonly regionalDomainName?: string;
  readonly distributionDomainName?: string;
}

/** A custom-domain mapping, normalised across v1 base path mappings and v2 API mappings. */
export interface ApiMapping {
  /** "" for the root mapping (v1 shows "(none)"). */
  readonly basePath: string;
  readonly apiId: string;
  readonly stage: string;
}

export interface ApiGatewayAccount {
  readonly cloudwatchRoleArn?: string;
}

export interface GatewayResponse {
  readonly responseType: string;
  readonly statusCode?: string;
  readonly defaultResponse: boolean;
  readonly responseTemplates: Readonly<Record<string, string>>;
}

export interface TestInvokeResult {
  readonly status: number;
  readonly body?: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly log?: string;
  readonly latencyMs?: number;
}

export interface ApiGatewayV1Port {
  getRestApi(apiId: string, o?: CallOptions): Promise<RestApi>;
  listRestApis(o?: CallOptions): Promise<RestApi[]>;
  listStages(apiId: string, o?: CallOptions): Promise<RestStage[]>;
  getStage(apiId: string, stageName: string, o?: CallOptions): Promise<RestStage>;
  listResources(apiId: string, o?: CallOptions): Promise<RestResource[]>;
  getMethod(apiId: string, resourceId: string, httpMethod: string, o?: CallOptions): Promise<RestMethod>;
  getIntegration(apiId: string, resourceId: string, httpMethod: string, o?: CallOptions): Promise<RestIntegration>;
  listAuthorizers(apiId: string, o?: CallOptions): Promise<Authorizer[]>;
  listDomainNames(o?: CallOptions): Promise<DomainName[]>;
  listBasePathMappings(domainName: string, o?: CallOptions): Promise<ApiMapping[]>;
  getAccount(o?: CallOptions): Promise<ApiGatewayAccount>;
  listGatewayResponses(apiId: string, o?: CallOptions): Promise<GatewayResponse[]>;
  testInvokeMethod(
    input: {apiId: string; resourceId: string; httpMethod: string; pathWithQueryString: string; body?: string; headers?: Record<string, string>},
    o?: CallOptions,
  ): Promise<TestInvokeResult>;
  /** The one control-plane write: execution logging for a stage (only after on-screen consent). */
  updateStageLogging(apiId: string, stageName: string, level: 'INFO' | 'ERROR' | 'OFF', o?: CallOptions): Promise<RestStage>;
}

// ---- API Gateway v2 (HTTP APIs) -------------------------------------------------------

export interface HttpApi {
  readonly apiId: string;
  readonly name: string;
  readonly protocolType: string; // HTTP | WEBSOCKET
  readonly apiEndpoint?: string;
  readonly disableExecuteApiEndpoint: boolean;
  readonly createdDate?: Date;
}

export interface HttpStage {
  readonly stageName: string;
  readonly autoDeploy: boolean;
  readonly deploymentId?: string;
  readonly accessLogDestinationArn?: string;
  readonly accessLogFormat?: string;
  readonly defaultRouteSettings?: {readonly loggingLevel?: string; readonly detailedMetricsEnabled?: boolean};
  readonly lastUpdatedDate?: Date;
}

export interface HttpRoute {
  readonly routeId: string;
  /** "GET /items/{id}", "ANY /{proxy+}" or "$default". */
  readonly routeKey: string;
  readonly authorizationType: string;
  readonly authorizerId?: string;
  /** "integrations/<id>" */
  readonly target?: string;
}

export interface HttpIntegration {
  readonly integrationId: string;
  readonly integrationType: string;
  /** For Lambda: the function ARN (or the apigateway invocation URI). */
  readonly integrationUri?: string;
  readonly payloadFormatVersion?: string;
  readonly timeoutInMillis?: number;
}

export interface ApiGatewayV2Port {
  getApi(apiId: string, o?: CallOptions): Promise<HttpApi>;
  listApis(o?: CallOptions): Promise<HttpApi[]>;
  listStages(apiId: string, o?: CallOptions): Promise<HttpStage[]>;
  listRoutes(apiId: string, o?: CallOptions): Promise<HttpRoute[]>;
  getIntegration(apiId: string, integrationId: string, o?: CallOptions): Promise<HttpIntegration>;
  listIntegrations(apiId: string, o?: CallOptions): Promise<HttpIntegration[]>;
  listAuthorizers(apiId: string, o?: CallOptions): Promise<Authorizer[]>;
  listDomainNames(o?: CallOptions): Promise<DomainName[]>;
  listApiMappings(domainName: string, o?: CallOptions): Promise<ApiMapping[]>;
}

// ---- Lambda -------------------------------------------------------------------------

export interface LambdaFunction {
  readonly functionName: string;
  readonly functionArn: string;
  readonly runtime?: string;
  readonly handler?: string;
  readonly role?: string;
  /** Seconds. */
  readonly timeout: number;
  /** MB. */
  readonly memorySize: number;
  readonly state?: string;
  readonly stateReason?: string;
  readonly lastUpdateStatus?: string;
  readonly logFormat: 'Text' | 'JSON';
  /** LoggingConfig.LogGroup, else /aws/lambda/<name>. */
  readonly logGroup: string;
  readonly version?: string;
}

export interface LambdaFunctionWithCode extends LambdaFunction {
  /** Pre-signed URL of the deployment package (Zip), when there is one. */
  readonly codeLocation?: string;
  readonly packageType?: string;
}

export interface LambdaPort {
  getFunctionConfiguration(functionName: string, qualifier?: string, o?: CallOptions): Promise<LambdaFunction>;
  getFunction(functionName: string, qualifier?: string, o?: CallOptions): Promise<LambdaFunctionWithCode>;
  /** Resource-based policy document (JSON text); undefined when the function has none. */
  getPolicy(functionName: string, qualifier?: string, o?: CallOptions): Promise<string | undefined>;
}

// ---- CloudWatch Logs ----------------------------------------------------------------

export interface LogGroup {
  readonly logGroupName: string;
  readonly arn?: string;
  readonly retentionInDays?: number;
  readonly storedBytes?: number;
  readonly creationTime?: number;
}

export interface LogStream {
  readonly logStreamName: string;
  readonly firstEventTimestamp?: number;
  readonly lastEventTimestamp?: number;
}

export interface LogEvent {
  readonly logStreamName?: string;
  /** Epoch milliseconds. */
  readonly timestamp: number;
  readonly message: string;
  readonly eventId?: string;
}

export interface FilterLogEventsInput {
  readonly logGroupName: string;
  /** Epoch milliseconds. */
  readonly startTime: number;
  readonly endTime: number;
  readonly filterPattern?: string;
  readonly logStreamNames?: readonly string[];
  /** Stop after this many events in total (bounds memory and calls). */
  readonly maxEvents?: number;
}

export type QueryStatus = 'Scheduled' | 'Running' | 'Complete' | 'Failed' | 'Cancelled' | 'Timeout' | 'Unknown';

export interface QueryResults {
  readonly status: QueryStatus;
  readonly rows: ReadonlyArray<Readonly<Record<string, string>>>;
  readonly recordsMatched?: number;
  readonly recordsScanned?: number;
}

export interface CloudWatchLogsPort {
  describeLogGroups(prefix: string, o?: CallOptions): Promise<LogGroup[]>;
  describeLogStreams(logGroupName: string, input?: {orderByLastEventTime?: boolean; limit?: number}, o?: CallOptions): Promise<LogStream[]>;
  /**
   * Pages through FilterLogEvents, handing each page to `onPage` so callers can stream and
   * aggregate without holding every event. Resolves with the number of events seen.
   */
  filterLogEvents(input: FilterLogEventsInput, onPage: (events: readonly LogEvent[]) => void, o?: CallOptions): Promise<{events: number; pages: number}>;
  getLogEvents(logGroupName: string, logStreamName: string, input?: {startTime?: number; endTime?: number; limit?: number}, o?: CallOptions): Promise<LogEvent[]>;
  /** startTime/endTime in epoch milliseconds; the adapter converts to the seconds the API wants. */
  startQuery(input: {logGroupNames: readonly string[]; startTime: number; endTime: number; queryString: string; limit?: number}, o?: CallOptions): Promise<string>;
  getQueryResults(queryId: string, o?: CallOptions): Promise<QueryResults>;
  stopQuery(queryId: string, o?: CallOptions): Promise<void>;
}

// ---- IAM ------------------------------------------------------------------------------

export interface IamRole {
  readonly roleName: string;
  readonly arn: string;
  readonly path: string;
  /** Already URL-decoded JSON text. */
  readonly assumeRolePolicyDocument?: string;
  readonly permissionsBoundaryArn?: string;
}

export interface AttachedPolicy {
  readonly policyName: string;
  readonly policyArn: string;
}

export interface ManagedPolicy {
  readonly arn: string;
  readonly policyName: string;
  readonly defaultVersionId: string;
}

export type EvalDecision = 'allowed' | 'explicitDeny' | 'implicitDeny';

export interface MatchedStatement {
  readonly sourcePolicyId?: string;
  readonly sourcePolicyType?: string;
  readonly startLine?: number;
  readonly startColumn?: number;
  readonly endLine?: number;
  readonly endColumn?: number;
}

export interface EvaluationResult {
  readonly evalActionName: string;
  readonly evalResourceName: string;
  readonly evalDecision: EvalDecision;
  readonly matchedStatements: readonly MatchedStatement[];
  readonly missingContextValues: readonly string[];
  readonly allowedByPermissionsBoundary?: boolean;
}

export interface IamPort {
  getRole(roleName: string, o?: CallOptions): Promise<IamRole>;
  listRoles(o?: CallOptions): Promise<IamRole[]>;
  listRolePolicies(roleName: string, o?: CallOptions): Promise<string[]>;
  /** The inline policy document, URL-decoded JSON text. */
  getRolePolicy(roleName: string, policyName: string, o?: CallOptions): Promise<string>;
  listAttachedRolePolicies(roleName: string, o?: CallOptions): Promise<AttachedPolicy[]>;
  getPolicy(policyArn: string, o?: CallOptions): Promise<ManagedPolicy>;
  /** The version's document, decoded JSON text. */
  getPolicyVersion(policyArn: string, versionId: string, o?: CallOptions): Promise<string>;
  simulatePrincipalPolicy(
    input: {policySourceArn: string; actionNames: readonly string[]; resourceArns: readonly string[]; contextEntries?: ReadonlyArray<{key: string; values: readonly string[]; type: string}>},
    o?: CallOptions,
  ): Promise<EvaluationResult[]>;
  /** The one IAM write: only after the user confirmed the exact document on screen. */
  putRolePolicy(roleName: string, policyName: string, policyDocument: string, o?: CallOptions): Promise<void>;
}

// ---- Cognito Identity, STS ------------------------------------------------------------

export interface IdentityPoolSummary {
  readonly identityPoolId: string;
  readonly identityPoolName: string;
}

export interface IdentityPool extends IdentityPoolSummary {
  readonly allowUnauthenticatedIdentities: boolean;
  readonly cognitoIdentityProviders: ReadonlyArray<{providerName?: string; clientId?: string}>;
  readonly supportedLoginProviders: Readonly<Record<string, string>>;
}

export interface IdentityPoolRoles {
  readonly identityPoolId: string;
  readonly authenticatedRoleArn?: string;
  readonly unauthenticatedRoleArn?: string;
  /** Provider name → mapping type (Token | Rules) and how ambiguity resolves. */
  readonly roleMappings: Readonly<Record<string, {type: string; ambiguousRoleResolution?: string}>>;
}

export interface CognitoIdentityPort {
  listIdentityPools(o?: CallOptions): Promise<IdentityPoolSummary[]>;
  describeIdentityPool(identityPoolId: string, o?: CallOptions): Promise<IdentityPool>;
  getIdentityPoolRoles(identityPoolId: string, o?: CallOptions): Promise<IdentityPoolRoles>;
}

export interface CallerIdentity {
  readonly account: string;
  readonly arn: string;
  readonly userId: string;
}

export interface StsPort {
  getCallerIdentity(o?: CallOptions): Promise<CallerIdentity>;
}

// ---- All of them, for one region ------------------------------------------------------

export interface AwsPorts {
  readonly region: string;
  /** The profile in use, if one was named (never credentials). */
  readonly profile?: string;
  readonly apigw: ApiGatewayV1Port;
  readonly apigwv2: ApiGatewayV2Port;
  readonly lambda: LambdaPort;
  readonly logs: CloudWatchLogsPort;
  readonly iam: IamPort;
  readonly cognito: CognitoIdentityPort;
  readonly sts: StsPort;
  /** The same ports in another region (same credentials and endpoint settings). */
  forRegion(region: string): AwsPorts;
}
