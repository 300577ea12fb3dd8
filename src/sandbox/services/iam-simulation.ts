// IAM SimulatePrincipalPolicy: every action × resource pair evaluated against the role's
// inline and attached policies and its permissions boundary (policy-evaluation.ts), shaped
// as IAM's EvaluationResults and paged with Marker/MaxItems.
//
// As IAM does: with the default resource `*`, missing context keys are reported on the
// result itself; with explicit ResourceArns they are reported per resource under
// ResourceSpecificResults. EvalDecisionDetails is left out: IAM fills it only for
// cross-account simulations, which the one-account sandbox has none of.
// Not supported (InvalidInput says so): PolicyInputList, PermissionsBoundaryPolicyInputList,
// ResourcePolicy, CallerArn; only role principals have policies here.
import {SandboxError, type QueryHandler} from '../protocol.js';
import {findRoleByArn, rolePolicySources} from '../iam-store.js';
import {evaluate, type Evaluation, type MatchedStatement} from '../policy-evaluation.js';
import {decodeQueryParams, queryPage, requiredParam} from '../wire/query.js';

interface DecodedInput {
  readonly ActionNames?: unknown;
  readonly ResourceArns?: unknown;
  readonly ContextEntries?: unknown;
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : [];
}

function contextFrom(entries: unknown): Map<string, string[]> {
  const context = new Map<string, string[]>();
  for (const entry of Array.isArray(entries) ? entries : []) {
    const {ContextKeyName, ContextKeyValues} = entry as {ContextKeyName?: string; ContextKeyValues?: unknown};
    if (ContextKeyName) context.set(ContextKeyName.toLowerCase(), stringList(ContextKeyValues));
  }
  return context;
}

function statementShape(statement: MatchedStatement): Record<string, unknown> {
  return {
    SourcePolicyId: statement.sourcePolicyId,
    SourcePolicyType: statement.sourcePolicyType,
    StartPosition: {Line: statement.start.line, Column: statement.start.column},
    EndPosition: {Line: statement.end.line, Column: statement.end.column},
  };
}

function boundaryDetail(evaluation: Evaluation): Record<string, unknown> | undefined {
  return evaluation.allowedByPermissionsBoundary === undefined ? undefined : {AllowedByPermissionsBoundary: evaluation.allowedByPermissionsBoundary};
}

const unsupportedInputs = ['PolicyInputList', 'PermissionsBoundaryPolicyInputList', 'ResourcePolicy', 'CallerArn'];

export const simulatePrincipalPolicy: QueryHandler = (params, {state}) => {
  const source = requiredParam(params, 'PolicySourceArn');
  const input = decodeQueryParams(params) as DecodedInput;
  const unsupported = unsupportedInputs.find((name) => Object.keys(params).some((key) => key === name || key.startsWith(`${name}.`)));
  if (unsupported) throw new SandboxError('InvalidInput', `The sandbox does not simulate ${unsupported}.`, 400);
  const actions = stringList(input.ActionNames);
  if (actions.length === 0) throw new SandboxError('ValidationError', "1 validation error detected: Value null at 'actionNames' failed to satisfy constraint: Member must not be null", 400);
  const role = findRoleByArn(state, source);
  if (!role) throw new SandboxError('NoSuchEntity', `Could not find entity for principal ${source}`, 404);

  const explicitResources = stringList(input.ResourceArns);
  const resources = explicitResources.length > 0 ? explicitResources : ['*'];
  const context = contextFrom(input.ContextEntries);
  const {identity, boundary} = rolePolicySources(state, role);

  const results = actions.flatMap((action) =>
    resources.map((resource) => {
      const evaluation = evaluate(identity, boundary, {action, resource, context});
      const matched = evaluation.matchedStatements.map(statementShape);
      return {
        EvalActionName: action,
        EvalResourceName: resource,
        EvalDecision: evaluation.decision,
        MatchedStatements: matched,
        MissingContextValues: explicitResources.length > 0 ? [] : evaluation.missingContextValues,
        PermissionsBoundaryDecisionDetail: boundaryDetail(evaluation),
        ResourceSpecificResults:
          explicitResources.length > 0
            ? [
                {
                  EvalResourceName: resource,
                  EvalResourceDecision: evaluation.decision,
                  MatchedStatements: matched,
                  MissingContextValues: evaluation.missingContextValues,
                  PermissionsBoundaryDecisionDetail: boundaryDetail(evaluation),
                },
              ]
            : undefined,
      };
    }),
  );
  const page = queryPage(results, params);
  return {EvaluationResults: page.items, IsTruncated: page.IsTruncated, Marker: page.Marker};
};
