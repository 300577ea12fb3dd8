import {describe, expect, it} from 'vitest';
import {lambdaTarget} from './lambda-target.js';

const fn = 'arn:aws:lambda:eu-west-1:123456789012:function:notes-api';
const invocation = (arn: string) => `arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/${arn}/invocations`;

describe('lambdaTarget', () => {
  it.each([
    ['REST invocation URI', invocation(fn), {}, {lambdaArn: fn, functionName: 'notes-api', qualifier: undefined, region: 'eu-west-1'}],
    ['HTTP API function ARN', fn, {}, {lambdaArn: fn, functionName: 'notes-api', region: 'eu-west-1'}],
    ['alias qualifier', invocation(`${fn}:live`), {}, {functionName: 'notes-api', qualifier: 'live'}],
    ['version qualifier', `${fn}:3`, {}, {functionName: 'notes-api', qualifier: '3'}],
    ['stage variable for the alias', invocation(`${fn}:\${stageVariables.alias}`), {alias: 'blue'}, {functionName: 'notes-api', qualifier: 'blue', unresolved: []}],
    ['stage variable holding a bare name', invocation('${stageVariables.fn}'), {fn: 'notes-dev'}, {functionName: 'notes-dev', qualifier: undefined}],
  ])('%s', (_, uri, variables, expected) => {
    expect(lambdaTarget(uri, variables)).toMatchObject(expected);
  });

  it('leaves the name open while a stage variable is undefined', () => {
    expect(lambdaTarget(invocation(`${fn}:\${stageVariables.alias}`), {})).toEqual({lambdaArn: `${fn}:\${stageVariables.alias}`, unresolved: ['alias']});
  });

  it('is undefined for integrations that are not Lambda', () => {
    expect(lambdaTarget('https://example.com/backend', {})).toBeUndefined();
    expect(lambdaTarget(undefined, {})).toBeUndefined();
  });
});
