// API Gateway v1 through the real SDK client against the sandbox: the fields the checks read,
// paging, NotFound bodies, region isolation, UpdateStage and TestInvokeMethod.
import {
  APIGatewayClient,
  GetAccountCommand,
  GetAuthorizersCommand,
  GetBasePathMappingsCommand,
  GetDomainNamesCommand,
  GetGatewayResponsesCommand,
  GetIntegrationCommand,
  GetMethodCommand,
  GetRestApiCommand,
  GetRestApisCommand,
  GetStageCommand,
  GetStagesCommand,
  TestInvokeMethodCommand,
  UpdateStageCommand,
  paginateGetResources,
  type Resource,
} from '@aws-sdk/client-api-gateway';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {loadScenario} from '../../src/sandbox/scenarios/index.js';
import {REST_API_ID, REST_RESOURCE_IDS} from '../../src/sandbox/scenarios/ids.js';
import {sandboxStopper, startTestSandbox, type TestSandbox} from '../helpers/sandbox.js';

const sandboxes = sandboxStopper();
afterAll(sandboxes.stopAll);

describe('sandbox API Gateway v1 (healthy)', () => {
  let sandbox: TestSandbox;
  let client: APIGatewayClient;
  beforeAll(async () => {
    sandbox = sandboxes.track(await startTestSandbox(loadScenario('healthy')));
    client = new APIGatewayClient(sandbox.clientConfig);
  });

  it('lists and gets the REST API with epoch-second dates', async () => {
    const list = await client.send(new GetRestApisCommand({}));
    expect(list.items?.map((api) => api.id)).toEqual([REST_API_ID]);
    const api = await client.send(new GetRestApiCommand({restApiId: REST_API_ID}));
    expect(api).toMatchObject({id: REST_API_ID, name: 'notes', disableExecuteApiEndpoint: false, endpointConfiguration: {types: ['REGIONAL']}});
    expect(api.createdDate).toEqual(new Date('2025-03-14T09:26:53.000Z'));
  });

  it('answers NotFoundException with AWS messages', async () => {
    await expect(client.send(new GetRestApiCommand({restApiId: 'zzzzzzzzzz'}))).rejects.toMatchObject({
      name: 'NotFoundException',
      message: 'Invalid API identifier specified 123456789012:zzzzzzzzzz',
      $metadata: {httpStatusCode: 404},
    });
    await expect(client.send(new GetStageCommand({restApiId: REST_API_ID, stageName: 'prd'}))).rejects.toMatchObject({name: 'NotFoundException', message: 'Invalid Stage identifier specified'});
    await expect(client.send(new GetMethodCommand({restApiId: REST_API_ID, resourceId: REST_RESOURCE_IDS.root, httpMethod: 'GET'}))).rejects.toMatchObject({
      message: 'Invalid Method identifier specified',
    });
  });

  it('keeps resources per region', async () => {
    const elsewhere = new APIGatewayClient({...sandbox.clientConfig, region: 'eu-west-1'});
    await expect(elsewhere.send(new GetRestApiCommand({restApiId: REST_API_ID}))).rejects.toMatchObject({name: 'NotFoundException'});
    expect((await elsewhere.send(new GetRestApisCommand({}))).items).toEqual([]);
    expect(sandbox.calls.at(-1)).toEqual({action: 'apigateway:GetRestApis', region: 'eu-west-1'});
  });

  it('gives stages with method settings and access logs', async () => {
    const stages = await client.send(new GetStagesCommand({restApiId: REST_API_ID}));
    expect(stages.item?.map((stage) => stage.stageName)).toEqual(['prod', 'dev']);
    const prod = await client.send(new GetStageCommand({restApiId: REST_API_ID, stageName: 'prod'}));
    expect(prod.methodSettings?.['*/*']).toMatchObject({loggingLevel: 'INFO', metricsEnabled: true, dataTraceEnabled: false});
    expect(prod.accessLogSettings?.destinationArn).toContain(':log-group:/aws/apigateway/notes-prod-access');
    expect(prod.deploymentId).toBe('x7k2p9');
  });

  it('pages resources with position/limit and embeds methods', async () => {
    const pages: Resource[][] = [];
    for await (const page of paginateGetResources({client, pageSize: 2}, {restApiId: REST_API_ID, embed: ['methods']})) pages.push(page.items ?? []);
    expect(pages.map((page) => page.length)).toEqual([2, 2]);
    const note = pages.flat().find((resource) => resource.path === '/notes/{id}');
    expect(note?.resourceMethods?.GET).toMatchObject({authorizationType: 'AWS_IAM', methodIntegration: {type: 'AWS_PROXY', timeoutInMillis: 29000}});
    expect(note?.resourceMethods?.GET?.methodIntegration?.uri).toMatch(/^arn:aws:apigateway:us-east-1:lambda:path\/2015-03-31\/functions\/arn:aws:lambda:us-east-1:123456789012:function:notes-api\/invocations$/);
    expect(sandbox.calls.filter((call) => call.action === 'apigateway:GetResources')).toHaveLength(2);
  });

  it('gets a method and its integration', async () => {
    const method = await client.send(new GetMethodCommand({restApiId: REST_API_ID, resourceId: REST_RESOURCE_IDS.note, httpMethod: 'GET'}));
    expect(method).toMatchObject({httpMethod: 'GET', authorizationType: 'AWS_IAM', apiKeyRequired: false});
    const integration = await client.send(new GetIntegrationCommand({restApiId: REST_API_ID, resourceId: REST_RESOURCE_IDS.note, httpMethod: 'GET'}));
    expect(integration).toMatchObject({type: 'AWS_PROXY', httpMethod: 'POST', timeoutInMillis: 29000});
  });

  it('serves authorizers, domain names, base path mappings and the account', async () => {
    expect((await client.send(new GetAuthorizersCommand({restApiId: REST_API_ID}))).items).toEqual([]);
    const domains = await client.send(new GetDomainNamesCommand({}));
    expect(domains.items?.[0]).toMatchObject({domainName: 'api.notes.example.com', regionalDomainName: 'd-4k7q2m9x1z.execute-api.us-east-1.amazonaws.com'});
    const mappings = await client.send(new GetBasePathMappingsCommand({domainName: 'api.notes.example.com'}));
    expect(mappings.items).toEqual([{basePath: 'v1', restApiId: REST_API_ID, stage: 'prod'}]);
    const account = await client.send(new GetAccountCommand({}));
    expect(account.cloudwatchRoleArn).toBe('arn:aws:iam::123456789012:role/APIGatewayCloudWatchLogsRole');
  });

  it('lists gateway responses with their defaults', async () => {
    const responses = await client.send(new GetGatewayResponsesCommand({restApiId: REST_API_ID}));
    const missingToken = responses.items?.find((response) => response.responseType === 'MISSING_AUTHENTICATION_TOKEN');
    expect(missingToken).toMatchObject({statusCode: '403', defaultResponse: true});
    expect(responses.items?.find((response) => response.responseType === 'DEFAULT_4XX')?.statusCode).toBeUndefined();
  });

  it('test-invokes a method and returns the execution log', async () => {
    const result = await client.send(
      new TestInvokeMethodCommand({restApiId: REST_API_ID, resourceId: REST_RESOURCE_IDS.note, httpMethod: 'GET', pathWithQueryString: '/notes/42'}),
    );
    expect(result.status).toBe(200);
    expect(JSON.parse(result.body ?? '{}')).toMatchObject({id: '42'});
    expect(result.log).toMatch(/: HTTP Method: GET, Resource Path: \/notes\/\{id\}\n/);
    expect(result.log).toMatch(/: Method request path: \{id=42\}\n/);
    expect(result.log).toMatch(/: Method completed with status: 200\n$/);
  });

  it('turns execution logging off and on through UpdateStage', async () => {
    const updated = await client.send(
      new UpdateStageCommand({
        restApiId: REST_API_ID,
        stageName: 'dev',
        patchOperations: [
          {op: 'replace', path: '/*/*/logging/loglevel', value: 'ERROR'},
          {op: 'replace', path: '/*/*/logging/dataTrace', value: 'true'},
        ],
      }),
    );
    expect(updated.methodSettings?.['*/*']).toMatchObject({loggingLevel: 'ERROR', dataTraceEnabled: true, metricsEnabled: true});
    const reread = await client.send(new GetStageCommand({restApiId: REST_API_ID, stageName: 'dev'}));
    expect(reread.methodSettings?.['*/*']?.loggingLevel).toBe('ERROR');
    await expect(
      client.send(new UpdateStageCommand({restApiId: REST_API_ID, stageName: 'dev', patchOperations: [{op: 'replace', path: '/*/*/logging/loglevel', value: 'LOUD'}]})),
    ).rejects.toMatchObject({name: 'BadRequestException'});
  });
});

describe('sandbox TestInvokeMethod when the Lambda fails', () => {
  it('reports 502 and the customer function error from the function log', async () => {
    const sandbox = sandboxes.track(await startTestSandbox(loadScenario('lambda-error')));
    const client = new APIGatewayClient(sandbox.clientConfig);
    const result = await client.send(
      new TestInvokeMethodCommand({restApiId: REST_API_ID, resourceId: REST_RESOURCE_IDS.note, httpMethod: 'GET', pathWithQueryString: '/notes/7'}),
    );
    expect(result.status).toBe(502);
    expect(result.body).toBe('{"message":"Internal server error"}');
    expect(result.log).toMatch(/Lambda execution failed with status 200 due to customer function error: Cannot read properties of undefined \(reading 'id'\)\. Lambda request id: [0-9a-f-]{36}/);
    expect(result.log).toMatch(/Method completed with status: 502\n$/);
  });
});
