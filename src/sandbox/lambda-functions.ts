// Finding a scenario's Lambda function by name or ARN, in one region, as Lambda resolves
// the FunctionName parameter (name, full ARN, partial ARN, each with an optional qualifier).
import type {FunctionSeed} from './scenario.js';
import type {SandboxState} from './state.js';

export function functionArn(accountId: string, fn: FunctionSeed): string {
  return `arn:aws:lambda:${fn.region}:${accountId}:function:${fn.name}`;
}

export interface FunctionReference {
  readonly name: string;
  /** From the ARN, when the reference was a full ARN. */
  readonly region?: string;
  readonly accountId?: string;
  readonly qualifier?: string;
}

/** Parses "my-fn", "my-fn:live", "123456789012:function:my-fn", "arn:aws:lambda:REGION:ACCT:function:my-fn[:q]". */
export function parseFunctionReference(reference: string): FunctionReference {
  const full = /^arn:aws[a-z-]*:lambda:([a-z0-9-]+):(\d{12}):function:([^:]+)(?::(.+))?$/.exec(reference);
  if (full) return {region: full[1]!, accountId: full[2]!, name: full[3]!, qualifier: full[4]};
  const partial = /^(\d{12}):function:([^:]+)(?::(.+))?$/.exec(reference);
  if (partial) return {accountId: partial[1]!, name: partial[2]!, qualifier: partial[3]};
  const [name = '', qualifier] = reference.split(':');
  return {name, qualifier};
}

export function findFunction(state: SandboxState, region: string, name: string): FunctionSeed | undefined {
  return state.scenario.functions.find((fn) => fn.region === region && fn.name === name);
}

/** The function behind a Lambda ARN (or an API Gateway ".../functions/ARN/invocations" URI), wherever it lives. */
export function functionFromIntegrationUri(state: SandboxState, uri: string): FunctionSeed | undefined {
  const arn = /functions\/(arn:[^/]+)\/invocations/.exec(uri)?.[1] ?? uri;
  const reference = parseFunctionReference(arn);
  if (!reference.region || reference.accountId !== state.scenario.accountId) return undefined;
  return findFunction(state, reference.region, reference.name);
}
