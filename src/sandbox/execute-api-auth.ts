// Who a signed data-plane request comes from, and may it invoke the method? The sandbox
// cannot verify SigV4 signatures or map access keys to identities, so it makes one
// simplification: every signed caller is the authenticated role of the scenario's first
// identity pool (preferring one in the API's region), the way a Cognito-authenticated browser
// app would call. The role's policies go through the same evaluator as the sandbox's
// SimulatePrincipalPolicy (policy-evaluation.ts), so the probe and the simulation agree.
import {isInvokeAllowed} from './policy-evaluation.js';
import type {SandboxState} from './state.js';

export type InvokeDecision =
  | {readonly kind: 'allowed'; readonly callerArn: string}
  | {readonly kind: 'denied'; readonly callerArn: string; readonly explicit: boolean}
  /** No identity pool role to act as: the sandbox cannot tell who signed. */
  | {readonly kind: 'unknown-caller'};

function callerRoleArn(state: SandboxState, region: string): string | undefined {
  const pools = [...state.scenario.identityPools].sort((a, b) => Number(b.region === region) - Number(a.region === region));
  return pools.find((pool) => pool.authenticatedRoleArn)?.authenticatedRoleArn;
}

export function authorizeInvoke(state: SandboxState, region: string, methodArn: string): InvokeDecision {
  const roleArn = callerRoleArn(state, region);
  if (!roleArn) return {kind: 'unknown-caller'};
  const decision = isInvokeAllowed(state, roleArn, methodArn);
  if (!decision.roleFound) return {kind: 'unknown-caller'};
  const callerArn = `arn:aws:sts::${state.scenario.accountId}:assumed-role/${roleArn.split('/').pop()}/CognitoIdentityCredentials`;
  if (decision.allowed) return {kind: 'allowed', callerArn};
  return {kind: 'denied', callerArn, explicit: decision.decision === 'explicitDeny'};
}
