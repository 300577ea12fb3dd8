// The not-found answers and paging the adapters rely on, for the calls not covered by the
// per-service contract files: same error name and HTTP status from sandbox and moto, and the
// same items however the pages fall.
import {APIGatewayClient, GetBasePathMappingsCommand, GetIntegrationCommand} from '@aws-sdk/client-api-gateway';
import {ApiGatewayV2Client, GetApiMappingsCommand, GetDomainNamesCommand, GetIntegrationCommand as GetHttpIntegrationCommand, GetRoutesCommand} from '@aws-sdk/client-apigatewayv2';
import {CloudWatchLogsClient, DescribeLogGroupsCommand, DescribeLogStreamsCommand, GetLogEventsCommand} from '@aws-sdk/client-cloudwatch-logs';
import {CognitoIdentityClient, ListIdentityPoolsCommand} from '@aws-sdk/client-cognito-identity';
import {GetPolicyVersionCommand, IAMClient, ListAttachedRolePoliciesCommand} from '@aws-sdk/client-iam';
import {expect, it} from 'vitest';
import {ACCOUNT_ID, HTTP_API_ID, REST_API_ID, REST_RESOURCE_IDS} from '../../src/sandbox/scenarios/ids.js';
import {contractSuite, type Backend, type ErrorShape} from './backends.js';

const v1 = (b: Backend) => new APIGatewayClient(b.config());
const v2 = (b: Backend) => new ApiGatewayV2Client(b.config());
const logs = (b: Backend) => new CloudWatchLogsClient(b.config());

contractSuite('contract: not-found answers and paging', 'healthy', (backends) => {
  const expectBoth = async (ask: (b: Backend) => Promise<unknown>, expected: ErrorShape) => {
    const errors = await backends().bothFail(ask);
    expect(errors.sandbox).toEqual(errors.moto);
    expect(errors.sandbox).toEqual(expected);
  };

  it('API Gateway v1: the integration of a method that does not exist is NotFoundException 404 (sandbox only)', async () => {
    // AWS answers 404 "Invalid Method identifier specified" (API reference, GetIntegration:
    // NotFoundException). moto 5.2.1 answers 200 for a verb the resource does not have.
    const {sandbox, moto} = backends();
    const ask = (b: Backend) => v1(b).send(new GetIntegrationCommand({restApiId: REST_API_ID, resourceId: b.id(REST_RESOURCE_IDS.root), httpMethod: 'GET'}));
    await expect(ask(moto)).resolves.toBeDefined();
    await expect(ask(sandbox)).rejects.toMatchObject({name: 'NotFoundException', $metadata: {httpStatusCode: 404}});
  });

  it('API Gateway v1: base path mappings of an unknown domain are NotFoundException 404', async () => {
    await expectBoth((b) => v1(b).send(new GetBasePathMappingsCommand({domainName: 'api.notes.example.org'})), {name: 'NotFoundException', status: 404});
  });

  it('API Gateway v2: an unknown integration or API is NotFoundException 404', async () => {
    await expectBoth((b) => v2(b).send(new GetHttpIntegrationCommand({ApiId: b.id(HTTP_API_ID), IntegrationId: 'zzz9999'})), {name: 'NotFoundException', status: 404});
    await expectBoth((b) => v2(b).send(new GetRoutesCommand({ApiId: 'zzzzzzzzzz'})), {name: 'NotFoundException', status: 404});
  });

  it('v2 GetDomainNames and GetApiMappings also show the REST API custom domain (sandbox only)', async () => {
    // API Gateway keeps one set of custom domains per region: a domain created through the v1
    // API is listed by v2 GetDomainNames, and its base path mappings are API mappings
    // (Developer Guide, "Custom domain names": the same domain serves REST and HTTP APIs;
    // aws-facts §1.2). moto 5.2.1 keeps v1 and v2 domains apart, so v2 lists nothing there.
    const {sandbox, moto} = backends();
    expect((await v2(moto).send(new GetDomainNamesCommand({}))).Items ?? []).toEqual([]);
    const domains = (await v2(sandbox).send(new GetDomainNamesCommand({}))).Items ?? [];
    expect(domains.map((d) => d.DomainName)).toEqual(['api.notes.example.com']);
    const mappings = (await v2(sandbox).send(new GetApiMappingsCommand({DomainName: 'api.notes.example.com'}))).Items ?? [];
    expect(mappings.map((m) => ({ApiId: m.ApiId, ApiMappingKey: m.ApiMappingKey, Stage: m.Stage}))).toEqual([{ApiId: REST_API_ID, ApiMappingKey: 'v1', Stage: 'prod'}]);
  });

  it('Logs: an unknown stream is ResourceNotFoundException 400; an unknown prefix is an empty list', async () => {
    await expectBoth((b) => logs(b).send(new GetLogEventsCommand({logGroupName: '/aws/lambda/notes-api', logStreamName: '2020/01/01/[$LATEST]00000000000000000000000000000000'})), {
      name: 'ResourceNotFoundException',
      status: 400,
    });
    const {sandbox, moto} = await backends().both(async (b) => (await logs(b).send(new DescribeLogGroupsCommand({logGroupNamePrefix: '/aws/lambda/orders'}))).logGroups ?? []);
    expect(sandbox).toEqual(moto);
    expect(sandbox).toEqual([]);
  });

  it('IAM: an unknown policy version is NoSuchEntityException 404', async () => {
    await expectBoth((b) => new IAMClient(b.config()).send(new GetPolicyVersionCommand({PolicyArn: `arn:aws:iam::${ACCOUNT_ID}:policy/notes-attachments-read`, VersionId: 'v9'})), {
      name: 'NoSuchEntityException',
      status: 404,
    });
    await expectBoth((b) => new IAMClient(b.config()).send(new ListAttachedRolePoliciesCommand({RoleName: 'Cognito_notesAuth_Role_v0'})), {name: 'NoSuchEntityException', status: 404});
  });

  it('the seed report names what moto cannot store', () => {
    expect(backends().seed.notStored).toEqual([
      'identity pool notes_identity_pool: roles (moto 5.2.1 has no SetIdentityPoolRoles/GetIdentityPoolRoles)',
      'identity pool inventory_identity_pool: roles (moto 5.2.1 has no SetIdentityPoolRoles/GetIdentityPoolRoles)',
      'function notes-api: LoggingConfig (moto 5.2.1 neither stores nor returns it)',
    ]);
  });

  it('DescribeLogStreams and ListIdentityPools page one item at a time to the same whole', async () => {
    const {sandbox, moto} = await backends().both(async (b) => {
      const streams: string[] = [];
      let nextToken: string | undefined;
      do {
        const page = await logs(b).send(new DescribeLogStreamsCommand({logGroupName: '/aws/lambda/notes-api', limit: 1, nextToken}));
        streams.push(...(page.logStreams ?? []).map((s) => s.logStreamName ?? ''));
        nextToken = page.nextToken;
      } while (nextToken !== undefined && streams.length < 10);
      const pools: string[] = [];
      let NextToken: string | undefined;
      do {
        const page = await new CognitoIdentityClient(b.config()).send(new ListIdentityPoolsCommand({MaxResults: 1, NextToken}));
        pools.push(...(page.IdentityPools ?? []).map((p) => p.IdentityPoolName ?? ''));
        NextToken = page.NextToken;
      } while (NextToken !== undefined && pools.length < 10);
      return {streams: streams.sort(), pools: pools.sort()};
    });
    expect(sandbox).toEqual(moto);
    expect(sandbox.streams.length).toBe(2);
    expect(sandbox.pools).toEqual(['inventory_identity_pool', 'notes_identity_pool']);
  });
});
