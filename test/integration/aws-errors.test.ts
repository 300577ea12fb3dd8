// The real SDK clients, through our adapters, against a real HTTP peer that answers with
// AWS's own error bodies per protocol (aws-facts §1.3/§1.4): each must become the right
// AwsError kind with a message a person can act on, and never leak credentials.
import {describe, expect, it} from 'vitest';
import {createAwsPorts, type AwsConfig} from '../../src/aws/index.js';
import {AwsError} from '../../src/aws/errors.js';
import {answeringServerForFile, deadPortUrl} from '../helpers/aws-answering-server.js';

const secret = {accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', sessionToken: 'FwoGZXIvYXdzEBYaDH7EXAMPLESESSIONTOKENabcdefGHIJKLmnopQRSTuvwxYZ0123456789+/AbCdEf'};
const server = answeringServerForFile();

function ports(overrides: Partial<AwsConfig> = {}) {
  return createAwsPorts({region: 'us-east-1', endpoint: server.url, credentials: secret, maxAttempts: 1, ...overrides});
}

async function failure(promise: Promise<unknown>): Promise<AwsError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AwsError);
  return error as AwsError;
}

const queryError = (code: string, message: string) =>
  `<ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><Error><Type>Sender</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>4d9f2a1c-req</RequestId></ErrorResponse>`;

describe('AWS error bodies become AwsError kinds', () => {
  it('IAM Query AccessDenied names the denied IAM action', async () => {
    // AWS sends the request id in both places; the SDK reads only the header.
    server.answer = () => ({
      status: 403,
      headers: {'content-type': 'text/xml', 'x-amzn-requestid': '4d9f2a1c-req'},
      body: queryError('AccessDenied', 'User: arn:aws:iam::123456789012:user/dev is not authorized to perform: iam:SimulatePrincipalPolicy on resource: role r'),
    });
    const error = await failure(ports().iam.simulatePrincipalPolicy({policySourceArn: 'arn:aws:iam::123456789012:role/r', actionNames: ['execute-api:Invoke'], resourceArns: ['*']}));
    expect(error).toMatchObject({kind: 'AccessDenied', action: 'iam:SimulatePrincipalPolicy', code: 'AccessDenied', httpStatus: 403, requestId: '4d9f2a1c-req'});
    expect(error.message).toMatch(/^Your credentials may not call iam:SimulatePrincipalPolicy \(AccessDenied\)\. Ask for that permission/);
    expect(server.requests[0]?.body).toContain('Action=SimulatePrincipalPolicy');
  });

  it('IAM NoSuchEntity is NotFound', async () => {
    server.answer = () => ({status: 404, headers: {'content-type': 'text/xml'}, body: queryError('NoSuchEntity', 'The role with name r cannot be found.')});
    const error = await failure(ports().iam.getRole('r'));
    expect(error).toMatchObject({kind: 'NotFound', action: 'iam:GetRole', code: 'NoSuchEntityException'});
    expect(error.message).toContain('The role with name r cannot be found.');
  });

  it('Logs ThrottlingException is Throttled once the SDK retries are spent', async () => {
    server.answer = () => ({
      status: 400,
      headers: {'content-type': 'application/x-amz-json-1.1'},
      body: JSON.stringify({__type: 'ThrottlingException', message: 'Rate exceeded'}),
    });
    const error = await failure(ports({maxAttempts: 2}).logs.describeLogGroups('/aws/lambda/'));
    expect(error).toMatchObject({kind: 'Throttled', action: 'logs:DescribeLogGroups', code: 'ThrottlingException'});
    expect(error.message).toContain('after 2 attempts');
    expect(server.requests).toHaveLength(2);
    expect(server.requests[0]?.headers['x-amz-target']).toBe('Logs_20140328.DescribeLogGroups');
  });

  it('API Gateway 404 with x-amzn-errortype is NotFound with AWS text', async () => {
    server.answer = () => ({
      status: 404,
      headers: {'content-type': 'application/json', 'x-amzn-errortype': 'NotFoundException:http://internal.amazon.com/coral/com.amazonaws.backplane.controlplane/'},
      body: JSON.stringify({message: 'Invalid API identifier specified 123456789012:abc123'}),
    });
    const error = await failure(ports().apigw.getRestApi('abc123'));
    expect(error).toMatchObject({kind: 'NotFound', action: 'apigateway:GET', code: 'NotFoundException', httpStatus: 404});
    expect(error.message).toContain('Invalid API identifier specified');
    expect(server.requests[0]).toMatchObject({method: 'GET', url: '/restapis/abc123'});
  });

  it('Lambda ResourceNotFoundException is NotFound; GetPolicy turns it into "no policy"', async () => {
    server.answer = () => ({
      status: 404,
      headers: {'content-type': 'application/json', 'x-amzn-errortype': 'ResourceNotFoundException'},
      body: JSON.stringify({Type: 'User', Message: 'Function not found: arn:aws:lambda:us-east-1:123456789012:function:f'}),
    });
    const error = await failure(ports().lambda.getFunctionConfiguration('f'));
    expect(error).toMatchObject({kind: 'NotFound', action: 'lambda:GetFunctionConfiguration', code: 'ResourceNotFoundException'});
    expect(error.message).toContain('Function not found');
    await expect(ports().lambda.getPolicy('f')).resolves.toBeUndefined();
  });

  it('STS ExpiredToken is CredentialsExpired and tells how to log in again', async () => {
    server.answer = () => ({status: 403, headers: {'content-type': 'text/xml'}, body: queryError('ExpiredToken', 'The security token included in the request is expired')});
    const error = await failure(ports({profile: 'dev'}).sts.getCallerIdentity());
    expect(error).toMatchObject({kind: 'CredentialsExpired', code: 'ExpiredToken'});
    expect(error.message).toContain('aws sso login --profile dev');
  });

  it('UnrecognizedClientException (unknown key) is CredentialsExpired: rejected', async () => {
    server.answer = () => ({
      status: 400,
      headers: {'content-type': 'application/x-amz-json-1.1'},
      body: JSON.stringify({__type: 'UnrecognizedClientException', message: 'The security token included in the request is invalid.'}),
    });
    const error = await failure(ports().cognito.listIdentityPools());
    expect(error).toMatchObject({kind: 'CredentialsExpired', action: 'cognito-identity:ListIdentityPools'});
    expect(error.message).toContain('AWS rejected your credentials');
  });

  it('an HTML 500 page (an emulator without the operation) is Unsupported', async () => {
    server.answer = () => ({
      status: 500,
      headers: {'content-type': 'text/html; charset=utf-8'},
      body: '<!doctype html><html><title>500 Internal Server Error</title><h1>Internal Server Error</h1></html>',
    });
    const iam = await failure(ports().iam.simulatePrincipalPolicy({policySourceArn: 'arn:aws:iam::1:role/r', actionNames: ['x'], resourceArns: ['*']}));
    expect(iam).toMatchObject({kind: 'Unsupported', action: 'iam:SimulatePrincipalPolicy', httpStatus: 500});
    const cognito = await failure(ports().cognito.getIdentityPoolRoles('us-east-1:pool'));
    expect(cognito).toMatchObject({kind: 'Unsupported', action: 'cognito-identity:GetIdentityPoolRoles'});
    expect(cognito.message).toContain('HTML page');
  });

  it('any other service error is Unexpected with its code and request id', async () => {
    server.answer = () => ({
      status: 400,
      headers: {'content-type': 'application/json', 'x-amzn-errortype': 'BadRequestException', 'x-amzn-requestid': 'req-77'},
      body: JSON.stringify({message: 'Invalid stage identifier specified'}),
    });
    const error = await failure(ports().apigw.getStage('abc', 'prod'));
    expect(error).toMatchObject({kind: 'Unexpected', code: 'BadRequestException', requestId: 'req-77'});
    expect(error.message).toBe('apigateway:GET failed: BadRequestException: Invalid stage identifier specified (HTTP 400, request id req-77).');
  });

  it('a dropped connection is Network and names the host', async () => {
    server.answer = () => 'drop';
    const error = await failure(ports().lambda.getFunction('f'));
    expect(error.kind).toBe('Network');
    expect(error.message).toContain(server.host);
  });

  it('a refused port is Network and names the host', async () => {
    const dead = await deadPortUrl();
    const error = await failure(ports({endpoint: dead}).sts.getCallerIdentity());
    expect(error.kind).toBe('Network');
    expect(error.message).toContain(new URL(dead).host);
    expect(error.message).toContain('ECONNREFUSED');
  });

  it('a cancelled call is Cancelled', async () => {
    server.answer = () => ({status: 200, headers: {'content-type': 'application/json'}, body: '{}', delayMs: 2000});
    const controller = new AbortController();
    const pending = ports().apigw.getAccount({signal: controller.signal});
    setTimeout(() => controller.abort(), 50);
    const error = await failure(pending);
    expect(error).toMatchObject({kind: 'Cancelled', action: 'apigateway:GET'});
  });

  it('never puts credentials in a message, even when the server echoes them', async () => {
    server.answer = (request) => ({
      status: 403,
      headers: {'content-type': 'application/json', 'x-amzn-errortype': 'AccessDeniedException'},
      body: JSON.stringify({
        Message: `key ${secret.secretAccessKey} token ${String(request.headers['x-amz-security-token'])} is not authorized; Authorization: ${String(request.headers.authorization)}`,
      }),
    });
    const error = await failure(ports().lambda.getFunctionConfiguration('f'));
    expect(error.kind).toBe('AccessDenied');
    expect(server.requests[0]?.headers['x-amz-security-token']).toBe(secret.sessionToken);
    for (const leaked of [secret.accessKeyId, secret.secretAccessKey, secret.sessionToken, 'Signature=', 'AWS4-HMAC-SHA256']) {
      expect(error.message).not.toContain(leaked);
    }
  });
});
