// Lambda: the function behind the integration (timeout, memory, log group, resource policy).
import type * as Sdk from '@aws-sdk/client-lambda';
import type {LambdaFunction, LambdaPort} from './ports.js';
import {isAwsError} from './errors.js';
import {sendOptions, serviceCaller, type AdapterScope} from './sdk-client.js';

export function createLambdaAdapter(scope: AdapterScope): LambdaPort {
  const call = serviceCaller(scope, 'lambda', async (options) => {
    const sdk = await import('@aws-sdk/client-lambda');
    return {sdk, client: new sdk.LambdaClient(options)};
  });
  return {
    getFunctionConfiguration: (functionName, qualifier, o) =>
      call('GetFunctionConfiguration', async ({sdk, client}) =>
        toLambdaFunction(await client.send(new sdk.GetFunctionConfigurationCommand({FunctionName: functionName, Qualifier: qualifier}), sendOptions(o))),
      ),
    getFunction: (functionName, qualifier, o) =>
      call('GetFunction', async ({sdk, client}) => {
        const out = await client.send(new sdk.GetFunctionCommand({FunctionName: functionName, Qualifier: qualifier}), sendOptions(o));
        return {
          ...toLambdaFunction(out.Configuration ?? {FunctionName: functionName}),
          codeLocation: out.Code?.Location,
          packageType: out.Configuration?.PackageType,
        };
      }),
    getPolicy: async (functionName, qualifier, o) => {
      try {
        return await call('GetPolicy', async ({sdk, client}) =>
          (await client.send(new sdk.GetPolicyCommand({FunctionName: functionName, Qualifier: qualifier}), sendOptions(o))).Policy,
        );
      } catch (error) {
        // A function without a resource policy answers 404 ResourceNotFoundException; the port
        // says "no policy". A missing function would have failed GetFunctionConfiguration first.
        if (isAwsError(error, 'NotFound')) return undefined;
        throw error;
      }
    },
  };
}

function toLambdaFunction(config: Sdk.FunctionConfiguration): LambdaFunction {
  const functionName = config.FunctionName ?? '';
  return {
    functionName,
    functionArn: config.FunctionArn ?? '',
    runtime: config.Runtime,
    handler: config.Handler,
    role: config.Role,
    // Lambda's documented defaults when a field is absent.
    timeout: config.Timeout ?? 3,
    memorySize: config.MemorySize ?? 128,
    state: config.State,
    stateReason: config.StateReason,
    lastUpdateStatus: config.LastUpdateStatus,
    logFormat: config.LoggingConfig?.LogFormat === 'JSON' ? 'JSON' : 'Text',
    logGroup: config.LoggingConfig?.LogGroup ?? `/aws/lambda/${functionName}`,
    version: config.Version,
  };
}
