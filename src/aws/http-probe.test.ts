import {afterEach, describe, expect, it} from 'vitest';
import {createHttpProbe, rewriteForEndpoint} from './http-probe.js';
import {AwsError} from './errors.js';
import {answeringServerForFile, deadPortUrl} from '../../test/helpers/aws-answering-server.js';

const server = answeringServerForFile();
const savedEndpoint = process.env.AWS_ENDPOINT_URL;

afterEach(() => {
  if (savedEndpoint === undefined) delete process.env.AWS_ENDPOINT_URL;
  else process.env.AWS_ENDPOINT_URL = savedEndpoint;
});

describe('createHttpProbe', () => {
  it('reports status, the headers worth showing, and an unsigned request', async () => {
    server.answer = () => ({
      status: 403,
      headers: {
        'content-type': 'application/json',
        'x-amzn-requestid': 'r-1',
        'x-amzn-errortype': 'MissingAuthenticationTokenException',
        'x-amz-apigw-id': 'gw-1',
        'set-cookie': 'secret=1',
      },
      body: '{"message":"Missing Authentication Token"}',
    });
    const result = await createHttpProbe().probe({url: `${server.url}/_aws/execute-api/abc/prod/items`, method: 'POST'});
    expect(result).toMatchObject({
      kind: 'response',
      requestedUrl: `${server.url}/_aws/execute-api/abc/prod/items`,
      status: 403,
      headers: {'content-type': 'application/json', 'x-amzn-requestid': 'r-1', 'x-amzn-errortype': 'MissingAuthenticationTokenException', 'x-amz-apigw-id': 'gw-1'},
      body: '{"message":"Missing Authentication Token"}',
    });
    expect(result.kind === 'response' && 'set-cookie' in result.headers).toBe(false);
    expect(server.requests[0]).toMatchObject({method: 'POST', url: '/_aws/execute-api/abc/prod/items'});
    expect(server.requests[0]?.headers.authorization).toBeUndefined();
  });

  it('keeps at most 4 KB of the body', async () => {
    server.answer = () => ({status: 200, headers: {'content-type': 'text/plain'}, body: 'x'.repeat(100_000)});
    const result = await createHttpProbe().probe({url: server.url, method: 'GET'});
    expect(result.kind === 'response' && result.body.length).toBe(4096);
  });

  it('gives up after the timeout', async () => {
    server.answer = () => ({status: 200, delayMs: 2000});
    const result = await createHttpProbe({timeoutMs: 100}).probe({url: server.url, method: 'GET'});
    expect(result).toMatchObject({kind: 'failed', reason: 'timeout', requestedUrl: server.url});
  });

  it('classifies a refused port, an unknown host and a dropped connection', async () => {
    const dead = await deadPortUrl();
    const probe = createHttpProbe();
    await expect(probe.probe({url: `${dead}/prod`, method: 'GET'})).resolves.toMatchObject({kind: 'failed', reason: 'refused'});
    await expect(probe.probe({url: 'http://no-such-host.invalid/prod', method: 'GET'})).resolves.toMatchObject({kind: 'failed', reason: 'dns'});
    server.answer = () => 'drop';
    await expect(probe.probe({url: server.url, method: 'GET'})).resolves.toMatchObject({kind: 'failed', reason: 'reset'});
  });

  it("rejects with a Cancelled AwsError when the caller's signal fires", async () => {
    server.answer = () => ({status: 200, delayMs: 2000});
    const controller = new AbortController();
    const pending = createHttpProbe().probe({url: server.url, method: 'GET', signal: controller.signal});
    setTimeout(() => controller.abort(), 50);
    const error = await pending.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AwsError);
    expect(error).toMatchObject({kind: 'Cancelled'});
  });

  it('sends a real execute-api URL to AWS_ENDPOINT_URL in the LocalStack path form', async () => {
    process.env.AWS_ENDPOINT_URL = server.url;
    server.answer = () => ({status: 200, headers: {'content-type': 'application/json'}, body: '{"ok":true}'});
    const result = await createHttpProbe().probe({url: 'https://a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com/prod/items/42?x=1', method: 'GET'});
    expect(result).toMatchObject({kind: 'response', status: 200, requestedUrl: `${server.url}/_aws/execute-api/a1b2c3d4e5/prod/items/42?x=1`});
    expect(server.requests[0]?.url).toBe('/_aws/execute-api/a1b2c3d4e5/prod/items/42?x=1');
  });
});

describe('rewriteForEndpoint', () => {
  it('rewrites only real execute-api URLs', () => {
    expect(rewriteForEndpoint('https://abc123.execute-api.us-east-1.amazonaws.com/prod/', 'http://127.0.0.1:4566/')).toBe(
      'http://127.0.0.1:4566/_aws/execute-api/abc123/prod/',
    );
    expect(rewriteForEndpoint('https://abc123.execute-api.us-east-1.amazonaws.com', 'http://h:1')).toBe('http://h:1/_aws/execute-api/abc123/');
    expect(rewriteForEndpoint('https://api.example.com/prod/items', 'http://h:1')).toBe('https://api.example.com/prod/items');
    expect(rewriteForEndpoint('http://h:1/_aws/execute-api/abc/prod', 'http://h:1')).toBe('http://h:1/_aws/execute-api/abc/prod');
  });
});
