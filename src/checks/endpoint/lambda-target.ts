// Which Lambda an integration calls. REST integrations name it inside an invocation URI
// (arn:aws:apigateway:REGION:lambda:path/2015-03-31/functions/FN_ARN/invocations); HTTP APIs
// give the function ARN itself. Either may carry a qualifier (":prod", ":3") or a stage
// variable ("${stageVariables.fn}") that only the stage can resolve.

export interface LambdaTarget {
  /** The function ARN as configured, stage variables left in. */
  readonly lambdaArn: string;
  /** The function name (or ARN) to ask Lambda for; absent while a stage variable is unresolved. */
  readonly functionName?: string;
  readonly qualifier?: string;
  readonly region?: string;
  /** Stage variables the target needs and the stage does not define. */
  readonly unresolved: readonly string[];
}

const stageVariable = /\$\{stageVariables\.([A-Za-z0-9_]+)\}/g;

export function lambdaTarget(uri: string | undefined, stageVariables: Readonly<Record<string, string>>): LambdaTarget | undefined {
  if (uri === undefined) return undefined;
  const lambdaArn = /:lambda:path\/[^/]+\/functions\/(.+)\/invocations$/.exec(uri)?.[1] ?? (/^arn:[^:]+:lambda:/.test(uri) ? uri : undefined);
  if (lambdaArn === undefined) return undefined;
  const unresolved = [...lambdaArn.matchAll(stageVariable)].map((match) => match[1] ?? '').filter((name) => stageVariables[name] === undefined);
  if (unresolved.length > 0) return {lambdaArn, unresolved};
  const resolved = lambdaArn.replace(stageVariable, (_, name: string) => stageVariables[name] ?? '');
  // arn:PARTITION:lambda:REGION:ACCOUNT:function:NAME[:QUALIFIER]; a stage variable may also hold a bare name.
  const parts = resolved.split(':');
  if (parts[0] !== 'arn') {
    const [functionName, qualifier] = resolved.split(':');
    return {lambdaArn, functionName, qualifier, unresolved};
  }
  return {lambdaArn, functionName: parts[6], qualifier: parts[7], region: parts[3], unresolved};
}
