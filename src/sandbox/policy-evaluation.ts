// The sandbox's own IAM policy evaluator, written from AWS's documented evaluation logic
// (identity policies + permissions boundary, one account, no SCPs/session policies):
//   1. any applicable Deny (identity or boundary)        → explicitDeny
//   2. an applicable Allow in the identity policies, and
//      (no boundary, or the boundary allows too)         → allowed
//   3. otherwise                                          → implicitDeny
// A statement applies when its Action/NotAction and Resource/NotResource match and its
// Condition holds (policy-conditions.ts). It is deliberately independent of the
// iam-simulate library the tool's offline evaluator uses, so the two can check each other.
//
// Statement positions: a document is stored and served (GetRolePolicy, GetPolicyVersion)
// as `policyText(doc)`, JSON pretty-printed with a 2-space indent; Start/EndPosition are
// 1-based line/column in that text, Start at the statement's `{`, End just after its `}`.
import type {PolicyDocument} from './scenario.js';
import type {SandboxState} from './state.js';
import {findRoleByArn, rolePolicySources} from './iam-store.js';
import {conditionHolds, type RequestContext} from './policy-conditions.js';
import {patternRegExp} from './policy-glob.js';

export type PolicySourceType = 'role' | 'aws-managed' | 'user-managed';

export interface PolicySource {
  /** The policy's name (SourcePolicyId). */
  readonly id: string;
  readonly type: PolicySourceType;
  readonly document: PolicyDocument;
}

export interface Position {
  readonly line: number;
  readonly column: number;
}

export interface MatchedStatement {
  readonly sourcePolicyId: string;
  readonly sourcePolicyType: PolicySourceType;
  readonly start: Position;
  readonly end: Position;
}

export type Decision = 'allowed' | 'explicitDeny' | 'implicitDeny';

export interface Evaluation {
  readonly decision: Decision;
  /** The statements that decided: the denies for explicitDeny, the allows for allowed. */
  readonly matchedStatements: readonly MatchedStatement[];
  readonly missingContextValues: readonly string[];
  /** Present only when the principal has a permissions boundary. */
  readonly allowedByPermissionsBoundary?: boolean;
}

export interface EvaluationRequest {
  readonly action: string;
  readonly resource: string;
  readonly context: RequestContext;
}

export function policyText(document: PolicyDocument): string {
  return JSON.stringify(document, null, 2);
}

function asList(value: unknown): string[] {
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).map(String);
}

export function statementsOf(document: PolicyDocument): ReadonlyArray<Readonly<Record<string, unknown>>> {
  const statement = (document as {Statement?: unknown}).Statement;
  if (Array.isArray(statement)) return statement as Array<Record<string, unknown>>;
  return typeof statement === 'object' && statement !== null ? [statement as Record<string, unknown>] : [];
}

const locationCache = new WeakMap<PolicyDocument, readonly {start: Position; end: Position}[]>();

/** Where each statement sits in `policyText(document)`. */
export function statementLocations(document: PolicyDocument): readonly {start: Position; end: Position}[] {
  const cached = locationCache.get(document);
  if (cached) return cached;
  const text = policyText(document);
  const isList = Array.isArray((document as {Statement?: unknown}).Statement);
  const indent = ' '.repeat(isList ? 4 : 2);
  let cursor = text.indexOf('"Statement":');
  const locations = statementsOf(document).map((statement) => {
    const rendered = JSON.stringify(statement, null, 2).split('\n').join(`\n${indent}`);
    const offset = text.indexOf(rendered, cursor);
    cursor = offset + rendered.length;
    return {start: positionAt(text, offset), end: positionAt(text, cursor)};
  });
  locationCache.set(document, locations);
  return locations;
}

function positionAt(text: string, offset: number): Position {
  const before = text.slice(0, offset);
  const lineStart = before.lastIndexOf('\n') + 1;
  return {line: before.split('\n').length, column: offset - lineStart + 1};
}

function anyMatches(patterns: readonly string[], value: string, ignoreCase: boolean, context: RequestContext, missing: Set<string>): boolean {
  return patterns.some((pattern) => {
    const regExp = patternRegExp(pattern, ignoreCase, (key) => {
      const values = context.get(key.toLowerCase());
      if (values?.length !== 1) missing.add(key);
      return values?.length === 1 ? values[0] : undefined;
    });
    return regExp?.test(value) ?? false;
  });
}

/** Does one statement apply to the request? Context keys it lacked go into `missing`. */
export function statementApplies(statement: Readonly<Record<string, unknown>>, request: EvaluationRequest, missing: Set<string>): boolean {
  const {action, resource, context} = request;
  const actionMatches =
    'Action' in statement
      ? anyMatches(asList(statement.Action), action, true, context, missing)
      : 'NotAction' in statement && !anyMatches(asList(statement.NotAction), action, true, context, missing);
  if (!actionMatches) return false;
  const resourceMatches =
    'Resource' in statement
      ? anyMatches(asList(statement.Resource), resource, false, context, missing)
      : 'NotResource' in statement && !anyMatches(asList(statement.NotResource), resource, false, context, missing);
  if (!resourceMatches) return false;
  return conditionHolds(statement.Condition, context, missing);
}

interface Applicable {
  readonly allows: MatchedStatement[];
  readonly denies: MatchedStatement[];
}

function applicableStatements(sources: readonly PolicySource[], request: EvaluationRequest, missing: Set<string>): Applicable {
  const result: Applicable = {allows: [], denies: []};
  for (const source of sources) {
    const locations = statementLocations(source.document);
    statementsOf(source.document).forEach((statement, index) => {
      if (!statementApplies(statement, request, missing)) return;
      const location = locations[index]!;
      const matched = {sourcePolicyId: source.id, sourcePolicyType: source.type, start: location.start, end: location.end};
      if (statement.Effect === 'Deny') result.denies.push(matched);
      else if (statement.Effect === 'Allow') result.allows.push(matched);
    });
  }
  return result;
}

export function evaluate(identityPolicies: readonly PolicySource[], boundary: PolicySource | undefined, request: EvaluationRequest): Evaluation {
  const missing = new Set<string>();
  const identity = applicableStatements(identityPolicies, request, missing);
  const bounded = boundary ? applicableStatements([boundary], request, missing) : undefined;
  const allowedByPermissionsBoundary = bounded ? bounded.denies.length === 0 && bounded.allows.length > 0 : undefined;
  const missingContextValues = [...missing];
  const denies = [...identity.denies, ...(bounded?.denies ?? [])];
  if (denies.length > 0) return {decision: 'explicitDeny', matchedStatements: denies, missingContextValues, allowedByPermissionsBoundary};
  if (identity.allows.length > 0 && allowedByPermissionsBoundary !== false) {
    return {decision: 'allowed', matchedStatements: identity.allows, missingContextValues, allowedByPermissionsBoundary};
  }
  return {decision: 'implicitDeny', matchedStatements: [], missingContextValues, allowedByPermissionsBoundary};
}

export interface InvokeDecision extends Evaluation {
  readonly allowed: boolean;
  /** False when the ARN names no role of this account (then the call is implicitly denied). */
  readonly roleFound: boolean;
}

/**
 * May this role call execute-api:Invoke on this execute-api ARN? The data plane asks this
 * for a signed request (identity policies only: the sandbox has no API resource policies).
 */
export function isInvokeAllowed(state: SandboxState, roleArn: string, resourceArn: string): InvokeDecision {
  const role = findRoleByArn(state, roleArn);
  if (!role) return {allowed: false, roleFound: false, decision: 'implicitDeny', matchedStatements: [], missingContextValues: []};
  const {identity, boundary} = rolePolicySources(state, role);
  const evaluation = evaluate(identity, boundary, {action: 'execute-api:Invoke', resource: resourceArn, context: new Map()});
  return {...evaluation, allowed: evaluation.decision === 'allowed', roleFound: true};
}
