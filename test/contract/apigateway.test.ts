// API Gateway v1 (REST) and v2 (HTTP APIs): the reads the endpoint, identity and logs stages
// make, asked of the sandbox and of moto with the healthy preset loaded in both.
import {
  APIGatewayClient,
  GetAccountCommand,
  GetAuthorizersCommand,
  GetBasePathMappingsCommand,
  GetDomainNamesCommand,
  GetGatewayResponsesCommand,
  GetIntegrationCommand,
  GetMethodCommand,
  GetResourcesCommand,
  GetRestApiCommand,
  GetRestApisCommand,
  GetStageCommand,
  GetStagesCommand,
  UpdateStageCommand,
  type Integration,
  type Resource,
  type Stage,
} from '@aws-sdk/client-api-gateway';
import {
  ApiGatewayV2Client,
  GetApiCommand,
  GetApisCommand,
  GetIntegrationCommand as GetHttpIntegrationCommand,
  GetIntegrationsCommand,
  GetRoutesCommand,
  GetStageCommand as GetHttpStageCommand,
  GetStagesCommand as GetHttpStagesCommand,
  GetAuthorizersCommand as GetHttpAuthorizersCommand,
  type Api,
  type Integration as HttpIntegration,
  type Stage as HttpStage,
} from '@aws-sdk/client-apigatewayv2';
import {expect, it} from 'vitest';
import {HTTP_API_ID, HTTP_INTEGRATION_ID, REST_API_ID, REST_RESOURCE_IDS} from '../../src/sandbox/scenarios/ids.js';
import {byKey, contractSuite, type Backend} from './backends.js';

const v1 = (b: Backend, region?: string) => new APIGatewayClient(b.config(region));
const v2 = (b: Backend, region?: string) => new ApiGatewayV2Client(b.config(region));

const stageView = (s: Stage) => ({
  stageName: s.stageName,
  deploymentId: s.deploymentId,
  methodSettings: Object.fromEntries(
    Object.entries(s.methodSettings ?? {}).map(([key, m]) => [key, {loggingLevel: m.loggingLevel, dataTraceEnabled: m.dataTraceEnabled, metricsEnabled: m.metricsEnabled}]),
  ),
  accessLogSettings: s.accessLogSettings,
  tracingEnabled: s.tracingEnabled ?? false,
  variables: s.variables ?? {},
});

const resourceView = (r: Resource) => ({
  id: r.id,
  parentId: r.parentId,
  pathPart: r.pathPart,
  path: r.path,
  methods: Object.entries(r.resourceMethods ?? {})
    .map(([verb, m]) => `${verb} ${m.authorizationType ?? '?'} ${m.methodIntegration?.type ?? '?'} ${m.methodIntegration?.uri ?? '?'}`)
    .sort(),
});

contractSuite('contract: API Gateway', 'healthy', (backends) => {
  it('GetRestApis lists the notes API with the fields the endpoint stage reads', async () => {
    const {sandbox, moto} = await backends().both(async (b) => {
      const out = await v1(b).send(new GetRestApisCommand({}));
      return byKey(out.items, (a) => a.id ?? '').map((a) => ({id: a.id, name: a.name, description: a.description, types: a.endpointConfiguration?.types, created: a.createdDate instanceof Date}));
    });
    expect(sandbox).toEqual(moto);
    expect(sandbox.map((a) => a.id)).toEqual([REST_API_ID]);
  });

  it('GetRestApi answers the API by id, and NotFoundException 404 for an unknown id or the wrong region', async () => {
    const {sandbox, moto} = await backends().both(async (b) => {
      const a = await v1(b).send(new GetRestApiCommand({restApiId: REST_API_ID}));
      return {id: a.id, name: a.name, rootResourceId: a.rootResourceId, disableExecuteApiEndpoint: a.disableExecuteApiEndpoint ?? false};
    });
    expect(sandbox).toEqual(moto);
    expect(sandbox.rootResourceId).toBe(REST_RESOURCE_IDS.root);
    for (const [restApiId, region] of [['zz9zz9zz9z', undefined], [REST_API_ID, 'eu-west-1']] as const) {
      const errors = await backends().bothFail((b) => v1(b, region).send(new GetRestApiCommand({restApiId})));
      expect(errors.sandbox).toEqual(errors.moto);
      expect(errors.sandbox).toEqual({name: 'NotFoundException', status: 404});
    }
  });

  it('GetStages and GetStage give deployment, method settings (logging) and access logs', async () => {
    const {sandbox, moto} = await backends().both(async (b) => {
      const stages = await v1(b).send(new GetStagesCommand({restApiId: REST_API_ID}));
      const prod = await v1(b).send(new GetStageCommand({restApiId: REST_API_ID, stageName: 'prod'}));
      return {stages: byKey(stages.item, (s) => s.stageName ?? '').map(stageView), prod: stageView(prod), prodCreated: prod.createdDate};
    });
    expect({...sandbox, prodCreated: undefined}).toEqual({...moto, prodCreated: undefined});
    // AWS's Stage has createdDate (API reference, Stage: "The timestamp when the stage was
    // created"); moto 5.2.1 leaves it out, so only the sandbox is held to it.
    expect(sandbox.prodCreated).toBeInstanceOf(Date);
    expect(sandbox.prod.methodSettings['*/*']?.loggingLevel).toBe('INFO');
    const missing = await backends().bothFail((b) => v1(b).send(new GetStageCommand({restApiId: REST_API_ID, stageName: 'prd'})));
    expect(missing.sandbox).toEqual(missing.moto);
    expect(missing.sandbox).toEqual({name: 'NotFoundException', status: 404});
  });

  it('GetResources with embed=methods gives the resource tree with each method and integration', async () => {
    const {sandbox, moto} = await backends().both(async (b) => {
      const out = await v1(b).send(new GetResourcesCommand({restApiId: REST_API_ID, embed: ['methods'], limit: 500}));
      return byKey(out.items, (r) => r.path ?? '').map(resourceView);
    });
    expect(sandbox).toEqual(moto);
    expect(sandbox.map((r) => r.path)).toEqual(['/', '/{proxy+}', '/notes', '/notes/{id}']);
  });

  it('GetResources pages with limit/position and every page together is the whole tree', async () => {
    const {sandbox, moto} = await backends().both(async (b) => {
      const paths: string[] = [];
      let position: string | undefined;
      let pages = 0;
      do {
        const page = await v1(b).send(new GetResourcesCommand({restApiId: REST_API_ID, limit: 2, position}));
        paths.push(...(page.items ?? []).map((r) => r.path ?? ''));
        position = page.position;
        pages += 1;
      } while (position !== undefined && pages < 10);
      return {paths: paths.sort(), pages};
    });
    expect(sandbox.paths).toEqual(moto.paths);
    // AWS returns at most `limit` items a page (API reference, GetResources: "limit: the
    // maximum number of returned results per page"). moto 5.2.1 ignores limit/position and
    // returns everything in one page, so only the sandbox is held to the paging.
    expect(sandbox.pages).toBe(2);
  });

  it('GetMethod and GetIntegration give auth type and the Lambda proxy integration; NotFoundException for a missing verb', async () => {
    const {sandbox, moto} = await backends().both(async (b) => {
      const resourceId = b.id(REST_RESOURCE_IDS.note);
      const method = await v1(b).send(new GetMethodCommand({restApiId: REST_API_ID, resourceId, httpMethod: 'GET'}));
      const integration = await v1(b).send(new GetIntegrationCommand({restApiId: REST_API_ID, resourceId, httpMethod: 'GET'}));
      const view = (i: Integration) => ({type: i.type, uri: i.uri, httpMethod: i.httpMethod, timeoutInMillis: i.timeoutInMillis});
      return {
        method: {httpMethod: method.httpMethod, authorizationType: method.authorizationType, apiKeyRequired: method.apiKeyRequired, integration: method.methodIntegration && view(method.methodIntegration)},
        integration: view(integration),
      };
    });
    expect(sandbox).toEqual(moto);
    expect(sandbox.integration).toMatchObject({type: 'AWS_PROXY', httpMethod: 'POST', timeoutInMillis: 29000});
    const missing = await backends().bothFail((b) => v1(b).send(new GetMethodCommand({restApiId: REST_API_ID, resourceId: b.id(REST_RESOURCE_IDS.note), httpMethod: 'PATCH'})));
    expect(missing.sandbox).toEqual(missing.moto);
    expect(missing.sandbox).toEqual({name: 'NotFoundException', status: 404});
  });

  it('GetAuthorizers is empty for an AWS_IAM-only API', async () => {
    const {sandbox, moto} = await backends().both(async (b) => (await v1(b).send(new GetAuthorizersCommand({restApiId: REST_API_ID}))).items ?? []);
    expect(sandbox).toEqual(moto);
    expect(sandbox).toEqual([]);
  });

  it('GetDomainNames and GetBasePathMappings resolve the custom domain to the API stage', async () => {
    const {sandbox, moto} = await backends().both(async (b) => {
      const domains = await v1(b).send(new GetDomainNamesCommand({}));
      const mappings = await v1(b).send(new GetBasePathMappingsCommand({domainName: 'api.notes.example.com'}));
      return {
        domains: (domains.items ?? []).map((d) => ({domainName: d.domainName, regionalDomainName: d.regionalDomainName, types: d.endpointConfiguration?.types})),
        mappings: (mappings.items ?? []).map((m) => ({basePath: m.basePath, restApiId: m.restApiId, stage: m.stage})),
      };
    });
    expect(sandbox).toEqual(moto);
    expect(sandbox.mappings).toEqual([{basePath: 'v1', restApiId: REST_API_ID, stage: 'prod'}]);
  });

  it('GetAccount names the CloudWatch role API Gateway logs with', async () => {
    const {sandbox, moto} = await backends().both(async (b) => (await v1(b).send(new GetAccountCommand({}))).cloudwatchRoleArn);
    expect(sandbox).toEqual(moto);
    expect(sandbox).toBe('arn:aws:iam::123456789012:role/APIGatewayCloudWatchLogsRole');
  });

  it('GetGatewayResponses gives the default gateway responses when none are customised (sandbox only)', async () => {
    // AWS: "If an API developer has not added any definitions for gateway responses, the
    // result will be the API Gateway-generated default GatewayResponses collection for the
    // supported response types" (API reference, GetGatewayResponses). moto 5.2.1 returns an
    // empty list, so only the sandbox is held to AWS's answer.
    const {sandbox, moto} = backends();
    const answer = async (b: Backend) => (await v1(b).send(new GetGatewayResponsesCommand({restApiId: REST_API_ID, limit: 500}))).items ?? [];
    expect(await answer(moto)).toEqual([]);
    const responses = await answer(sandbox);
    expect(responses.find((r) => r.responseType === 'MISSING_AUTHENTICATION_TOKEN')).toMatchObject({statusCode: '403', defaultResponse: true});
    expect(responses.find((r) => r.responseType === 'INTEGRATION_TIMEOUT')).toMatchObject({statusCode: '504', defaultResponse: true});
  });

  it('UpdateStage turns stage logging to ERROR and GetStage shows it', async () => {
    const {sandbox, moto} = await backends().both(async (b) => {
      const patchOperations = [{op: 'replace' as const, path: '/*/*/logging/loglevel', value: 'ERROR'}];
      const updated = await v1(b).send(new UpdateStageCommand({restApiId: REST_API_ID, stageName: 'dev', patchOperations}));
      const read = await v1(b).send(new GetStageCommand({restApiId: REST_API_ID, stageName: 'dev'}));
      return {updated: updated.methodSettings?.['*/*']?.loggingLevel, read: read.methodSettings?.['*/*']?.loggingLevel};
    });
    expect(sandbox).toEqual(moto);
    expect(sandbox).toEqual({updated: 'ERROR', read: 'ERROR'});
  });

  it('v2 GetApis and GetApi describe the HTTP API', async () => {
    const {sandbox, moto} = await backends().both(async (b) => {
      const apis = await v2(b).send(new GetApisCommand({}));
      const api = await v2(b).send(new GetApiCommand({ApiId: b.id(HTTP_API_ID)}));
      const view = (a: Partial<Api>) => ({ApiId: a.ApiId, Name: a.Name, ProtocolType: a.ProtocolType, ApiEndpoint: a.ApiEndpoint, RouteSelectionExpression: a.RouteSelectionExpression, created: a.CreatedDate instanceof Date});
      return {apis: (apis.Items ?? []).map(view), api: view(api)};
    });
    expect(sandbox).toEqual(moto);
    expect(sandbox.api.ApiId).toBe(HTTP_API_ID);
    const missing = await backends().bothFail((b) => v2(b).send(new GetApiCommand({ApiId: 'nope123456'})));
    expect(missing.sandbox).toEqual(missing.moto);
    expect(missing.sandbox).toEqual({name: 'NotFoundException', status: 404});
  });

  it('v2 GetRoutes, GetIntegrations and GetIntegration give routes, their auth and the Lambda target', async () => {
    const {sandbox, moto} = await backends().both(async (b) => {
      const ApiId = b.id(HTTP_API_ID);
      const routes = await v2(b).send(new GetRoutesCommand({ApiId}));
      const integrations = await v2(b).send(new GetIntegrationsCommand({ApiId}));
      const one = await v2(b).send(new GetHttpIntegrationCommand({ApiId, IntegrationId: b.id(HTTP_INTEGRATION_ID)}));
      const view = (i: HttpIntegration) => ({IntegrationId: i.IntegrationId, IntegrationType: i.IntegrationType, IntegrationUri: i.IntegrationUri, PayloadFormatVersion: i.PayloadFormatVersion, TimeoutInMillis: i.TimeoutInMillis});
      return {
        routes: byKey(routes.Items, (r) => r.RouteKey ?? '').map((r) => ({RouteId: r.RouteId, RouteKey: r.RouteKey, AuthorizationType: r.AuthorizationType, Target: r.Target})),
        integrations: (integrations.Items ?? []).map(view),
        integration: view(one),
      };
    });
    expect(sandbox).toEqual(moto);
    expect(sandbox.routes.map((r) => r.RouteKey)).toEqual(['$default', 'GET /items', 'GET /items/{id}']);
  });

  it('v2 GetAuthorizers is empty for an AWS_IAM-only HTTP API (sandbox only)', async () => {
    // moto 5.2.1 has no GetAuthorizers for apigatewayv2: it answers an HTML 500 page, which
    // the SDK cannot parse. AWS returns {"items": []} (API reference, GetAuthorizers).
    const {sandbox} = backends();
    const out = await v2(sandbox).send(new GetHttpAuthorizersCommand({ApiId: HTTP_API_ID}));
    expect(out.Items ?? []).toEqual([]);
  });

  it('v2 GetStages and GetStage give the $default auto-deploy stage', async () => {
    const {sandbox, moto} = await backends().both(async (b) => {
      const ApiId = b.id(HTTP_API_ID);
      const stages = await v2(b).send(new GetHttpStagesCommand({ApiId}));
      const one = await v2(b).send(new GetHttpStageCommand({ApiId, StageName: '$default'}));
      const view = (s: Partial<HttpStage>) => ({StageName: s.StageName, AutoDeploy: s.AutoDeploy, AccessLogSettings: s.AccessLogSettings});
      return {stages: (stages.Items ?? []).map(view), stage: view(one)};
    });
    expect(sandbox).toEqual(moto);
    expect(sandbox.stage).toMatchObject({StageName: '$default', AutoDeploy: true});
    const missing = await backends().bothFail((b) => v2(b).send(new GetHttpStageCommand({ApiId: b.id(HTTP_API_ID), StageName: 'prod'})));
    expect(missing.sandbox).toEqual(missing.moto);
    expect(missing.sandbox).toEqual({name: 'NotFoundException', status: 404});
  });
});
