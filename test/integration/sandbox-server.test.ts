// The sandbox server's common behaviour, seen from outside: unsigned and unknown requests,
// headers on every answer, the call log, latency, and every fault kind as the SDK sees it.
import {APIGatewayClient, GetRestApiCommand, GetRestApisCommand, paginateGetResources} from '@aws-sdk/client-api-gateway';
import {CloudWatchLogsClient, DescribeLogGroupsCommand} from '@aws-sdk/client-cloudwatch-logs';
import {GetCallerIdentityCommand, STSClient} from '@aws-sdk/client-sts';
import {afterAll, beforeAll, beforeEach, describe, expect, it} from 'vitest';
import {loadScenario} from '../../src/sandbox/scenarios/index.js';
import {REST_API_ID} from '../../src/sandbox/scenarios/ids.js';
import {sandboxStopper, startTestSandbox, type TestSandbox} from '../helpers/sandbox.js';

const sandboxes = sandboxStopper();
afterAll(sandboxes.stopAll);
/** What a SigV4-signed request carries; the sandbox reads the scope, not the signature. */
const signedBy = (service: string, region = 'us-east-1'): Record<string, string> => ({
  authorization: `AWS4-HMAC-SHA256 Credential=test/20260101/${region}/${service}/aws4_request, SignedHeaders=host, Signature=00`,
});

describe('sandbox server', () => {
  let sandbox: TestSandbox;
  beforeAll(async () => {
    sandbox = sandboxes.track(await startTestSandbox(loadScenario('healthy')));
  });
  beforeEach(() => sandbox.setFaults([]));

  it('rejects unsigned calls the way each protocol does', async () => {
    const rest = await fetch(`${sandbox.endpoint}/restapis`);
    expect(rest.status).toBe(403);
    expect(rest.headers.get('x-amzn-errortype')).toBe('MissingAuthenticationTokenException');
    expect(await rest.json()).toEqual({message: 'Missing Authentication Token'});

    const query = await fetch(sandbox.endpoint, {method: 'POST', headers: {'content-type': 'application/x-www-form-urlencoded'}, body: 'Action=GetCallerIdentity&Version=2011-06-15'});
    expect(query.status).toBe(403);
    expect(await query.text()).toContain('<Code>MissingAuthenticationToken</Code>');

    const json = await fetch(sandbox.endpoint, {method: 'POST', headers: {'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'Logs_20140328.DescribeLogGroups'}, body: '{}'});
    expect(json.status).toBe(400);
    expect(await json.text()).toContain('MissingAuthenticationTokenException');
  });

  it('answers unknown operations as AWS does', async () => {
    const rest = await fetch(`${sandbox.endpoint}/restapis/${REST_API_ID}/nonsense`, {headers: signedBy('apigateway')});
    expect([rest.status, rest.headers.get('x-amzn-errortype')]).toEqual([404, 'UnknownOperationException']);
    const query = await fetch(sandbox.endpoint, {method: 'POST', headers: signedBy('iam'), body: 'Action=DeleteEverything&Version=2010-05-08'});
    expect(query.status).toBe(400);
    expect(await query.text()).toContain('<Code>InvalidAction</Code>');
    const json = await fetch(sandbox.endpoint, {method: 'POST', headers: {...signedBy('logs'), 'x-amz-target': 'Logs_20140328.DeleteEverything'}, body: '{}'});
    expect(json.status).toBe(400);
    expect(await json.text()).toContain('UnknownOperationException');
  });

  it('sends a Date and a request id on every answer and records each call with its region', async () => {
    const before = sandbox.calls.length;
    const response = await fetch(`${sandbox.endpoint}/restapis`, {headers: signedBy('apigateway', 'ap-south-1')});
    expect(Math.abs(Date.parse(response.headers.get('date') ?? '') - Date.now())).toBeLessThan(5_000);
    expect(response.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);
    await new STSClient(sandbox.clientConfig).send(new GetCallerIdentityCommand({}));
    expect(sandbox.calls.slice(before)).toEqual([
      {action: 'apigateway:GetRestApis', region: 'ap-south-1'},
      {action: 'sts:GetCallerIdentity', region: 'us-east-1'},
    ]);
    await new CloudWatchLogsClient({...sandbox.clientConfig, region: 'eu-west-1'}).send(new DescribeLogGroupsCommand({}));
    expect(sandbox.calls.at(-1)).toEqual({action: 'logs:DescribeLogGroups', region: 'eu-west-1'});
  });

  it('throttles; the SDK retries and gives up with TooManyRequestsException / Throttling', async () => {
    sandbox.setFaults([{action: 'apigateway:GetRestApi', kind: 'throttle'}, {action: 'sts:GetCallerIdentity', kind: 'throttle', times: 1}]);
    const before = sandbox.calls.length;
    const client = new APIGatewayClient({...sandbox.clientConfig, maxAttempts: 3});
    await expect(client.send(new GetRestApiCommand({restApiId: REST_API_ID}))).rejects.toMatchObject({name: 'TooManyRequestsException', $metadata: {httpStatusCode: 429}});
    expect(sandbox.calls.slice(before).map((call) => call.action)).toEqual(Array(3).fill('apigateway:GetRestApi'));

    const sts = new STSClient({...sandbox.clientConfig, maxAttempts: 3});
    expect((await sts.send(new GetCallerIdentityCommand({}))).Account).toBe('123456789012');
    expect(sandbox.calls.slice(before + 3).map((call) => call.action)).toEqual(['sts:GetCallerIdentity', 'sts:GetCallerIdentity']);
    sandbox.setFaults([{action: 'sts:GetCallerIdentity', kind: 'throttle'}, {action: 'logs:DescribeLogGroups', kind: 'throttle'}]);
    await expect(new STSClient(sandbox.clientConfig).send(new GetCallerIdentityCommand({}))).rejects.toMatchObject({name: 'Throttling'});
    await expect(new CloudWatchLogsClient(sandbox.clientConfig).send(new DescribeLogGroupsCommand({}))).rejects.toMatchObject({name: 'ThrottlingException', $metadata: {httpStatusCode: 400}});
  });

  it('denies access with the caller and action in the message', async () => {
    sandbox.setFaults([{action: '*', kind: 'access-denied'}]);
    await expect(new APIGatewayClient(sandbox.clientConfig).send(new GetRestApiCommand({restApiId: REST_API_ID}))).rejects.toMatchObject({
      name: 'AccessDeniedException',
      message: `User: arn:aws:iam::123456789012:user/sandbox is not authorized to perform: apigateway:GetRestApi on resource: arn:aws:apigateway:us-east-1::/restapis/${REST_API_ID}`,
      $metadata: {httpStatusCode: 403},
    });
    await expect(new STSClient(sandbox.clientConfig).send(new GetCallerIdentityCommand({}))).rejects.toMatchObject({name: 'AccessDenied'});
    await expect(new CloudWatchLogsClient(sandbox.clientConfig).send(new DescribeLogGroupsCommand({}))).rejects.toMatchObject({
      name: 'AccessDeniedException',
      message: 'User: arn:aws:iam::123456789012:user/sandbox is not authorized to perform: logs:DescribeLogGroups on resource: arn:aws:logs:us-east-1:123456789012:*',
    });
  });

  it('expires the token', async () => {
    sandbox.setFaults([{action: '*', kind: 'expired-token'}]);
    await expect(new APIGatewayClient(sandbox.clientConfig).send(new GetRestApisCommand({}))).rejects.toMatchObject({
      name: 'ExpiredTokenException',
      message: 'The security token included in the request is expired',
    });
    await expect(new STSClient(sandbox.clientConfig).send(new GetCallerIdentityCommand({}))).rejects.toMatchObject({name: 'ExpiredToken'});
    await expect(new CloudWatchLogsClient(sandbox.clientConfig).send(new DescribeLogGroupsCommand({}))).rejects.toMatchObject({name: 'ExpiredTokenException'});
  });

  it('drops the connection, optionally only on the Nth page', async () => {
    const client = new APIGatewayClient(sandbox.clientConfig);
    sandbox.setFaults([{action: 'apigateway:GetRestApis', kind: 'drop', times: 1}]);
    await expect(client.send(new GetRestApisCommand({}))).rejects.toMatchObject({code: 'ECONNRESET'});
    expect((await client.send(new GetRestApisCommand({}))).items).toHaveLength(1);

    sandbox.setFaults([{action: 'apigateway:GetResources', kind: 'drop', onPage: 2}]);
    const pages: number[] = [];
    const walk = async () => {
      for await (const page of paginateGetResources({client, pageSize: 2}, {restApiId: REST_API_ID})) pages.push(page.items?.length ?? 0);
    };
    await expect(walk()).rejects.toMatchObject({code: 'ECONNRESET'});
    expect(pages).toEqual([2]);
  });

  it('answers an unsupported operation with a 500 HTML page, as moto does', async () => {
    sandbox.setFaults([{action: 'apigateway:GetRestApis', kind: 'unsupported'}]);
    const error = await new APIGatewayClient(sandbox.clientConfig).send(new GetRestApisCommand({})).catch((caught: unknown) => caught);
    expect(error).toMatchObject({$metadata: {httpStatusCode: 500}});
    const raw = await fetch(`${sandbox.endpoint}/restapis`, {headers: signedBy('apigateway')});
    expect([raw.status, raw.headers.get('content-type')]).toEqual([500, 'text/html; charset=utf-8']);
    expect(await raw.text()).toContain('<title>500 Internal Server Error</title>');
  });

  it('adds fault latency to one action only', async () => {
    sandbox.setFaults([{action: 'apigateway:GetRestApis', kind: 'latency', latencyMs: 150}]);
    const client = new APIGatewayClient(sandbox.clientConfig);
    const started = Date.now();
    await client.send(new GetRestApisCommand({}));
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });
});

describe('sandbox latency option', () => {
  it('delays every call', async () => {
    const sandbox = sandboxes.track(await startTestSandbox(loadScenario('healthy'), {latencyMs: 120}));
    const started = Date.now();
    await new APIGatewayClient(sandbox.clientConfig).send(new GetRestApisCommand({}));
    expect(Date.now() - started).toBeGreaterThanOrEqual(110);
  });
});
