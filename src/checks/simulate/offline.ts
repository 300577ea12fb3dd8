// Offline policy evaluation with @cloud-copilot/iam-simulate, for when the caller may not
// use iam:SimulatePrincipalPolicy or the endpoint does not offer it. It evaluates the role's
// inline and managed policies and its permissions boundary (no SCPs or resource policies:
// apigw-doctor does not read those) and names the statements that decided.
// iam-simulate (~100 kB with its policy parser) is imported when first needed: most walks
// never evaluate offline, and the stage list loads before the first frame.
import type {RequestAnalysis, Simulation} from '@cloud-copilot/iam-simulate';
import type {ArnVerdict, Decision, DecidingStatement} from './facts.js';
import {iamGlobMatches} from './arns.js';
import {parsePolicyDocument, prettyPolicy} from './policy-document.js';
import type {NamedPolicy, RolePolicies} from './role-policies.js';

type StatementAnalysis = NonNullable<RequestAnalysis['identityAnalysis']>['allowStatements'][number];

export interface OfflineRequest {
  readonly principalArn: string;
  readonly account: string;
  readonly action: string;
  readonly resourceArn: string;
  readonly policies: RolePolicies;
}

export type OfflineResult = {readonly ok: true; readonly verdict: ArnVerdict} | {readonly ok: false; readonly reason: string};

const decisionOf: Record<RequestAnalysis['result'], Decision> = {Allowed: 'allowed', ExplicitlyDenied: 'explicitDeny', ImplicitlyDenied: 'implicitDeny'};

export async function evaluateOffline(request: OfflineRequest): Promise<OfflineResult> {
  // iam-simulate names policies by id; plain indexes keep inline and managed names apart.
  const byId = new Map<string, NamedPolicy>();
  const unparseable: string[] = [];
  const load = (policy: NamedPolicy) => {
    const document = parsePolicyDocument(policy.document);
    if (!document) {
      unparseable.push(policy.name);
      return undefined;
    }
    const id = `policy-${byId.size}`;
    byId.set(id, policy);
    return {name: id, policy: document};
  };
  const identityPolicies = [...request.policies.inline, ...request.policies.managed].map(load).filter((p) => p !== undefined);
  const boundary = request.policies.boundary ? load(request.policies.boundary) : undefined;
  const simulation: Simulation = {
    request: {principal: request.principalArn, action: request.action, resource: {resource: request.resourceArn, accountId: request.account}, contextVariables: {}},
    identityPolicies,
    serviceControlPolicies: [],
    resourceControlPolicies: [],
    ...(boundary ? {permissionBoundaryPolicies: [boundary]} : {}),
  };
  const {runSimulation} = await import('@cloud-copilot/iam-simulate');
  const response = await runSimulation(simulation, {});
  if (response.resultType === 'error') return {ok: false, reason: `iam-simulate could not evaluate ${request.resourceArn}: ${response.errors.message}`};

  const notes: string[] = [];
  if (unparseable.length > 0) notes.push(`Not valid JSON, so left out: ${unparseable.join(', ')}.`);
  if (request.policies.unread.length > 0) notes.push(`Could not read ${request.policies.unread.join(', ')}, so the answer may be incomplete.`);

  let analysis: RequestAnalysis | undefined;
  if (response.resultType === 'single') {
    analysis = response.result.analysis;
  } else {
    // A request ARN with `*` is matched literally by IAM (the policy pattern must cover the
    // whole of it); iam-simulate instead reports every narrower pattern that overlaps it.
    const covering = response.results.filter((r) => iamGlobMatches(r.resourcePattern, request.resourceArn));
    analysis = covering.find((r) => r.analysis.result === 'ExplicitlyDenied')?.analysis ?? covering.find((r) => r.analysis.result === 'Allowed')?.analysis;
    const narrower = response.results.filter((r) => r.analysis.result === 'Allowed' && !covering.includes(r)).map((r) => r.resourcePattern);
    if (!analysis && narrower.length > 0) notes.push(`Allowed only for narrower ARNs: ${narrower.join(', ')}.`);
  }

  const decision = analysis ? decisionOf[analysis.result] : 'implicitDeny';
  const statements = analysis ? decidingAnalyses(analysis, decision) : [];
  const blockedByBoundary = analysis?.result === 'ImplicitlyDenied' && analysis.blockedBy?.includes('pb') === true;
  if (blockedByBoundary) {
    notes.push(`An identity policy allows it, but the permissions boundary${request.policies.boundary ? ` ${request.policies.boundary.name}` : ''} does not.`);
  }
  const verdict: ArnVerdict = {
    arn: request.resourceArn,
    decision,
    deciding: statements.map((s) => describe(s, byId)),
    missingContextKeys: analysis ? missingKeys(analysis) : [],
    ...(blockedByBoundary ? {blockedByBoundary} : {}),
    ...(notes.length > 0 ? {note: notes.join(' ')} : {}),
  };
  return {ok: true, verdict};
}

/** Deny statements decide a deny; allow statements an allow; nothing decides an implicit deny. */
function decidingAnalyses(analysis: RequestAnalysis, decision: Decision): StatementAnalysis[] {
  const parts = [analysis.identityAnalysis, analysis.permissionBoundaryAnalysis].filter((p) => p !== undefined);
  if (decision === 'explicitDeny') return parts.flatMap((p) => p.denyStatements);
  if (decision === 'allowed') return analysis.identityAnalysis?.allowStatements ?? [];
  return [];
}

function describe(analysis: StatementAnalysis, byId: ReadonlyMap<string, NamedPolicy>): DecidingStatement {
  const policy = byId.get(analysis.policyId);
  const statement = analysis.statement;
  return {
    policyName: policy?.name ?? analysis.policyId,
    policyKind: policy?.kind ?? 'unknown',
    statementId: statement.sid() ?? `#${statement.index()}`,
    effect: statement.isAllow() ? 'Allow' : 'Deny',
    text: prettyPolicy(statement.toJSON()),
  };
}

/** Keys of conditions that failed only because the request context lacked them. */
function missingKeys(analysis: RequestAnalysis): string[] {
  const parts = [analysis.identityAnalysis, analysis.permissionBoundaryAnalysis].filter((p) => p !== undefined);
  const keys = parts
    .flatMap((p) => [...p.allowStatements, ...p.denyStatements, ...p.unmatchedStatements])
    .filter((s) => s.actionMatch && s.resourceMatch)
    .flatMap((s) => s.explain.conditions ?? [])
    .filter((c) => c.failedBecauseMissing)
    .map((c) => c.conditionKeyValue);
  return [...new Set(keys)];
}
