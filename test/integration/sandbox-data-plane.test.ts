// The API's own URL, answered by the sandbox as API Gateway would (plain fetch, as the probe
// does), for each REST and HTTP API case of aws-facts §5.2.
import {afterAll, describe, expect, it} from 'vitest';
import type {Scenario, ScenarioName} from '../../src/sandbox/scenario.js';
import {loadScenario} from '../../src/sandbox/scenarios/index.js';
import {HTTP_API_ID, REST_API_ID} from '../../src/sandbox/scenarios/ids.js';
import {sandboxStopper, startTestSandbox} from '../helpers/sandbox.js';

const sandboxes = sandboxStopper();
afterAll(sandboxes.stopAll);
const signed = {authorization: 'AWS4-HMAC-SHA256 Credential=ASIAEXAMPLE/20260101/us-east-1/execute-api/aws4_request, SignedHeaders=host, Signature=00'};

async function call(scenario: Scenario | ScenarioName, path: string, init: RequestInit = {}) {
  const sandbox = sandboxes.track(await startTestSandbox(typeof scenario === 'string' ? loadScenario(scenario) : scenario));
  const response = await fetch(`${sandbox.endpoint}${path}`, init);
  return {status: response.status, headers: response.headers, body: await response.text(), calls: sandbox.calls};
}

/** The scenario with notes-api's timeout changed (to reach API Gateway's integration timeout). */
function withFunctionTimeout(name: ScenarioName, timeout: number): Scenario {
  const scenario = loadScenario(name);
  return {...scenario, functions: scenario.functions.map((fn) => ({...fn, timeout}))};
}

/** The notes auth role may invoke only the REST API; these tests also let it invoke the HTTP API. */
function httpInvokable(name: ScenarioName, timeout?: number): Scenario {
  const scenario = timeout === undefined ? loadScenario(name) : withFunctionTimeout(name, timeout);
  const grant = {Version: '2012-10-17', Statement: [{Effect: 'Allow', Action: 'execute-api:Invoke', Resource: `arn:aws:execute-api:*:*:${HTTP_API_ID}/*`}]};
  const roles = scenario.roles.map((role) => (role.name === 'Cognito_notesAuth_Role' ? {...role, inlinePolicies: {...role.inlinePolicies, 'invoke-http': grant}} : role));
  return {...scenario, roles};
}

const rest = (path: string) => `/_aws/execute-api/${REST_API_ID}${path}`;
const http = (path: string) => `/_aws/execute-api/${HTTP_API_ID}${path}`;

describe('sandbox data plane: REST API', () => {
  it('invokes the Lambda for a signed caller whose role may invoke', async () => {
    const answer = await call('healthy', rest('/prod/notes/42'), {headers: signed});
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toMatchObject({id: '42'});
    expect(answer.headers.get('x-amz-apigw-id')).toBeTruthy();
    expect(answer.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);
    expect(answer.calls).toEqual([{action: 'execute-api:Invoke', region: 'us-east-1'}]);
  });

  it('answers Missing Authentication Token to an unsigned call on an AWS_IAM method', async () => {
    const answer = await call('healthy', rest('/prod/notes/42'));
    expect([answer.status, answer.headers.get('x-amzn-errortype'), answer.body]).toEqual([403, 'MissingAuthenticationTokenException', '{"message":"Missing Authentication Token"}']);
  });

  it('answers Missing Authentication Token for a path with no resource', async () => {
    const answer = await call('wrong-path', rest('/prod/note/42'), {headers: signed});
    expect([answer.status, answer.headers.get('x-amzn-errortype'), answer.body]).toEqual([403, 'MissingAuthenticationTokenException', '{"message":"Missing Authentication Token"}']);
  });

  it('answers Forbidden for an unknown stage or API', async () => {
    for (const path of [rest('/prd/notes/42'), '/_aws/execute-api/zzzzzzzzzz/prod/notes/42']) {
      const answer = await call('healthy', path, {headers: signed});
      expect([answer.status, answer.headers.get('x-amzn-errortype'), answer.body]).toEqual([403, 'ForbiddenException', '{"message":"Forbidden"}']);
    }
  });

  it('denies a signed caller whose role lacks execute-api:Invoke, naming role and method ARN', async () => {
    const answer = await call('iam-denied', rest('/prod/notes/42'), {headers: signed});
    expect(answer.status).toBe(403);
    expect(answer.headers.get('x-amzn-errortype')).toBe('AccessDeniedException');
    expect(JSON.parse(answer.body)).toEqual({
      Message:
        'User: arn:aws:sts::123456789012:assumed-role/Cognito_notesAuth_Role/CognitoIdentityCredentials is not authorized to perform: execute-api:Invoke on resource: arn:aws:execute-api:us-east-1:123456789012:a1b2c3d4e5/prod/GET/notes/42',
    });
  });

  it('answers 502 when the Lambda throws or times out before the integration does', async () => {
    for (const name of ['lambda-error', 'lambda-timeout'] as const) {
      const answer = await call(name, rest('/prod/notes/7'), {headers: signed});
      expect([answer.status, answer.body]).toEqual([502, '{"message":"Internal server error"}']);
    }
  });

  it('answers 504 when the function outlasts the 29 s integration timeout', async () => {
    const answer = await call(withFunctionTimeout('lambda-timeout', 30), rest('/prod/notes'), {headers: signed});
    expect([answer.status, answer.body]).toEqual([504, '{"message":"Endpoint request timed out"}']);
  });

  it('answers 500 when API Gateway may not invoke the function', async () => {
    const scenario = loadScenario('healthy');
    const noPermission = {...scenario, functions: scenario.functions.map((fn) => ({...fn, resourcePolicy: undefined}))};
    const answer = await call(noPermission, rest('/prod/notes/42'), {headers: signed});
    expect([answer.status, answer.body]).toEqual([500, '{"message":"Internal server error"}']);
  });

  it('serves the legacy _user_request_ path and the LocalStack host form', async () => {
    const legacy = await call('healthy', `/restapis/${REST_API_ID}/prod/_user_request_/notes/42`, {headers: signed});
    expect(legacy.status).toBe(200);
    const sandbox = sandboxes.track(await startTestSandbox(loadScenario('healthy')));
    const hosted = await new Promise<number>((resolve, reject) => {
      // fetch cannot set Host; node:http can.
      import('node:http').then(({request}) => {
        const outgoing = request({host: '127.0.0.1', port: sandbox.port, path: '/prod/notes/42', headers: {...signed, host: `${REST_API_ID}.execute-api.localhost.localstack.cloud:4566`}}, (response) => {
          response.resume();
          resolve(response.statusCode ?? 0);
        });
        outgoing.on('error', reject);
        outgoing.end();
      }, reject);
    });
    expect(hosted).toBe(200);
  });
});

describe('sandbox data plane: HTTP API', () => {
  it('invokes through the $default stage for a signed caller', async () => {
    const answer = await call(httpInvokable('healthy'), http('/items/42'), {headers: signed});
    expect(answer.status).toBe(200);
    expect(answer.headers.get('apigw-requestid')).toBeTruthy();
  });

  it('answers Forbidden to an unsigned or denied caller', async () => {
    expect(await call(httpInvokable('healthy'), http('/items'))).toMatchObject({status: 403, body: '{"message":"Forbidden"}'});
    const denied = await call('healthy', http('/items'), {headers: signed});
    expect([denied.status, denied.body]).toEqual([403, '{"message":"Forbidden"}']);
  });

  it('answers Not Found when no route and no $default route match', async () => {
    const scenario = loadScenario('healthy');
    const withoutDefault = {...scenario, httpApis: scenario.httpApis.map((api) => ({...api, routes: api.routes.filter((route) => route.routeKey !== '$default')}))};
    const answer = await call(withoutDefault, http('/notes/42'), {headers: signed});
    expect([answer.status, answer.body]).toEqual([404, '{"message":"Not Found"}']);
  });

  it('answers 500 for a Lambda error and 503 for an integration timeout', async () => {
    expect(await call(httpInvokable('lambda-error'), http('/items/7'), {headers: signed})).toMatchObject({status: 500, body: '{"message":"Internal Server Error"}'});
    expect(await call(httpInvokable('lambda-timeout', 30), http('/items'), {headers: signed})).toMatchObject({status: 503, body: '{"message":"Service Unavailable"}'});
  });
});
