import {describe, expect, it} from 'vitest';
import {parseExecutionLogLine} from './execution-log.js';

const api = '3f1c2a8e-0d4b-4c1e-9b7a-2e5f6a7b8c9d';
const lambda = '8f2e7c1a-5b3d-4e6f-9a0b-1c2d3e4f5a6b';

describe('API Gateway execution log lines', () => {
  it('finds the Lambda request id in the customer function error line', () => {
    expect(parseExecutionLogLine(`(${api}) Lambda execution failed with status 200 due to customer function error: Cannot read properties of undefined (reading 'id'). Lambda request id: ${lambda}`)).toEqual({
      kind: 'lambda-failed',
      apiRequestId: api,
      errorMessage: "Cannot read properties of undefined (reading 'id')",
      lambdaRequestId: lambda,
    });
  });

  it('reads timeouts, configuration errors and the method status', () => {
    expect(parseExecutionLogLine(`(${api}) Execution failed due to a timeout error`)).toEqual({kind: 'integration-timeout', apiRequestId: api});
    expect(parseExecutionLogLine(`(${api}) Execution failed due to configuration error: Malformed Lambda proxy response`)).toEqual({kind: 'configuration-error', apiRequestId: api, reason: 'Malformed Lambda proxy response'});
    expect(parseExecutionLogLine(`(${api}) Method completed with status: 502`)).toEqual({kind: 'completed', apiRequestId: api, status: 502});
    expect(parseExecutionLogLine(`(${api}) Starting execution for request: ${api}`)).toEqual({kind: 'other', apiRequestId: api});
    expect(parseExecutionLogLine('no prefix here')).toEqual({kind: 'other'});
  });
});
