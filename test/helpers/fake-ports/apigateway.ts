// API Gateway v1 (REST) and v2 (HTTP APIs) read from the scenario, as the adapters return them.
import type * as P from '../../../src/aws/ports.js';
import type {RestApiSeed, RestStageSeed, Scenario} from '../../../src/sandbox/scenario.js';
import {FakePort, toDate} from './base.js';

export class FakeApiGatewayV1 extends FakePort implements P.ApiGatewayV1Port {
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
    return domainsIn(this.scenario, this.region).map(toDomainName);
  }
  async listBasePathMappings(domainName: string): Promise<P.ApiMapping[]> {
    this.enter('listBasePathMappings', domainName);
    const domain = domainsIn(this.scenario, this.region).find((candidate) => candidate.domainName === domainName);
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

/** Custom domain names belong to a region and serve both API Gateway versions. */
function domainsIn(scenario: Scenario, region: string): Scenario['domainNames'] {
  return scenario.domainNames.filter((domain) => domain.region === region);
}

function toDomainName(domain: Scenario['domainNames'][number]): P.DomainName {
  return {domainName: domain.domainName, regionalDomainName: domain.regionalDomainName};
}

export class FakeApiGatewayV2 extends FakePort implements P.ApiGatewayV2Port {
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
    return domainsIn(this.scenario, this.region).map(toDomainName);
  }
  async listApiMappings(domainName: string): Promise<P.ApiMapping[]> {
    this.enter('listApiMappings', domainName);
    const domain = domainsIn(this.scenario, this.region).find((candidate) => candidate.domainName === domainName);
    if (!domain) throw this.notFound('listApiMappings', `Invalid domain name identifier specified ${domainName}`);
    return [...domain.mappings];
  }
}
