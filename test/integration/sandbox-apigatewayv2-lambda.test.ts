// API Gateway v2 and Lambda through the real SDK clients against the sandbox.
import {
  ApiGatewayV2Client,
  GetApiCommand,
  GetApiMappingsCommand,
  GetApisCommand,
  GetAuthorizersCommand,
  GetDomainNamesCommand,
  GetIntegrationCommand,
  GetIntegrationsCommand,
  GetStageCommand,
  GetStagesCommand,
  GetRoutesCommand,
  type Route,
} from '@aws-sdk/client-apigatewayv2';
import {GetFunctionCommand, GetFunctionConfigurationCommand, GetPolicyCommand, LambdaClient} from '@aws-sdk/client-lambda';
import {strFromU8, unzipSync} from 'fflate';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {Scenario} from '../../src/sandbox/scenario.js';
import {loadScenario} from '../../src/sandbox/scenarios/index.js';
import {HTTP_API_ID, HTTP_INTEGRATION_ID} from '../../src/sandbox/scenarios/ids.js';
import {sandboxStopper, startTestSandbox, type TestSandbox} from '../helpers/sandbox.js';

const sandboxes = sandboxStopper();
afterAll(sandboxes.stopAll);
const FUNCTION_ARN = 'arn:aws:lambda:us-east-1:123456789012:function:notes-api';

describe('sandbox API Gateway v2', () => {
  let client: ApiGatewayV2Client;
  let sandbox: TestSandbox;
  beforeAll(async () => {
    sandbox = sandboxes.track(await startTestSandbox(loadScenario('healthy')));
    client = new ApiGatewayV2Client(sandbox.clientConfig);
  });

  it('gets APIs with ISO dates the SDK accepts', async () => {
    const apis = await client.send(new GetApisCommand({}));
    expect(apis.Items?.map((api) => api.ApiId)).toEqual([HTTP_API_ID]);
    const api = await client.send(new GetApiCommand({ApiId: HTTP_API_ID}));
    expect(api).toMatchObject({Name: 'notes-http', ProtocolType: 'HTTP', ApiEndpoint: `https://${HTTP_API_ID}.execute-api.us-east-1.amazonaws.com`});
    expect(api.CreatedDate).toEqual(new Date('2025-06-02T14:11:07.000Z'));
    await expect(client.send(new GetApiCommand({ApiId: 'nope'}))).rejects.toMatchObject({name: 'NotFoundException', $metadata: {httpStatusCode: 404}});
  });

  it('gets the $default stage by its URL-encoded name', async () => {
    const stages = await client.send(new GetStagesCommand({ApiId: HTTP_API_ID}));
    expect(stages.Items?.map((stage) => stage.StageName)).toEqual(['$default']);
    expect((await client.send(new GetStageCommand({ApiId: HTTP_API_ID, StageName: '$default'}))).AutoDeploy).toBe(true);
    await expect(client.send(new GetStageCommand({ApiId: HTTP_API_ID, StageName: 'prod'}))).rejects.toMatchObject({name: 'NotFoundException'});
  });

  it('pages routes with maxResults/nextToken', async () => {
    const pages: Route[][] = [];
    // The v2 client has no paginators (its model declares none): follow NextToken by hand.
    let NextToken: string | undefined;
    do {
      const page = await client.send(new GetRoutesCommand({ApiId: HTTP_API_ID, MaxResults: '2', NextToken}));
      pages.push(page.Items ?? []);
      NextToken = page.NextToken;
    } while (NextToken);
    expect(pages.map((page) => page.length)).toEqual([2, 1]);
    expect(pages.flat().map((route) => route.RouteKey)).toEqual(['GET /items', 'GET /items/{id}', '$default']);
    expect(pages.flat()[0]).toMatchObject({AuthorizationType: 'AWS_IAM', Target: `integrations/${HTTP_INTEGRATION_ID}`});
  });

  it('gets integrations, authorizers, domain names and API mappings', async () => {
    const integration = await client.send(new GetIntegrationCommand({ApiId: HTTP_API_ID, IntegrationId: HTTP_INTEGRATION_ID}));
    expect(integration).toMatchObject({IntegrationType: 'AWS_PROXY', IntegrationUri: FUNCTION_ARN, PayloadFormatVersion: '2.0', TimeoutInMillis: 30000});
    expect((await client.send(new GetIntegrationsCommand({ApiId: HTTP_API_ID}))).Items).toHaveLength(1);
    await expect(client.send(new GetIntegrationCommand({ApiId: HTTP_API_ID, IntegrationId: 'x'}))).rejects.toMatchObject({name: 'NotFoundException'});
    expect((await client.send(new GetAuthorizersCommand({ApiId: HTTP_API_ID}))).Items).toEqual([]);
    const domains = await client.send(new GetDomainNamesCommand({}));
    expect(domains.Items?.[0]?.DomainNameConfigurations?.[0]?.ApiGatewayDomainName).toBe('d-4k7q2m9x1z.execute-api.us-east-1.amazonaws.com');
    const mappings = await client.send(new GetApiMappingsCommand({DomainName: 'api.notes.example.com'}));
    expect(mappings.Items?.[0]).toMatchObject({ApiId: 'a1b2c3d4e5', ApiMappingKey: 'v1', Stage: 'prod'});
    expect(sandbox.calls.map((call) => call.action)).toContain('apigatewayv2:GetApiMappings');
  });
});

describe('sandbox Lambda', () => {
  let client: LambdaClient;
  let sandbox: TestSandbox;
  const scenario: Scenario = loadScenario('healthy');
  beforeAll(async () => {
    sandbox = sandboxes.track(await startTestSandbox(scenario));
    client = new LambdaClient(sandbox.clientConfig);
  });

  it('resolves a name, a full ARN, a partial ARN and $LATEST', async () => {
    for (const FunctionName of ['notes-api', FUNCTION_ARN, '123456789012:function:notes-api', `${FUNCTION_ARN}:$LATEST`]) {
      const config = await client.send(new GetFunctionConfigurationCommand({FunctionName}));
      expect(config).toMatchObject({FunctionName: 'notes-api', FunctionArn: FUNCTION_ARN, Timeout: 6, MemorySize: 256, Runtime: 'nodejs20.x', State: 'Active'});
      expect(config.LoggingConfig).toMatchObject({LogFormat: 'Text', LogGroup: '/aws/lambda/notes-api'});
    }
    expect((await client.send(new GetFunctionConfigurationCommand({FunctionName: 'notes-api', Qualifier: '$LATEST'}))).Version).toBe('$LATEST');
  });

  it('answers ResourceNotFoundException for unknown names, qualifiers and regions', async () => {
    await expect(client.send(new GetFunctionConfigurationCommand({FunctionName: 'nope'}))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'Function not found: arn:aws:lambda:us-east-1:123456789012:function:nope',
      $metadata: {httpStatusCode: 404},
    });
    await expect(client.send(new GetFunctionConfigurationCommand({FunctionName: 'notes-api', Qualifier: 'live'}))).rejects.toMatchObject({
      message: 'Function not found: arn:aws:lambda:us-east-1:123456789012:function:notes-api:live',
    });
    const elsewhere = new LambdaClient({...sandbox.clientConfig, region: 'eu-west-1'});
    await expect(elsewhere.send(new GetFunctionConfigurationCommand({FunctionName: 'notes-api'}))).rejects.toMatchObject({name: 'ResourceNotFoundException'});
  });

  it('hands out a code location that serves the real deployment zip', async () => {
    const fn = await client.send(new GetFunctionCommand({FunctionName: 'notes-api'}));
    expect(fn.Code?.RepositoryType).toBe('S3');
    expect(fn.Code?.Location).toBe(`${sandbox.endpoint}/_sandbox/code/us-east-1/notes-api.zip`);
    const response = await fetch(fn.Code!.Location!);
    expect(response.headers.get('content-type')).toBe('application/zip');
    const zip = new Uint8Array(await response.arrayBuffer());
    expect(zip.length).toBe(fn.Configuration?.CodeSize);
    const files = unzipSync(zip);
    expect(strFromU8(files['index.mjs']!)).toBe(scenario.functions[0]!.code['index.mjs']);
  });

  it('returns the resource policy, or 404 when there is none', async () => {
    const policy = await client.send(new GetPolicyCommand({FunctionName: 'notes-api'}));
    expect(JSON.parse(policy.Policy ?? '{}').Statement[0]).toMatchObject({Principal: {Service: 'apigateway.amazonaws.com'}, Action: 'lambda:InvokeFunction'});
    const bare = {...scenario, functions: scenario.functions.map((fn) => ({...fn, resourcePolicy: undefined}))};
    const other = sandboxes.track(await startTestSandbox(bare));
    await expect(new LambdaClient(other.clientConfig).send(new GetPolicyCommand({FunctionName: 'notes-api'}))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'The resource you requested does not exist.',
    });
  });
});
