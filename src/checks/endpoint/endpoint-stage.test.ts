import {describe, expect, it} from 'vitest';
import {AwsError} from '../../aws/errors.js';
import {loadScenario} from '../../sandbox/scenarios/index.js';
import {FakeAws, FakeProbe} from '../../../test/helpers/fake-ports.js';
import type {StageContext, StageOutcome} from '../stage.js';
import {endpointStage} from './index.js';

const now = Date.parse('2025-07-01T12:00:00Z');
const restUrl = (region: string, rest: string) => `https://a1b2c3d4e5.execute-api.${region}.amazonaws.com${rest}`;
const missingToken = () => FakeProbe.responding(403, '{"message":"Missing Authentication Token"}', {'x-amzn-errortype': 'MissingAuthenticationTokenException', 'x-amzn-requestid': 'req-1'});
const forbidden = () => FakeProbe.responding(403, '{"message":"Forbidden"}', {'x-amzn-errortype': 'ForbiddenException', 'x-amzn-requestid': 'req-2'});

async function run(fake: FakeAws, probe: FakeProbe, url: string, method = 'GET'): Promise<StageOutcome> {
  const ctx: StageContext = {aws: fake.ports(), probe, input: {url, method, sinceMs: 3_600_000}, facts: {}, signal: new AbortController().signal, now: () => now};
  return endpointStage.run(ctx);
}

const ids = (outcome: StageOutcome) => outcome.findings.map((finding) => `${finding.id}:${finding.severity}`);

describe('endpointStage over the scenario presets', () => {
  it('healthy: endpoint-ok, Lambda notes-api behind AWS_IAM, the unsigned 403 is expected', async () => {
    const scenario = loadScenario('healthy', now);
    const probe = missingToken();
    const outcome = await run(new FakeAws(scenario), probe, scenario.demo.url);
    expect(ids(outcome)).toEqual(['endpoint-ok:ok']);
    const endpoint = outcome.facts.endpoint;
    expect(endpoint).toMatchObject({
      api: {kind: 'rest', id: 'a1b2c3d4e5', name: 'notes', region: 'us-east-1'},
      stage: 'prod',
      route: {key: 'GET /notes/{id}', resourcePath: '/notes/{id}', method: 'GET', authorizationType: 'AWS_IAM'},
      integration: {type: 'AWS_PROXY', functionName: 'notes-api', lambdaArn: 'arn:aws:lambda:us-east-1:123456789012:function:notes-api'},
      reachesApiGateway: true,
    });
    expect(outcome.stopReason).toBeUndefined();
    expect(probe.requests).toEqual([{url: scenario.demo.url, method: 'GET', signal: expect.any(AbortSignal)}]);
    const evidence = outcome.findings[0]?.evidence.map((item) => item.text).join('\n');
    expect(evidence).toContain('HTTP 403');
    expect(evidence).toMatch(/expected answer, not a problem/);
  });

  it('wrong-stage: stage-not-found with the closest stage prod, and nothing to log', async () => {
    const scenario = loadScenario('wrong-stage', now);
    const outcome = await run(new FakeAws(scenario), forbidden(), scenario.demo.url);
    expect(ids(outcome)).toEqual(['stage-not-found:error']);
    expect(outcome.findings[0]?.detail).toMatch(/You probably meant "prod"/);
    expect(outcome.findings[0]?.fix?.body).toBe(restUrl('us-east-1', '/prod/notes/42'));
    expect(outcome.facts.endpoint?.suggestions?.[0]).toEqual({label: 'Stage prod', url: restUrl('us-east-1', '/prod/notes/42'), method: 'GET'});
    expect(outcome.facts.endpoint?.reachesApiGateway).toBe(false);
    expect(outcome.stopReason).toMatch(/no CloudWatch logs/);
  });

  it('wrong-path: route-not-found with the nearest defined path, REST 403 explained', async () => {
    const scenario = loadScenario('wrong-path', now);
    const outcome = await run(new FakeAws(scenario), missingToken(), scenario.demo.url);
    expect(ids(outcome)).toEqual(['route-not-found:error']);
    const [finding] = outcome.findings;
    expect(finding?.detail).toMatch(/Missing Authentication Token/);
    expect(finding?.fix?.body).toBe(restUrl('us-east-1', '/prod/notes/42'));
    expect(outcome.facts.endpoint).toMatchObject({stage: 'prod', reachesApiGateway: true});
    expect(outcome.stopReason).toMatch(/before calling any Lambda/);
  });

  it('wrong-path account, PATCH: method-not-allowed naming the verbs that exist', async () => {
    const scenario = loadScenario('wrong-path', now);
    const outcome = await run(new FakeAws(scenario), missingToken(), restUrl('us-east-1', '/prod/notes/42'), 'PATCH');
    expect(ids(outcome)).toEqual(['method-not-allowed:error']);
    expect(outcome.findings[0]?.detail).toMatch(/only answers GET, PUT, DELETE/);
    expect(outcome.facts.endpoint?.suggestions?.map((suggestion) => suggestion.method)).toEqual(['GET', 'PUT', 'DELETE']);
  });

  it('wrong-region: api-in-other-region (eu-west-1) with the corrected URL', async () => {
    const scenario = loadScenario('wrong-region', now);
    const fake = new FakeAws(scenario, {region: 'us-east-1'});
    const outcome = await run(fake, forbidden(), scenario.demo.url);
    expect(ids(outcome)).toEqual(['api-in-other-region:error']);
    expect(outcome.findings[0]?.title).toContain('eu-west-1');
    expect(outcome.facts.endpoint?.suggestions).toEqual([{label: 'Use eu-west-1', url: restUrl('eu-west-1', '/prod/notes/42'), method: 'GET'}]);
    expect(outcome.facts.endpoint).toMatchObject({api: {region: 'eu-west-1'}, reachesApiGateway: false});
    expect(outcome.stopReason).toMatch(/never reaches API Gateway/);
    const regionsAsked = new Set(fake.calls.filter((call) => call.method === 'getRestApi').map((call) => call.region));
    expect(regionsAsked.has('eu-west-1')).toBe(true);
  });

  it('unknown API: api-not-found, listing regions searched and the APIs that do exist', async () => {
    const scenario = loadScenario('healthy', now);
    const outcome = await run(new FakeAws(scenario), forbidden(), 'https://a1b2c3d4e6.execute-api.us-east-1.amazonaws.com/prod/notes');
    expect(ids(outcome)).toEqual(['api-not-found:error']);
    const [finding] = outcome.findings;
    expect(finding?.detail).toMatch(/a1b2c3d4e5 {2}notes \(REST\)/);
    expect(finding?.evidence[0]?.text).toMatch(/^us-east-1, .*eu-west-1/);
    expect(outcome.facts.endpoint?.reachesApiGateway).toBe(false);
  });

  it('custom domain: resolved through the base path mapping v1 → notes/prod', async () => {
    const scenario = loadScenario('healthy', now);
    const outcome = await run(new FakeAws(scenario), missingToken(), 'https://api.notes.example.com/v1/notes/42');
    expect(ids(outcome)).toEqual(['endpoint-ok:ok']);
    expect(outcome.facts.endpoint).toMatchObject({parsed: {form: 'custom-domain', apiId: 'a1b2c3d4e5', stage: 'prod', path: '/notes/42'}, route: {key: 'GET /notes/{id}'}});
  });

  it('custom domain with the stage repeated in the path: route-not-found, suggests dropping it', async () => {
    const scenario = loadScenario('wrong-path', now);
    const outcome = await run(new FakeAws(scenario), missingToken(), 'https://api.notes.example.com/v1/prod/notes/42');
    expect(ids(outcome)).toEqual(['route-not-found:error']);
    expect(outcome.findings[0]?.detail).toMatch(/must not start with it/);
    expect(outcome.facts.endpoint?.suggestions?.[0]?.url).toBe('https://api.notes.example.com/v1/notes/42');
  });

  it('an unknown custom domain is api-not-found', async () => {
    const outcome = await run(new FakeAws(loadScenario('healthy', now)), FakeProbe.failing('dns', 'getaddrinfo ENOTFOUND'), 'https://api.other.example.com/x');
    expect(ids(outcome)).toEqual(['api-not-found:error']);
    expect(outcome.findings[0]?.title).toContain('not an API Gateway custom domain');
  });

  it('HTTP API: $default stage serves the whole path; the unsigned 403 on an IAM route is expected', async () => {
    const outcome = await run(new FakeAws(loadScenario('healthy', now)), forbidden(), 'https://h7k2m9p4q1.execute-api.us-east-1.amazonaws.com/items/7');
    expect(ids(outcome)).toEqual(['endpoint-ok:ok']);
    expect(outcome.facts.endpoint).toMatchObject({
      api: {kind: 'http'},
      stage: '$default',
      route: {key: 'GET /items/{id}', routeId: 'rt4c5d6', authorizationType: 'AWS_IAM'},
      integration: {functionName: 'notes-api', timeoutInMillis: 30_000},
    });
  });

  it('HTTP API: a first segment that names no stage is part of the path on $default', async () => {
    const outcome = await run(new FakeAws(loadScenario('healthy', now)), forbidden(), 'https://h7k2m9p4q1.execute-api.us-east-1.amazonaws.com/prod/items');
    expect(outcome.facts.endpoint).toMatchObject({stage: '$default', route: {key: '$default', resourcePath: '$default'}});
  });

  it('HTTP API without a $default stage: an explicit stage is matched, a wrong one is stage-not-found', async () => {
    const scenario = loadScenario('healthy', now);
    const [api] = scenario.httpApis;
    const live = {...scenario, httpApis: [{...api!, stages: [{stageName: 'live', autoDeploy: true}]}]};
    const matched = await run(new FakeAws(live), forbidden(), 'https://h7k2m9p4q1.execute-api.us-east-1.amazonaws.com/live/items/3');
    expect(matched.facts.endpoint).toMatchObject({stage: 'live', route: {key: 'GET /items/{id}'}});
    const wrong = await run(new FakeAws(live), FakeProbe.responding(404, '{"message":"Not Found"}', {'apigw-requestid': 'x'}), 'https://h7k2m9p4q1.execute-api.us-east-1.amazonaws.com/lve/items/3');
    expect(ids(wrong)).toEqual(['stage-not-found:error']);
    expect(wrong.facts.endpoint?.suggestions?.[0]?.url).toBe('https://h7k2m9p4q1.execute-api.us-east-1.amazonaws.com/live/items/3');
  });

  it('HTTP API answering 404 for a configured route: route-not-deployed', async () => {
    const probe = FakeProbe.responding(404, '{"message":"Not Found"}', {'apigw-requestid': 'abc='});
    const outcome = await run(new FakeAws(loadScenario('healthy', now)), probe, 'https://h7k2m9p4q1.execute-api.us-east-1.amazonaws.com/items');
    expect(ids(outcome)).toEqual(['route-not-deployed:error']);
    expect(outcome.findings[0]?.fix?.body).toContain("aws apigatewayv2 create-deployment --region us-east-1 --api-id h7k2m9p4q1 --stage-name '$default'");
  });

  it('AccessDenied on GetStages: a warning naming apigateway:GET, and the rest still checked', async () => {
    const scenario = loadScenario('healthy', now);
    const fake = new FakeAws(scenario).fail('apigw', 'listStages', new AwsError({kind: 'AccessDenied', action: 'apigateway:GET', message: 'User is not authorized to perform: apigateway:GET'}));
    const outcome = await run(fake, missingToken(), scenario.demo.url);
    expect(ids(outcome)).toEqual(['endpoint-ok:ok', 'access-denied:warning']);
    const warning = outcome.findings[1];
    expect(warning?.title).toBe('Missing permission apigateway:GET (GetStages)');
    expect(warning?.fix?.body).toContain('arn:aws:apigateway:us-east-1::/restapis/a1b2c3d4e5/stages');
  });

  it('a probe that API Gateway did not answer (moto) is inconclusive; the control plane decides', async () => {
    const probe = FakeProbe.responding(404, '<!doctype html><title>404 Not Found</title>', {'content-type': 'text/html'});
    const scenario = loadScenario('healthy', now);
    const outcome = await run(new FakeAws(scenario), probe, scenario.demo.url);
    expect(ids(outcome)).toEqual(['endpoint-ok:ok']);
    expect(outcome.findings[0]?.evidence.at(-1)?.text).toMatch(/inconclusive.*rests on the control plane/);
  });

  it('a DNS failure means the request never reaches API Gateway', async () => {
    const scenario = loadScenario('wrong-region', now);
    const outcome = await run(new FakeAws(scenario, {region: 'us-east-1'}), FakeProbe.failing('dns', 'getaddrinfo ENOTFOUND'), scenario.demo.url);
    expect(outcome.findings[0]?.evidence.at(-1)?.text).toMatch(/host name does not resolve/);
    expect(outcome.facts.endpoint?.probe).toMatchObject({kind: 'failed', reason: 'dns'});
  });

  it('junk is url-invalid, stops the walk and sends no probe', async () => {
    const probe = missingToken();
    const outcome = await run(new FakeAws(loadScenario('healthy', now)), probe, 'http://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/prod/notes');
    expect(ids(outcome)).toEqual(['url-invalid:error']);
    expect(outcome.facts.endpoint?.suggestions?.[0]?.url).toBe(restUrl('us-east-1', '/prod/notes'));
    expect(outcome.stopReason).toMatch(/never reaches API Gateway/);
    expect(probe.requests).toEqual([]);
  });

  it('expired credentials end the run (they are not a finding)', async () => {
    const fake = new FakeAws(loadScenario('healthy', now)).fail('apigw', 'getRestApi', 'CredentialsExpired');
    await expect(run(fake, missingToken(), restUrl('us-east-1', '/prod/notes'))).rejects.toMatchObject({kind: 'CredentialsExpired'});
  });
});
