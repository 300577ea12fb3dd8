// Writes a scenario into moto (an independent AWS emulator) through the SDK's own create/put
// calls, so contract tests can ask moto and the sandbox the same questions. moto picks most
// ids itself: the report maps each scenario id to moto's, and ids that other documents quote
// (API ids in execute-api ARNs, pool ids in trust policies) are rewritten before those
// documents are written, so the story stays true inside moto. moto 5.2.1 keeps REST API ids
// given in the `_custom_id_` tag; everything moto cannot store is listed in `notStored`.
import {APIGatewayClient, CreateBasePathMappingCommand, CreateDeploymentCommand, CreateDomainNameCommand, CreateResourceCommand, CreateRestApiCommand, CreateStageCommand, PutGatewayResponseCommand, PutIntegrationCommand, PutMethodCommand, UpdateAccountCommand, UpdateStageCommand, CreateAuthorizerCommand, type PatchOperation, type GatewayResponseType, type AuthorizerType} from '@aws-sdk/client-api-gateway';
import {ApiGatewayV2Client, CreateApiCommand, CreateIntegrationCommand, CreateRouteCommand, CreateStageCommand as CreateHttpStageCommand} from '@aws-sdk/client-apigatewayv2';
import {CloudWatchLogsClient, CreateLogGroupCommand, CreateLogStreamCommand, PutLogEventsCommand, PutRetentionPolicyCommand} from '@aws-sdk/client-cloudwatch-logs';
import {CognitoIdentityClient, CreateIdentityPoolCommand} from '@aws-sdk/client-cognito-identity';
import {AttachRolePolicyCommand, CreatePolicyCommand, CreateRoleCommand, IAMClient, PutRolePolicyCommand} from '@aws-sdk/client-iam';
import {AddPermissionCommand, CreateFunctionCommand, LambdaClient, type Runtime} from '@aws-sdk/client-lambda';
import {strToU8, zipSync} from 'fflate';
import type {FunctionSeed, HttpApiSeed, LogGroupSeed, RestApiSeed, Scenario} from './scenario.js';

export interface SeedClientConfig {
  readonly endpoint: string;
  readonly credentials: {readonly accessKeyId: string; readonly secretAccessKey: string};
  readonly maxAttempts?: number;
}

export interface SeedReport {
  /** Scenario id → moto's id, for every id moto chose (identity when it kept ours). */
  readonly ids: Readonly<Record<string, string>>;
  /** Parts of the scenario moto 5.2.1 cannot store, in words. */
  readonly notStored: readonly string[];
  /** The moment log event times were computed from (timestamp = now - agoMs). */
  readonly now: number;
}

const PUT_LOG_EVENTS_BATCH = 5_000;
const AWS_MANAGED_POLICY = /^arn:aws:iam::aws:policy\//;

class Clients {
  private readonly cache = new Map<string, unknown>();
  constructor(private readonly config: SeedClientConfig) {}
  private get<C>(kind: string, region: string, make: (options: object) => C): C {
    const key = `${kind}/${region}`;
    if (!this.cache.has(key)) this.cache.set(key, make({...this.config, region, maxAttempts: this.config.maxAttempts ?? 1}));
    return this.cache.get(key) as C;
  }
  apigw = (region: string) => this.get('apigw', region, (o) => new APIGatewayClient(o));
  apigwv2 = (region: string) => this.get('apigwv2', region, (o) => new ApiGatewayV2Client(o));
  lambda = (region: string) => this.get('lambda', region, (o) => new LambdaClient(o));
  logs = (region: string) => this.get('logs', region, (o) => new CloudWatchLogsClient(o));
  cognito = (region: string) => this.get('cognito', region, (o) => new CognitoIdentityClient(o));
  iam = (region: string) => this.get('iam', region, (o) => new IAMClient(o));
  destroy(): void {
    for (const client of this.cache.values()) (client as {destroy(): void}).destroy();
  }
}

/** Ids that appear inside other documents; rewritten wherever they are quoted. */
class IdMap {
  readonly ids: Record<string, string> = {};
  private readonly quoted: Array<[string, string]> = [];
  set(scenarioId: string, motoId: string, quotedElsewhere = false): void {
    this.ids[scenarioId] = motoId;
    if (quotedElsewhere && scenarioId !== motoId) this.quoted.push([scenarioId, motoId]);
  }
  get(scenarioId: string): string {
    const id = this.ids[scenarioId];
    if (id === undefined) throw new Error(`moto seeder: no moto id for "${scenarioId}" yet`);
    return id;
  }
  rewrite(text: string): string {
    return this.quoted.reduce((out, [from, to]) => out.replaceAll(from, to), text);
  }
}

function required<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`moto seeder: moto returned no ${what}`);
  return value;
}

async function seedIdentityPools(scenario: Scenario, clients: Clients, ids: IdMap, notStored: string[]): Promise<void> {
  for (const pool of scenario.identityPools) {
    const created = await clients.cognito(pool.region).send(
      new CreateIdentityPoolCommand({
        IdentityPoolName: pool.name,
        AllowUnauthenticatedIdentities: pool.allowUnauthenticatedIdentities,
        CognitoIdentityProviders: pool.cognitoIdentityProviders?.map((p) => ({ProviderName: p.providerName, ClientId: p.clientId, ServerSideTokenCheck: false})),
      }),
    );
    ids.set(pool.id, required(created.IdentityPoolId, 'IdentityPoolId'), true);
    if (pool.authenticatedRoleArn || pool.unauthenticatedRoleArn || pool.roleMappings) {
      notStored.push(`identity pool ${pool.name}: roles (moto 5.2.1 has no SetIdentityPoolRoles/GetIdentityPoolRoles)`);
    }
  }
}

async function seedIam(scenario: Scenario, clients: Clients, ids: IdMap): Promise<void> {
  const iam = clients.iam(scenario.region);
  for (const p of scenario.managedPolicies) {
    // AWS-managed policies come with moto (MOTO_IAM_LOAD_MANAGED_POLICIES=true).
    if (AWS_MANAGED_POLICY.test(p.arn)) continue;
    const created = await iam.send(new CreatePolicyCommand({PolicyName: p.name, Path: p.path, PolicyDocument: ids.rewrite(JSON.stringify(p.document))}));
    ids.set(p.arn, required(created.Policy?.Arn, 'policy ARN'));
  }
  for (const role of scenario.roles) {
    await iam.send(
      new CreateRoleCommand({RoleName: role.name, Path: role.path, Description: role.description, AssumeRolePolicyDocument: ids.rewrite(JSON.stringify(role.assumeRolePolicy)), PermissionsBoundary: role.permissionsBoundaryArn}),
    );
    for (const [name, document] of Object.entries(role.inlinePolicies)) {
      await iam.send(new PutRolePolicyCommand({RoleName: role.name, PolicyName: name, PolicyDocument: ids.rewrite(JSON.stringify(document))}));
    }
    for (const arn of role.attachedPolicyArns) await iam.send(new AttachRolePolicyCommand({RoleName: role.name, PolicyArn: ids.ids[arn] ?? arn}));
  }
}

function methodSettingPatches(key: string, setting: RestApiSeed['stages'][number]['methodSettings'][string]): PatchOperation[] {
  const patch = (path: string, value: string | boolean | undefined): PatchOperation[] => (value === undefined ? [] : [{op: 'replace', path: `/${key}/${path}`, value: String(value)}]);
  return [...patch('logging/loglevel', setting.loggingLevel), ...patch('logging/dataTrace', setting.dataTraceEnabled), ...patch('metrics/enabled', setting.metricsEnabled)];
}

async function seedRestApi(api: RestApiSeed, clients: Clients, ids: IdMap): Promise<void> {
  const apigw = clients.apigw(api.region);
  const created = await apigw.send(new CreateRestApiCommand({name: api.name, description: api.description, endpointConfiguration: {types: ['REGIONAL']}, tags: {_custom_id_: api.id}}));
  const restApiId = required(created.id, 'rest API id');
  ids.set(api.id, restApiId, true);
  const byDepth = [...api.resources].sort((a, b) => a.path.split('/').length - b.path.split('/').length);
  for (const resource of byDepth) {
    if (resource.parentId === undefined) {
      ids.set(resource.id, required(created.rootResourceId, 'rootResourceId'));
    } else {
      const child = await apigw.send(new CreateResourceCommand({restApiId, parentId: ids.get(resource.parentId), pathPart: resource.pathPart}));
      ids.set(resource.id, required(child.id, 'resource id'));
    }
  }
  for (const authorizer of api.authorizers ?? []) {
    const made = await apigw.send(
      new CreateAuthorizerCommand({restApiId, name: authorizer.name, type: authorizer.type as AuthorizerType, providerARNs: authorizer.providerArns ? [...authorizer.providerArns] : undefined, authorizerUri: authorizer.authorizerUri}),
    );
    ids.set(authorizer.id, required(made.id, 'authorizer id'));
  }
  for (const resource of api.resources) {
    for (const [httpMethod, method] of Object.entries(resource.methods)) {
      const resourceId = ids.get(resource.id);
      await apigw.send(
        new PutMethodCommand({restApiId, resourceId, httpMethod, authorizationType: method.authorizationType, authorizerId: method.authorizerId && ids.get(method.authorizerId), apiKeyRequired: method.apiKeyRequired ?? false}),
      );
      if (method.integration === undefined) continue;
      const {type, uri, httpMethod: integrationHttpMethod, timeoutInMillis} = method.integration;
      await apigw.send(new PutIntegrationCommand({restApiId, resourceId, httpMethod, type, uri: uri && ids.rewrite(uri), integrationHttpMethod, timeoutInMillis}));
    }
  }
  for (const [responseType, response] of Object.entries(api.gatewayResponses ?? {})) {
    await apigw.send(
      new PutGatewayResponseCommand({restApiId, responseType: responseType as GatewayResponseType, statusCode: response.statusCode, responseTemplates: response.template ? {'application/json': response.template} : undefined}),
    );
  }
  for (const deploymentId of new Set(api.stages.map((stage) => stage.deploymentId))) {
    const deployment = await apigw.send(new CreateDeploymentCommand({restApiId, description: `scenario deployment ${deploymentId}`}));
    ids.set(deploymentId, required(deployment.id, 'deployment id'));
  }
  for (const stage of api.stages) {
    await apigw.send(new CreateStageCommand({restApiId, stageName: stage.stageName, deploymentId: ids.get(stage.deploymentId), variables: stage.variables && {...stage.variables}, tracingEnabled: stage.tracingEnabled}));
    const patchOperations: PatchOperation[] = Object.entries(stage.methodSettings).flatMap(([key, setting]) => methodSettingPatches(key, setting));
    if (stage.accessLogSettings) {
      patchOperations.push(
        {op: 'replace', path: '/accessLogSettings/destinationArn', value: stage.accessLogSettings.destinationArn},
        {op: 'replace', path: '/accessLogSettings/format', value: stage.accessLogSettings.format},
      );
    }
    if (patchOperations.length > 0) await apigw.send(new UpdateStageCommand({restApiId, stageName: stage.stageName, patchOperations}));
  }
}

async function seedHttpApi(api: HttpApiSeed, clients: Clients, ids: IdMap, notStored: string[]): Promise<void> {
  const v2 = clients.apigwv2(api.region);
  const created = await v2.send(new CreateApiCommand({Name: api.name, ProtocolType: 'HTTP'}));
  const apiId = required(created.ApiId, 'ApiId');
  ids.set(api.id, apiId, true);
  for (const integration of api.integrations) {
    const made = await v2.send(
      new CreateIntegrationCommand({
        ApiId: apiId,
        IntegrationType: integration.integrationType,
        IntegrationUri: ids.rewrite(integration.integrationUri),
        PayloadFormatVersion: integration.payloadFormatVersion,
        TimeoutInMillis: integration.timeoutInMillis,
      }),
    );
    ids.set(integration.integrationId, required(made.IntegrationId, 'IntegrationId'));
  }
  for (const route of api.routes) {
    const target = route.target?.replace(/^integrations\/(.+)$/, (_, id: string) => `integrations/${ids.get(id)}`);
    const made = await v2.send(new CreateRouteCommand({ApiId: apiId, RouteKey: route.routeKey, AuthorizationType: route.authorizationType, Target: target}));
    ids.set(route.routeId, required(made.RouteId, 'RouteId'));
  }
  for (const stage of api.stages) {
    await v2.send(new CreateHttpStageCommand({ApiId: apiId, StageName: stage.stageName, AutoDeploy: stage.autoDeploy, AccessLogSettings: stage.accessLogSettings && {DestinationArn: stage.accessLogSettings.destinationArn, Format: stage.accessLogSettings.format}}));
  }
  if ((api.authorizers ?? []).length > 0) notStored.push(`HTTP API ${api.name}: authorizers (not seeded)`);
}

async function seedFunction(fn: FunctionSeed, clients: Clients, ids: IdMap, notStored: string[]): Promise<void> {
  const lambda = clients.lambda(fn.region);
  const zip = zipSync(Object.fromEntries(Object.entries(fn.code).map(([name, text]) => [name, strToU8(text)])));
  await lambda.send(
    new CreateFunctionCommand({
      FunctionName: fn.name,
      Runtime: fn.runtime as Runtime,
      Role: fn.roleArn,
      Handler: fn.handler,
      Code: {ZipFile: zip},
      Timeout: fn.timeout,
      MemorySize: fn.memorySize,
      LoggingConfig: {LogFormat: fn.logFormat ?? 'Text', LogGroup: fn.logGroup ?? `/aws/lambda/${fn.name}`},
    }),
  );
  notStored.push(`function ${fn.name}: LoggingConfig (moto 5.2.1 neither stores nor returns it)`);
  for (const statement of fn.resourcePolicy?.Statement ?? []) {
    const principal = (statement.Principal as {Service?: string} | undefined)?.Service;
    const sourceArn = (statement.Condition as {ArnLike?: Record<string, string>} | undefined)?.ArnLike?.['AWS:SourceArn'];
    await lambda.send(
      new AddPermissionCommand({
        FunctionName: fn.name,
        StatementId: String(statement.Sid),
        Action: String(statement.Action),
        Principal: principal,
        SourceArn: sourceArn && ids.rewrite(sourceArn),
      }),
    );
  }
}

async function seedLogGroup(group: LogGroupSeed, now: number, clients: Clients): Promise<void> {
  const logs = clients.logs(group.region);
  await logs.send(new CreateLogGroupCommand({logGroupName: group.name}));
  if (group.retentionInDays !== undefined) await logs.send(new PutRetentionPolicyCommand({logGroupName: group.name, retentionInDays: group.retentionInDays}));
  for (const stream of group.streams) {
    await logs.send(new CreateLogStreamCommand({logGroupName: group.name, logStreamName: stream.name}));
    const events = stream.events.map((e) => ({timestamp: now - e.agoMs, message: e.message})).sort((a, b) => a.timestamp - b.timestamp);
    for (let i = 0; i < events.length; i += PUT_LOG_EVENTS_BATCH) {
      await logs.send(new PutLogEventsCommand({logGroupName: group.name, logStreamName: stream.name, logEvents: events.slice(i, i + PUT_LOG_EVENTS_BATCH)}));
    }
  }
}

async function seedDomains(scenario: Scenario, clients: Clients, ids: IdMap): Promise<void> {
  for (const domain of scenario.domainNames) {
    const apigw = clients.apigw(domain.region);
    const created = await apigw.send(
      new CreateDomainNameCommand({
        domainName: domain.domainName,
        regionalCertificateArn: `arn:aws:acm:${domain.region}:${scenario.accountId}:certificate/5c1e7f3a-9d2b-4e8f-a6c0-31b7d94e2f18`,
        endpointConfiguration: {types: ['REGIONAL']},
      }),
    );
    ids.set(domain.regionalDomainName, required(created.regionalDomainName, 'regionalDomainName'));
    for (const mapping of domain.mappings) {
      await apigw.send(new CreateBasePathMappingCommand({domainName: domain.domainName, restApiId: ids.get(mapping.apiId), basePath: mapping.basePath, stage: mapping.stage}));
    }
  }
}

export async function seedMoto(scenario: Scenario, clientConfig: SeedClientConfig, now: number = Date.now()): Promise<SeedReport> {
  const clients = new Clients(clientConfig);
  const ids = new IdMap();
  const notStored: string[] = [];
  try {
    // Order matters: ids quoted by later documents (pool ids in trust policies, API ids in
    // Lambda permissions) must be known before those documents are written.
    await seedIdentityPools(scenario, clients, ids, notStored);
    await seedIam(scenario, clients, ids);
    for (const api of scenario.restApis) await seedRestApi(api, clients, ids);
    for (const api of scenario.httpApis) await seedHttpApi(api, clients, ids, notStored);
    for (const fn of scenario.functions) await seedFunction(fn, clients, ids, notStored);
    for (const group of scenario.logGroups) await seedLogGroup(group, now, clients);
    await seedDomains(scenario, clients, ids);
    for (const [region, account] of Object.entries(scenario.apiGatewayAccounts)) {
      if (account.cloudwatchRoleArn === undefined) continue;
      await clients.apigw(region).send(new UpdateAccountCommand({patchOperations: [{op: 'replace', path: '/cloudwatchRoleArn', value: account.cloudwatchRoleArn}]}));
    }
  } finally {
    clients.destroy();
  }
  return {ids: ids.ids, notStored, now};
}
