// Which function (and which version of it) the integration calls, and where it logs. Shared
// by the logs and timeouts stages.
import type {LambdaFunction, LambdaPort} from '../../aws/ports.js';
import type {EndpointFacts} from '../stage.js';

export interface LambdaTarget {
  readonly functionName: string;
  /** Alias or version from the integration ARN ("prod", "7"); absent for $LATEST. */
  readonly qualifier?: string;
  /** The ARN as written in the integration. */
  readonly lambdaArn?: string;
}

/** "arn:aws:lambda:REGION:ACCT:function:NAME[:QUALIFIER]" → name and qualifier. */
export function parseFunctionArn(arn: string): {functionName: string; qualifier?: string} | undefined {
  const match = /^arn:aws[\w-]*:lambda:[\w-]+:\d{12}:function:([\w-]+)(?::([\w$-]+))?$/.exec(arn);
  if (!match) return undefined;
  return {functionName: match[1]!, qualifier: match[2]};
}

/** Undefined when the integration is not a Lambda (or its ARN holds an unresolved stage variable). */
export function lambdaTargetOf(endpoint: EndpointFacts | undefined): LambdaTarget | undefined {
  const integration = endpoint?.integration;
  if (!integration) return undefined;
  if (integration.functionName && !integration.functionName.includes('${')) {
    return {functionName: integration.functionName, qualifier: integration.qualifier, lambdaArn: integration.lambdaArn};
  }
  const parsed = integration.lambdaArn ? parseFunctionArn(integration.lambdaArn) : undefined;
  return parsed ? {...parsed, lambdaArn: integration.lambdaArn} : undefined;
}

export function describeTarget(target: LambdaTarget): string {
  return target.qualifier ? `${target.functionName}:${target.qualifier}` : target.functionName;
}

export function getTargetConfiguration(lambda: LambdaPort, target: LambdaTarget, signal?: AbortSignal): Promise<LambdaFunction> {
  return lambda.getFunctionConfiguration(target.functionName, target.qualifier, {signal});
}
