import {describe, expect, it} from 'vitest';
import type {ProbeResult} from '../../aws/probe.js';
import {readProbe} from './read-probe.js';

const url = 'https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/prod/notes';
const answer = (status: number, body: string, headers: Record<string, string> = {}): ProbeResult => ({kind: 'response', requestedUrl: url, status, headers, body, elapsedMs: 5});

describe('readProbe', () => {
  it.each([
    [answer(403, '{"message":"Missing Authentication Token"}', {'x-amzn-errortype': 'MissingAuthenticationTokenException:http://internal.amazon.com/coral/'}), 'missing-auth-token'],
    [answer(403, '{"message":"Forbidden"}', {'x-amzn-errortype': 'ForbiddenException'}), 'forbidden'],
    [answer(404, '{"message":"Not Found"}', {'apigw-requestid': 'Ab1='}), 'not-found'],
    [answer(502, '{"message": "Internal server error"}', {'x-amzn-requestid': 'r', 'x-amz-apigw-id': 'a'}), 'integration-failed'],
    [answer(500, '{"message":"Internal Server Error"}', {'apigw-requestid': 'r'}), 'integration-failed'],
    [answer(504, '{"message": "Endpoint request timed out"}', {'x-amzn-requestid': 'r', 'x-amz-apigw-id': 'a'}), 'integration-timeout'],
    [answer(503, '{"message":"Service Unavailable"}', {'apigw-requestid': 'r'}), 'integration-timeout'],
    [answer(401, '{"message":"Unauthorized"}'), 'unauthorized'],
    [answer(200, '{"notes":[]}', {'x-amzn-requestid': 'r', 'x-amz-apigw-id': 'a'}), 'answered'],
    [answer(404, '<!DOCTYPE html><title>404 Not Found</title>', {'content-type': 'text/html'}), 'inconclusive'],
    // moto takes /_aws/… for an S3 bucket: an AWS request id, but not API Gateway's answer.
    [answer(404, '<Error><Code>NoSuchBucket</Code></Error>', {'x-amzn-requestid': 'r', 'content-type': 'application/xml'}), 'inconclusive'],
    [{kind: 'failed', requestedUrl: url, reason: 'dns', message: 'getaddrinfo ENOTFOUND'} as const, 'host-not-found'],
    [{kind: 'failed', requestedUrl: url, reason: 'refused', message: 'connect ECONNREFUSED'} as const, 'inconclusive'],
  ])('%# → %s', (result, verdict) => {
    expect(readProbe(result, 'GET', url).verdict).toBe(verdict);
  });

  it('keeps the error type (without its coral suffix) and the request id, and shows them as evidence', () => {
    const reading = readProbe(answer(403, '{"message":"Missing Authentication Token"}', {'x-amzn-errortype': 'MissingAuthenticationTokenException:http://internal.amazon.com/coral/', 'x-amzn-requestid': 'req-9'}), 'GET', url);
    expect(reading).toMatchObject({status: 403, errorType: 'MissingAuthenticationTokenException', requestId: 'req-9'});
    expect(reading.evidence.text).toContain('→ HTTP 403');
    expect(reading.evidence.text).toContain('{"message":"Missing Authentication Token"}');
  });

  it('sanitises what the server sent', () => {
    const reading = readProbe(answer(200, '\u001b]0;pwned\u0007ok\u001b[2J', {'apigw-requestid': 'r'}), 'GET', url);
    expect(reading.evidence.text).not.toMatch(/\u001b/);
  });

  it('says when the probe went to a local endpoint instead of the URL', () => {
    const local: ProbeResult = {...answer(403, '{"message":"Forbidden"}', {'x-amzn-requestid': 'r'}), requestedUrl: 'http://127.0.0.1:4566/_aws/execute-api/a1b2c3d4e5/prod/notes'};
    expect(readProbe(local, 'GET', url).summary).toMatch(/went to http:\/\/127\.0\.0\.1:4566/);
  });
});
