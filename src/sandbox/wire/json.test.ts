import {describe, expect, it} from 'vitest';
import {SandboxError, type HandlerContext, type JsonService} from '../protocol.js';
import {optionalNumber, requiredString, serveJson} from './json.js';

const ctx = {requestId: 'req-2', region: 'us-east-1', accountId: '123456789012', baseUrl: 'http://x'} as HandlerContext;
const service: JsonService = {
  protocol: 'awsJson1_1',
  signingName: 'logs',
  targetPrefix: 'Logs_20140328',
  actionPrefix: 'logs',
  operations: {
    Echo: (input) => ({got: requiredString(input, 'name'), limit: optionalNumber(input, 'limit', {min: 1, max: 50})}),
    Fail: () => {
      throw new SandboxError('ResourceNotFoundException', 'The specified log group does not exist.');
    },
  },
};

describe('serveJson', () => {
  it('parses the body and answers application/x-amz-json-1.1', () => {
    const response = serveJson(service, 'Echo', '{"name":"n","limit":5}', ctx);
    expect(response).toEqual({
      status: 200,
      headers: {'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': 'req-2'},
      body: '{"got":"n","limit":5}',
    });
  });

  it('encodes errors as __type/message with status 400', () => {
    const response = serveJson(service, 'Fail', '{}', ctx);
    expect(response.status).toBe(400);
    expect(JSON.parse(String(response.body))).toEqual({__type: 'ResourceNotFoundException', message: 'The specified log group does not exist.'});
  });

  it('reports validation, bad JSON and unknown operations as AWS does', () => {
    expect(JSON.parse(String(serveJson(service, 'Echo', '{"name":"n","limit":99}', ctx).body)).__type).toBe('InvalidParameterException');
    expect(JSON.parse(String(serveJson(service, 'Echo', '{}', ctx).body)).message).toContain("at 'name'");
    expect(JSON.parse(String(serveJson(service, 'Echo', '{nope', ctx).body)).__type).toBe('SerializationException');
    expect(JSON.parse(String(serveJson(service, 'Nope', '{}', ctx).body)).__type).toBe('UnknownOperationException');
  });
});
