// In-memory AwsPorts built from a Scenario, so check tests read the same account the sandbox
// serves. Not a mock of the SDK: it implements OUR port interfaces the way the real adapters
// behave (plain data out, AwsError NotFound for what is not there, one region per instance).
// Faults: `fake.fail('apigw', 'listStages', 'AccessDenied')` makes that call reject.
// Operations a fake cannot honestly compute (policy simulation, Logs Insights, TestInvoke)
// answer Unsupported, like moto, unless the test hands in a responder.
import {strToU8, zipSync} from 'fflate';
import {AwsError, type AwsErrorKind} from '../../src/aws/errors.js';
import type * as P from '../../src/aws/ports.js';
import type {ProbePort, ProbeRequest, ProbeResult} from '../../src/aws/probe.js';
import type {FunctionSeed, RestApiSeed, RestStageSeed, Scenario} from '../../src/sandbox/scenario.js';
import {createState, logGroupKey, type SandboxState} from '../../src/sandbox/state.js';

export type PortName = 'apigw' | 'apigwv2' | 'lambda' | 'logs' | 'iam' | 'cognito' | 'sts';

export interface FaultRule {
  readonly port: PortName;
  /** Port method name, e.g. "listStages", or "*" for every method of the port. */
  readonly method: string;
  readonly error: AwsError;
  /** Only in this region; default every region. */
  readonly region?: string;
  /** Fires this many times, then the call behaves again; default always. */
  readonly times?: number;
}

export interface RecordedCall {
  readonly region: string;
  readonly port: PortName;
  readonly method: string;
  readonly args: readonly unknown[];
}

export interface FakeAwsOptions {
  /** The home region of the ports; default the scenario's. */
  readonly region?: string;
  /** Scenario "load" moment, for log timestamps; default Date.now(). */
  readonly now?: number;
  readonly profile?: string;
  readonly testInvoke?: (input: Parameters<P.ApiGatewayV1Port['testInvokeMethod']>[0]) => P.TestInvokeResult;
  readonly simulate?: (input: Parameters<P.IamPort['simulatePrincipalPolicy']>[0]) => P.EvaluationResult[];
  readonly queryResults?: (query: {logGroupNames: readonly string[]; queryString: string}) => P.QueryResults;
}

/** The IAM action each port's calls need, to name a missing permission like the adapters do. */
const actionPrefix: Record<PortName, string> = {apigw: 'apigateway', apigwv2: 'apigateway', lambda: 'lambda', logs: 'logs', iam: 'iam', cognito: 'cognito-identity', sts: 'sts'};

function actionFor(port: PortName, method: string): string {
  if (port === 'apigw' || port === 'apigwv2') return method === 'updateStageLogging' ? 'apigateway:PATCH' : method === 'testInvokeMethod' ? 'apigateway:POST' : 'apigateway:GET';
  const operation = method.replace(/^list/, port === 'logs' ? 'describe' : 'list');
  return `${actionPrefix[port]}:${operation.charAt(0).toUpperCase()}${operation.slice(1)}`;
}

export function awsError(kind: AwsErrorKind, action: string, message = `${kind} (injected by the test)`): AwsError {
  return new AwsError({kind, action, message, code: kind === 'AccessDenied' ? 'AccessDeniedException' : kind});
}

class FaultBook {
  private readonly rules: Array<{rule: FaultRule; remaining: number}> = [];
  readonly calls: RecordedCall[] = [];

  add(rule: FaultRule): void {
    this.rules.push({rule, remaining: rule.times ?? Number.POSITIVE_INFINITY});
  }

  /** Records the call and throws the first matching fault still armed. */
  enter(region: string, port: PortName, method: string, args: readonly unknown[]): void {
    this.calls.push({region, port, method, args});
    const armed = this.rules.find(({rule, remaining}) => remaining > 0 && rule.port === port && (rule.method === method || rule.method === '*') && (rule.region === undefined || rule.region === region));
    if (!armed) return;
    armed.remaining -= 1;
    throw armed.rule.error;
  }
}

interface PortContext {
  readonly state: SandboxState;
  /** `${region}/${apiId}/${stageName}` → when updateStageLogging last changed it. */
  readonly stageUpdatedAt: Map<string, Date>;
  readonly region: string;
  readonly faults: FaultBook;
  readonly options: FakeAwsOptions;
}

abstract class FakePort {
  protected abstract readonly port: PortName;
  constructor(protected readonly context: PortContext) {}
  protected get scenario(): Scenario {
    return this.context.state.scenario;
  }
  protected get region(): string {
    return this.context.region;
  }
  protected enter(method: string, ...args: unknown[]): void {
    this.context.faults.enter(this.region, this.port, method, args);
  }
  protected notFound(method: string, message: string): AwsError {
    return new AwsError({kind: 'NotFound', action: actionFor(this.port, method), message, code: 'NotFoundException', httpStatus: 404});
  }
  protected unsupported(method: string, hint: string): AwsError {
    return new AwsError({kind: 'Unsupported', action: actionFor(this.port, method), message: `The fake AWS does not compute ${method}; ${hint}`});
  }
}

const toDate = (iso: string): Date => new Date(iso);

class FakeApiGatewayV1 extends FakePort implements P.ApiGatewayV1Port {
  protected readonly port = 'apigw';

  private api(method: string, apiId: string): RestApiSeed {
    const api = this.scenario.restApis.find((candidate) => candidate.id === apiId && candidate.region === this.region);
    if (!api) throw this.notFound(method, `Invalid API identifier specified ${this.scenario.accountId}:${apiId}`);
    return api;
  }
  private toRestApi(api: RestApiSeed): P.RestApi {
    return {id: api.id, name: api.name, createdDate: toDate(api.createdDate), endpointTypes: ['REGIONAL'], disableExecuteApiEndpoint: false};
  }
  private toStage(api: RestApiSeed, stage: RestStageSeed): P.RestStage {
    return {
      lastUpdatedDate: this.context.stageUpdatedAt.get(`${api.region}/${api.id}/${stage.stageName}`) ?? toDate(api.createdDate),
      stageName: stage.stageName,
      deploymentId: stage.deploymentId,
      methodSettings: stage.methodSettings,
      accessLogDestinationArn: stage.accessLogSettings?.destinationArn,
      accessLogFormat: stage.accessLogSettings?.format,
      tracingEnabled: stage.tracingEnabled ?? false,
      variables: stage.variables ?? {},
    };
  }
  private liveStages(api: RestApiSeed): RestStageSeed[] {
    return api.stages.map((stage) => this.context.state.restStages.get(`${api.region}/${api.id}/${stage.stageName}`) ?? stage);
  }
  private toMethod(httpMethod: string, seed: RestApiSeed['resources'][number]['methods'][string]): P.RestMethod {
    return {httpMethod, authorizationType: seed.authorizationType, authorizerId: seed.authorizerId, apiKeyRequired: seed.apiKeyRequired ?? false, integration: seed.integration};
  }
  private methodSeed(method: string, apiId: string, resourceId: string, httpMethod: string) {
    const resource = this.api(method, apiId).resources.find((candidate) => candidate.id === resourceId);
    if (!resource) throw this.notFound(method, 'Invalid Resource identifier specified');
    const seed = resource.methods[httpMethod];
    if (!seed) throw this.notFound(method, 'Invalid Method identifier specified');
    return seed;
  }

  async getRestApi(apiId: string): Promise<P.RestApi> {
    this.enter('getRestApi', apiId);
    return this.toRestApi(this.api('getRestApi', apiId));
  }
  async listRestApis(): Promise<P.RestApi[]> {
    this.enter('listRestApis');
    return this.scenario.restApis.filter((api) => api.region === this.region).map((api) => this.toRestApi(api));
  }
  async listStages(apiId: string): Promise<P.RestStage[]> {
    this.enter('listStages', apiId);
    const api = this.api('listStages', apiId);
    return this.liveStages(api).map((stage) => this.toStage(api, stage));
  }
  async getStage(apiId: string, stageName: string): Promise<P.RestStage> {
    this.enter('getStage', apiId, stageName);
    const api = this.api('getStage', apiId);
    const stage = this.liveStages(api).find((candidate) => candidate.stageName === stageName);
    if (!stage) throw this.notFound('getStage', 'Invalid stage identifier specified');
    return this.toStage(api, stage);
  }
  async listResources(apiId: string): Promise<P.RestResource[]> {
    this.enter('listResources', apiId);
    return this.api('listResources', apiId).resources.map((resource) => ({
      id: resource.id,
      parentId: resource.parentId,
      path: resource.path,
      pathPart: resource.pathPart,
      methods: Object.fromEntries(Object.entries(resource.methods).map(([verb, seed]) => [verb, this.toMethod(verb, seed)])),
    }));
  }
  async getMethod(apiId: string, resourceId: string, httpMethod: string): Promise<P.RestMethod> {
    this.enter('getMethod', apiId, resourceId, httpMethod);
    return this.toMethod(httpMethod, this.methodSeed('getMethod', apiId, resourceId, httpMethod));
  }
  async getIntegration(apiId: string, resourceId: string, httpMethod: string): Promise<P.RestIntegration> {
    this.enter('getIntegration', apiId, resourceId, httpMethod);
    const integration = this.methodSeed('getIntegration', apiId, resourceId, httpMethod).integration;
    if (!integration) throw this.notFound('getIntegration', 'No integration defined for method');
    return integration;
  }
  async listAuthorizers(apiId: string): Promise<P.Authorizer[]> {
    this.enter('listAuthorizers', apiId);
    return (this.api('listAuthorizers', apiId).authorizers ?? []).map(toAuthorizer);
  }
  async listDomainNames(): Promise<P.DomainName[]> {
    this.enter('listDomainNames');
    return this.scenario.domainNames.filter((domain) => domain.region === this.region).map((domain) => ({domainName: domain.domainName, regionalDomainName: domain.regionalDomainName}));
  }
  async listBasePathMappings(domainName: string): Promise<P.ApiMapping[]> {
    this.enter('listBasePathMappings', domainName);
    const domain = this.scenario.domainNames.find((candidate) => candidate.domainName === domainName && candidate.region === this.region);
    if (!domain) throw this.notFound('listBasePathMappings', 'Invalid domain name identifier specified');
    // Base path mappings only ever point at REST APIs; HTTP APIs appear in v2's API mappings.
    return domain.mappings.filter((mapping) => this.scenario.restApis.some((api) => api.id === mapping.apiId));
  }
  async getAccount(): Promise<P.ApiGatewayAccount> {
    this.enter('getAccount');
    return {cloudwatchRoleArn: this.scenario.apiGatewayAccounts[this.region]?.cloudwatchRoleArn};
  }
  async listGatewayResponses(apiId: string): Promise<P.GatewayResponse[]> {
    this.enter('listGatewayResponses', apiId);
    // Only the customised ones: the defaults are implied by the scenario model.
    return Object.entries(this.api('listGatewayResponses', apiId).gatewayResponses ?? {}).map(([responseType, response]): P.GatewayResponse => ({
      responseType,
      statusCode: response.statusCode,
      defaultResponse: false,
      responseTemplates: response.template === undefined ? {} : {'application/json': response.template},
    }));
  }
  async testInvokeMethod(input: Parameters<P.ApiGatewayV1Port['testInvokeMethod']>[0]): Promise<P.TestInvokeResult> {
    this.enter('testInvokeMethod', input);
    this.methodSeed('testInvokeMethod', input.apiId, input.resourceId, input.httpMethod);
    if (!this.context.options.testInvoke) throw this.unsupported('testInvokeMethod', 'pass options.testInvoke');
    return this.context.options.testInvoke(input);
  }
  async updateStageLogging(apiId: string, stageName: string, level: 'INFO' | 'ERROR' | 'OFF'): Promise<P.RestStage> {
    this.enter('updateStageLogging', apiId, stageName, level);
    const api = this.api('updateStageLogging', apiId);
    const key = `${this.region}/${apiId}/${stageName}`;
    const stage = this.context.state.restStages.get(key);
    if (!stage) throw this.notFound('updateStageLogging', 'Invalid stage identifier specified');
    const updated: RestStageSeed = {...stage, methodSettings: {...stage.methodSettings, '*/*': {...stage.methodSettings['*/*'], loggingLevel: level}}};
    this.context.state.restStages.set(key, updated);
    this.context.stageUpdatedAt.set(key, new Date());
    return this.toStage(api, updated);
  }
}

function toAuthorizer(seed: NonNullable<RestApiSeed['authorizers']>[number]): P.Authorizer {
  return {id: seed.id, name: seed.name, type: seed.type, providerArns: seed.providerArns ?? [], authorizerUri: seed.authorizerUri};
}

class FakeApiGatewayV2 extends FakePort implements P.ApiGatewayV2Port {
  protected readonly port = 'apigwv2';

  private api(method: string, apiId: string) {
    const api = this.scenario.httpApis.find((candidate) => candidate.id === apiId && candidate.region === this.region);
    if (!api) throw this.notFound(method, `Invalid API identifier specified ${apiId}`);
    return api;
  }
  private toApi(api: Scenario['httpApis'][number]): P.HttpApi {
    return {apiId: api.id, name: api.name, protocolType: 'HTTP', apiEndpoint: `https://${api.id}.execute-api.${api.region}.amazonaws.com`, disableExecuteApiEndpoint: false, createdDate: toDate(api.createdDate)};
  }

  async getApi(apiId: string): Promise<P.HttpApi> {
    this.enter('getApi', apiId);
    return this.toApi(this.api('getApi', apiId));
  }
  async listApis(): Promise<P.HttpApi[]> {
    this.enter('listApis');
    return this.scenario.httpApis.filter((api) => api.region === this.region).map((api) => this.toApi(api));
  }
  async listStages(apiId: string): Promise<P.HttpStage[]> {
    this.enter('listStages', apiId);
    const api = this.api('listStages', apiId);
    // Deployment id and dates are not in the scenario; these are the sandbox's own choices.
    return api.stages.map((stage) => ({
      stageName: stage.stageName,
      autoDeploy: stage.autoDeploy,
      deploymentId: `${api.id.slice(0, 6)}d1`,
      lastUpdatedDate: toDate(api.createdDate),
      defaultRouteSettings: {detailedMetricsEnabled: false},
      accessLogDestinationArn: stage.accessLogSettings?.destinationArn,
      accessLogFormat: stage.accessLogSettings?.format,
    }));
  }
  async listRoutes(apiId: string): Promise<P.HttpRoute[]> {
    this.enter('listRoutes', apiId);
    return [...this.api('listRoutes', apiId).routes];
  }
  async getIntegration(apiId: string, integrationId: string): Promise<P.HttpIntegration> {
    this.enter('getIntegration', apiId, integrationId);
    const integration = this.api('getIntegration', apiId).integrations.find((candidate) => candidate.integrationId === integrationId);
    if (!integration) throw this.notFound('getIntegration', `Invalid Integration identifier specified ${integrationId}`);
    return integration;
  }
  async listIntegrations(apiId: string): Promise<P.HttpIntegration[]> {
    this.enter('listIntegrations', apiId);
    return [...this.api('listIntegrations', apiId).integrations];
  }
  async listAuthorizers(apiId: string): Promise<P.Authorizer[]> {
    this.enter('listAuthorizers', apiId);
    return (this.api('listAuthorizers', apiId).authorizers ?? []).map(toAuthorizer);
  }
  async listDomainNames(): Promise<P.DomainName[]> {
    this.enter('listDomainNames');
    return this.scenario.domainNames.filter((domain) => domain.region === this.region).map((domain) => ({domainName: domain.domainName, regionalDomainName: domain.regionalDomainName}));
  }
  async listApiMappings(domainName: string): Promise<P.ApiMapping[]> {
    this.enter('listApiMappings', domainName);
    const domain = this.scenario.domainNames.find((candidate) => candidate.domainName === domainName && candidate.region === this.region);
    if (!domain) throw this.notFound('listApiMappings', `Invalid domain name identifier specified ${domainName}`);
    return [...domain.mappings];
  }
}

class FakeLambda extends FakePort implements P.LambdaPort {
  protected readonly port = 'lambda';

  /** Accepts a name, a function ARN or a partial ARN, like Lambda does. */
  private function(method: string, nameOrArn: string, qualifier?: string): FunctionSeed {
    const [, , , arnRegion, , , name, arnQualifier] = nameOrArn.startsWith('arn:') ? nameOrArn.split(':') : ['', '', '', this.region, '', '', nameOrArn];
    const version = qualifier ?? arnQualifier ?? '$LATEST';
    const seed = this.scenario.functions.find((candidate) => candidate.name === name && candidate.region === (arnRegion || this.region));
    // Scenarios model no published versions or aliases, so only $LATEST exists.
    if (!seed || version !== '$LATEST') throw new AwsError({kind: 'NotFound', action: actionFor('lambda', method), message: `Function not found: ${nameOrArn}`, code: 'ResourceNotFoundException', httpStatus: 404});
    return seed;
  }
  private toFunction(seed: FunctionSeed): P.LambdaFunction {
    return {
      functionName: seed.name,
      functionArn: `arn:aws:lambda:${seed.region}:${this.scenario.accountId}:function:${seed.name}`,
      runtime: seed.runtime,
      handler: seed.handler,
      role: seed.roleArn,
      timeout: seed.timeout,
      memorySize: seed.memorySize,
      state: 'Active',
      lastUpdateStatus: 'Successful',
      logFormat: seed.logFormat ?? 'Text',
      logGroup: seed.logGroup ?? `/aws/lambda/${seed.name}`,
      version: '$LATEST',
    };
  }

  async getFunctionConfiguration(functionName: string, qualifier?: string): Promise<P.LambdaFunction> {
    this.enter('getFunctionConfiguration', functionName, qualifier);
    return this.toFunction(this.function('getFunctionConfiguration', functionName, qualifier));
  }
  async getFunction(functionName: string, qualifier?: string): Promise<P.LambdaFunctionWithCode> {
    this.enter('getFunction', functionName, qualifier);
    const seed = this.function('getFunction', functionName, qualifier);
    // A data: URL stands in for the pre-signed S3 URL; fetch() reads both.
    const zip = zipSync(Object.fromEntries(Object.entries(seed.code).map(([path, text]) => [path, strToU8(text)])));
    return {...this.toFunction(seed), packageType: 'Zip', codeLocation: `data:application/zip;base64,${Buffer.from(zip).toString('base64')}`};
  }
  async getPolicy(functionName: string, qualifier?: string): Promise<string | undefined> {
    this.enter('getPolicy', functionName, qualifier);
    const policy = this.function('getPolicy', functionName, qualifier).resourcePolicy;
    // Lambda names the document "default", as GetPolicy shows it.
    return policy && JSON.stringify({Version: policy.Version, Id: 'default', Statement: policy.Statement});
  }
}

/** CloudWatch Logs filter patterns: only the term syntax ("a b", "\"a b\"", ?a ?b, -a). */
function termFilter(pattern: string | undefined): (message: string) => boolean {
  const terms = (pattern ?? '').match(/[?-]?"[^"]*"|\S+/g) ?? [];
  const unquote = (term: string) => term.replace(/^[?-]/, '').replace(/^"|"$/g, '');
  const anyOf = terms.filter((term) => term.startsWith('?')).map(unquote);
  const noneOf = terms.filter((term) => term.startsWith('-')).map(unquote);
  const allOf = terms.filter((term) => !term.startsWith('?') && !term.startsWith('-')).map(unquote);
  return (message) => allOf.every((term) => message.includes(term)) && noneOf.every((term) => !message.includes(term)) && (anyOf.length === 0 || anyOf.some((term) => message.includes(term)));
}

class FakeLogs extends FakePort implements P.CloudWatchLogsPort {
  protected readonly port = 'logs';
  private readonly queries = new Map<string, {logGroupNames: readonly string[]; queryString: string}>();

  private group(method: string, name: string) {
    const group = this.context.state.logGroups.get(logGroupKey(this.region, name));
    if (!group) throw new AwsError({kind: 'NotFound', action: actionFor('logs', method), message: 'The specified log group does not exist.', code: 'ResourceNotFoundException', httpStatus: 400});
    return group;
  }

  async describeLogGroups(prefix: string): Promise<P.LogGroup[]> {
    this.enter('describeLogGroups', prefix);
    return [...this.context.state.logGroups.values()]
      .filter((group) => group.region === this.region && group.name.startsWith(prefix))
      .map((group) => ({logGroupName: group.name, retentionInDays: group.retentionInDays, creationTime: group.creationTime}));
  }
  async describeLogStreams(logGroupName: string, input?: {orderByLastEventTime?: boolean; limit?: number}): Promise<P.LogStream[]> {
    this.enter('describeLogStreams', logGroupName, input);
    const streams = [...this.group('describeLogStreams', logGroupName).streams].map(([logStreamName, events]) => ({logStreamName, firstEventTimestamp: events[0]?.timestamp, lastEventTimestamp: events.at(-1)?.timestamp}));
    if (input?.orderByLastEventTime) streams.sort((a, b) => (b.lastEventTimestamp ?? 0) - (a.lastEventTimestamp ?? 0));
    else streams.sort((a, b) => a.logStreamName.localeCompare(b.logStreamName));
    return streams.slice(0, input?.limit);
  }
  async filterLogEvents(input: P.FilterLogEventsInput, onPage: (events: readonly P.LogEvent[]) => void): Promise<{events: number; pages: number}> {
    this.enter('filterLogEvents', input);
    if (/^\s*[{[]/.test(input.filterPattern ?? '')) throw this.unsupported('filterLogEvents', 'JSON and space-delimited filter patterns are not modelled');
    const matches = termFilter(input.filterPattern);
    const events = [...this.group('filterLogEvents', input.logGroupName).streams]
      .filter(([name]) => !input.logStreamNames || input.logStreamNames.includes(name))
      .flatMap(([logStreamName, stored]) => stored.map((event) => ({logStreamName, timestamp: event.timestamp, message: event.message, eventId: event.eventId})))
      .filter((event) => event.timestamp >= input.startTime && event.timestamp <= input.endTime && matches(event.message))
      .sort((a, b) => a.timestamp - b.timestamp)
      .slice(0, input.maxEvents);
    const pageSize = 50;
    for (let start = 0; start < events.length; start += pageSize) onPage(events.slice(start, start + pageSize));
    return {events: events.length, pages: Math.max(1, Math.ceil(events.length / pageSize))};
  }
  async getLogEvents(logGroupName: string, logStreamName: string, input?: {startTime?: number; endTime?: number; limit?: number}): Promise<P.LogEvent[]> {
    this.enter('getLogEvents', logGroupName, logStreamName, input);
    const stream = this.group('getLogEvents', logGroupName).streams.get(logStreamName);
    if (!stream) throw new AwsError({kind: 'NotFound', action: 'logs:GetLogEvents', message: 'The specified log stream does not exist.', code: 'ResourceNotFoundException', httpStatus: 400});
    return stream
      .filter((event) => event.timestamp >= (input?.startTime ?? 0) && event.timestamp <= (input?.endTime ?? Number.POSITIVE_INFINITY))
      .slice(0, input?.limit)
      .map((event) => ({logStreamName, timestamp: event.timestamp, message: event.message, eventId: event.eventId}));
  }
  async startQuery(input: {logGroupNames: readonly string[]; startTime: number; endTime: number; queryString: string; limit?: number}): Promise<string> {
    this.enter('startQuery', input);
    if (!this.context.options.queryResults) throw this.unsupported('startQuery', 'pass options.queryResults');
    for (const name of input.logGroupNames) this.group('startQuery', name);
    const queryId = `query-${this.queries.size + 1}`;
    this.queries.set(queryId, {logGroupNames: input.logGroupNames, queryString: input.queryString});
    return queryId;
  }
  async getQueryResults(queryId: string): Promise<P.QueryResults> {
    this.enter('getQueryResults', queryId);
    const query = this.queries.get(queryId);
    if (!query || !this.context.options.queryResults) throw new AwsError({kind: 'NotFound', action: 'logs:GetQueryResults', message: `Query ${queryId} does not exist.`, code: 'ResourceNotFoundException'});
    return this.context.options.queryResults(query);
  }
  async stopQuery(queryId: string): Promise<void> {
    this.enter('stopQuery', queryId);
    this.queries.delete(queryId);
  }
}

class FakeIam extends FakePort implements P.IamPort {
  protected readonly port = 'iam';

  private noSuchEntity(method: string, message: string): AwsError {
    return new AwsError({kind: 'NotFound', action: actionFor('iam', method), message, code: 'NoSuchEntity', httpStatus: 404});
  }
  private roleSeed(method: string, roleName: string) {
    const role = this.scenario.roles.find((candidate) => candidate.name === roleName);
    if (!role) throw this.noSuchEntity(method, `The role with name ${roleName} cannot be found.`);
    return role;
  }
  private toRole(role: Scenario['roles'][number]): P.IamRole {
    const path = role.path ?? '/';
    return {roleName: role.name, arn: `arn:aws:iam::${this.scenario.accountId}:role${path}${role.name}`, path, assumeRolePolicyDocument: JSON.stringify(role.assumeRolePolicy), permissionsBoundaryArn: role.permissionsBoundaryArn};
  }
  private managed(method: string, policyArn: string) {
    const policy = this.scenario.managedPolicies.find((candidate) => candidate.arn === policyArn);
    if (!policy) throw this.noSuchEntity(method, `Policy ${policyArn} does not exist or is not attachable.`);
    return policy;
  }

  async getRole(roleName: string): Promise<P.IamRole> {
    this.enter('getRole', roleName);
    return this.toRole(this.roleSeed('getRole', roleName));
  }
  async listRoles(): Promise<P.IamRole[]> {
    this.enter('listRoles');
    return this.scenario.roles.map((role) => this.toRole(role));
  }
  async listRolePolicies(roleName: string): Promise<string[]> {
    this.enter('listRolePolicies', roleName);
    this.roleSeed('listRolePolicies', roleName);
    return [...(this.context.state.inlinePolicies.get(roleName)?.keys() ?? [])];
  }
  async getRolePolicy(roleName: string, policyName: string): Promise<string> {
    this.enter('getRolePolicy', roleName, policyName);
    this.roleSeed('getRolePolicy', roleName);
    const document = this.context.state.inlinePolicies.get(roleName)?.get(policyName);
    if (!document) throw this.noSuchEntity('getRolePolicy', `The role policy with name ${policyName} cannot be found.`);
    return JSON.stringify(document);
  }
  async listAttachedRolePolicies(roleName: string): Promise<P.AttachedPolicy[]> {
    this.enter('listAttachedRolePolicies', roleName);
    return this.roleSeed('listAttachedRolePolicies', roleName).attachedPolicyArns.map((policyArn) => ({policyArn, policyName: policyArn.split('/').at(-1) ?? policyArn}));
  }
  async getPolicy(policyArn: string): Promise<P.ManagedPolicy> {
    this.enter('getPolicy', policyArn);
    const policy = this.managed('getPolicy', policyArn);
    return {arn: policy.arn, policyName: policy.name, defaultVersionId: 'v1'};
  }
  async getPolicyVersion(policyArn: string, versionId: string): Promise<string> {
    this.enter('getPolicyVersion', policyArn, versionId);
    const policy = this.managed('getPolicyVersion', policyArn);
    if (versionId !== 'v1') throw this.noSuchEntity('getPolicyVersion', `Policy ${policyArn} version ${versionId} does not exist.`);
    return JSON.stringify(policy.document);
  }
  async simulatePrincipalPolicy(input: Parameters<P.IamPort['simulatePrincipalPolicy']>[0]): Promise<P.EvaluationResult[]> {
    this.enter('simulatePrincipalPolicy', input);
    if (!this.context.options.simulate) throw this.unsupported('simulatePrincipalPolicy', 'pass options.simulate');
    return this.context.options.simulate(input);
  }
  async putRolePolicy(roleName: string, policyName: string, policyDocument: string): Promise<void> {
    this.enter('putRolePolicy', roleName, policyName, policyDocument);
    this.roleSeed('putRolePolicy', roleName);
    const policies = this.context.state.inlinePolicies.get(roleName) ?? new Map();
    policies.set(policyName, JSON.parse(policyDocument));
    this.context.state.inlinePolicies.set(roleName, policies);
  }
}

class FakeCognito extends FakePort implements P.CognitoIdentityPort {
  protected readonly port = 'cognito';

  private pool(method: string, identityPoolId: string) {
    const pool = this.scenario.identityPools.find((candidate) => candidate.id === identityPoolId && candidate.region === this.region);
    if (!pool) throw new AwsError({kind: 'NotFound', action: actionFor('cognito', method), message: `IdentityPool '${identityPoolId}' not found.`, code: 'ResourceNotFoundException', httpStatus: 400});
    return pool;
  }

  async listIdentityPools(): Promise<P.IdentityPoolSummary[]> {
    this.enter('listIdentityPools');
    return this.scenario.identityPools.filter((pool) => pool.region === this.region).map((pool) => ({identityPoolId: pool.id, identityPoolName: pool.name}));
  }
  async describeIdentityPool(identityPoolId: string): Promise<P.IdentityPool> {
    this.enter('describeIdentityPool', identityPoolId);
    const pool = this.pool('describeIdentityPool', identityPoolId);
    return {identityPoolId: pool.id, identityPoolName: pool.name, allowUnauthenticatedIdentities: pool.allowUnauthenticatedIdentities, cognitoIdentityProviders: pool.cognitoIdentityProviders ?? [], supportedLoginProviders: {}};
  }
  async getIdentityPoolRoles(identityPoolId: string): Promise<P.IdentityPoolRoles> {
    this.enter('getIdentityPoolRoles', identityPoolId);
    const pool = this.pool('getIdentityPoolRoles', identityPoolId);
    return {identityPoolId: pool.id, authenticatedRoleArn: pool.authenticatedRoleArn, unauthenticatedRoleArn: pool.unauthenticatedRoleArn, roleMappings: pool.roleMappings ?? {}};
  }
}

class FakeSts extends FakePort implements P.StsPort {
  protected readonly port = 'sts';

  async getCallerIdentity(): Promise<P.CallerIdentity> {
    this.enter('getCallerIdentity');
    return {account: this.scenario.accountId, arn: `arn:aws:iam::${this.scenario.accountId}:user/doctor`, userId: 'AIDAFAKEUSER0000000'};
  }
}

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
