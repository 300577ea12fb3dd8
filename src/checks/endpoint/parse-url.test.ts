import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {parseApiUrl, rebuildUrl, type ParsedUrlParts} from './parse-url.js';

describe('parseApiUrl: the forms API Gateway and LocalStack serve', () => {
  it.each([
    ['https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/prod/notes/42', {form: 'aws', apiId: 'a1b2c3d4e5', region: 'us-east-1', stage: 'prod', path: '/notes/42'}],
    ['https://a1b2c3d4e5.execute-api.cn-north-1.amazonaws.com.cn/prod/', {form: 'aws', apiId: 'a1b2c3d4e5', region: 'cn-north-1', stage: 'prod', path: '/'}],
    ['https://a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com', {form: 'aws', stage: undefined, path: '/'}],
    ['https://a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com/prod/my%20notes/a%2Fb?x=1', {stage: 'prod', path: '/my notes/a/b'}],
    ['http://abc123.execute-api.localhost.localstack.cloud:4566/dev/items', {form: 'localstack-host', apiId: 'abc123', region: undefined, stage: 'dev', path: '/items'}],
    ['http://localhost:4566/_aws/execute-api/abc123/dev/items/1', {form: 'localstack-path', apiId: 'abc123', stage: 'dev', path: '/items/1'}],
    ['http://127.0.0.1:4566/restapis/abc123/dev/_user_request_/items', {form: 'localstack-legacy', apiId: 'abc123', stage: 'dev', path: '/items'}],
    ['http://localstack:4566/_aws/execute-api/abc123/dev', {form: 'localstack-path', stage: 'dev', path: '/'}],
    ['https://api.example.com/v1/notes', {form: 'custom-domain', host: 'api.example.com', apiId: undefined, stage: undefined, path: '/v1/notes'}],
  ])('%s', (url, expected) => {
    const result = parseApiUrl(url);
    if (!result.ok) throw new Error(result.reason);
    for (const [key, value] of Object.entries(expected)) expect(result.parsed[key as keyof typeof result.parsed], key).toEqual(value);
  });

  it('keeps the query string apart from the path', () => {
    const result = parseApiUrl('https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/prod/notes?limit=5#top');
    expect(result).toMatchObject({ok: true, query: '?limit=5', parsed: {path: '/notes'}});
  });
});

describe('parseApiUrl: junk, each with its precise reason', () => {
  it.each([
    ['', /empty/],
    ['not a url', /is not a URL/],
    ['a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/prod', /no scheme/],
    ['ftp://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/prod', /ftp:/],
    ['http://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/prod', /only answers https/],
    ['http://api.example.com/prod', /only answer https/],
    ['https://a1b2c3d4e5.execute-api.us-east-7.amazonaws.com/prod', /"us-east-7" is not an AWS region \(closest: us-east-1\)/],
    ['https://a1b2c3d4e5.execute-api.cn-north-1.amazonaws.com/prod', /China region/],
    ['https://A1B2C3.execute-api.us-east-1.amazonaws.com/prod', /10 lowercase letters and digits/],
    ['https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com//notes', /stage is empty/],
    ['https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com:8443/prod', /port 443/],
    ['https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/prod/%zz', /malformed percent-escape/],
    ['http://localhost:4566/prod/notes', /LocalStack form/],
    ['https://a1b2c3d4e5.execute-apii.us-east-1.amazonaws.com/prod', /not an API Gateway invoke host/],
    ['https://10.0.0.1/prod', /IP address/],
  ])('%j', (url, reason) => {
    const result = parseApiUrl(url);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(reason);
  });

  it('offers the corrected URL when the fix is certain', () => {
    expect(parseApiUrl('http://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/prod')).toMatchObject({correctedUrl: 'https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/prod'});
    expect(parseApiUrl('https://a1b2c3d4e5.execute-api.us-eest-1.amazonaws.com/prod')).toMatchObject({correctedUrl: 'https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/prod'});
  });

  it('never throws, whatever the input', () => {
    fc.assert(fc.property(fc.string(), (text) => typeof parseApiUrl(text).ok === 'boolean'));
    fc.assert(fc.property(fc.webUrl({withQueryParameters: true, withFragments: true}), (text) => typeof parseApiUrl(text).ok === 'boolean'));
    fc.assert(fc.property(fc.string(), (tail) => typeof parseApiUrl(`https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/${tail}`).ok === 'boolean'));
  });
});

describe('rebuildUrl', () => {
  const parts = (url: string): ParsedUrlParts => {
    const result = parseApiUrl(url);
    if (!result.ok) throw new Error(result.reason);
    return result;
  };

  it('changes one thing and keeps the form and the query', () => {
    const aws = parts('https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/prd/notes?x=1');
    expect(rebuildUrl(aws, {stage: 'prod'}, 'us-east-1')).toBe('https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/prod/notes?x=1');
    expect(rebuildUrl(aws, {region: 'eu-west-1'}, 'us-east-1')).toBe('https://a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com/prd/notes?x=1');
    expect(rebuildUrl(aws, {path: '/notes/{id}'}, 'us-east-1')).toBe('https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/prd/notes/{id}?x=1');
    expect(rebuildUrl(parts('http://localhost:4566/_aws/execute-api/abc/dev/x'), {stage: 'prod'}, 'us-east-1')).toBe('http://localhost:4566/_aws/execute-api/abc/prod/x');
    expect(rebuildUrl(parts('http://localhost:4566/restapis/abc/dev/_user_request_/x'), {stage: 'prod'}, 'us-east-1')).toBe('http://localhost:4566/restapis/abc/prod/_user_request_/x');
    expect(rebuildUrl(parts('https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/items/1'), {stage: null, path: '/items/1'}, 'us-east-1')).toBe('https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/items/1');
  });

  it('gives the execute-api URL when a custom domain cannot express the change', () => {
    const custom = parts('https://api.example.com/v1/notes');
    const resolved = {...custom, parsed: {...custom.parsed, apiId: 'a1b2c3d4e5', stage: 'prod', path: '/notes'}};
    expect(rebuildUrl(resolved, {stage: 'prod'}, 'eu-west-1')).toBe('https://a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com/prod/notes');
    expect(rebuildUrl(resolved, {path: '/v1/items'}, 'eu-west-1')).toBe('https://api.example.com/v1/items');
  });
});
