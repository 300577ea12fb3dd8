// IAM: the caller role's policies, SimulatePrincipalPolicy, and the one consented write.
import type * as Sdk from '@aws-sdk/client-iam';
import type {EvalDecision, EvaluationResult, IamPort, IamRole} from './ports.js';
import {collectPaginator, sendOptions, serviceCaller, type AdapterScope} from './sdk-client.js';

export function createIamAdapter(scope: AdapterScope): IamPort {
  const call = serviceCaller(scope, 'iam', async (options) => {
    const sdk = await import('@aws-sdk/client-iam');
    return {sdk, client: new sdk.IAMClient(options)};
  });
  return {
    getRole: (roleName, o) =>
      call('GetRole', async ({sdk, client}) => toIamRole((await client.send(new sdk.GetRoleCommand({RoleName: roleName}), sendOptions(o))).Role)),
    listRoles: (o) =>
      call('ListRoles', async ({sdk, client}) =>
        (await collectPaginator(sdk.paginateListRoles({client}, {}, sendOptions(o)), (page) => page.Roles)).map(toIamRole),
      ),
    listRolePolicies: (roleName, o) =>
      call('ListRolePolicies', ({sdk, client}) =>
        collectPaginator(sdk.paginateListRolePolicies({client}, {RoleName: roleName}, sendOptions(o)), (page) => page.PolicyNames),
      ),
    getRolePolicy: (roleName, policyName, o) =>
      call('GetRolePolicy', async ({sdk, client}) =>
        decodePolicyDocument((await client.send(new sdk.GetRolePolicyCommand({RoleName: roleName, PolicyName: policyName}), sendOptions(o))).PolicyDocument),
      ),
    listAttachedRolePolicies: (roleName, o) =>
      call('ListAttachedRolePolicies', async ({sdk, client}) =>
        (await collectPaginator(sdk.paginateListAttachedRolePolicies({client}, {RoleName: roleName}, sendOptions(o)), (page) => page.AttachedPolicies)).map(
          (policy) => ({policyName: policy.PolicyName ?? '', policyArn: policy.PolicyArn ?? ''}),
        ),
      ),
    getPolicy: (policyArn, o) =>
      call('GetPolicy', async ({sdk, client}) => {
        const policy = (await client.send(new sdk.GetPolicyCommand({PolicyArn: policyArn}), sendOptions(o))).Policy;
        return {arn: policy?.Arn ?? policyArn, policyName: policy?.PolicyName ?? '', defaultVersionId: policy?.DefaultVersionId ?? ''};
      }),
    getPolicyVersion: (policyArn, versionId, o) =>
      call('GetPolicyVersion', async ({sdk, client}) =>
        decodePolicyDocument(
          (await client.send(new sdk.GetPolicyVersionCommand({PolicyArn: policyArn, VersionId: versionId}), sendOptions(o))).PolicyVersion?.Document,
        ),
      ),
    simulatePrincipalPolicy: (input, o) =>
      call('SimulatePrincipalPolicy', async ({sdk, client}) => {
        const request: Sdk.SimulatePrincipalPolicyCommandInput = {
          PolicySourceArn: input.policySourceArn,
          ActionNames: [...input.actionNames],
          ResourceArns: [...input.resourceArns],
          ContextEntries: input.contextEntries?.map((entry) => ({
            ContextKeyName: entry.key,
            ContextKeyValues: [...entry.values],
            ContextKeyType: entry.type as Sdk.ContextKeyTypeEnum,
          })),
        };
        // The paginator follows IsTruncated/Marker: IAM may return fewer results than asked while more exist.
        return (await collectPaginator(sdk.paginateSimulatePrincipalPolicy({client}, request, sendOptions(o)), (page) => page.EvaluationResults)).map(
          toEvaluationResult,
        );
      }),
    putRolePolicy: (roleName, policyName, policyDocument, o) =>
      call('PutRolePolicy', async ({sdk, client}) => {
        await client.send(new sdk.PutRolePolicyCommand({RoleName: roleName, PolicyName: policyName, PolicyDocument: policyDocument}), sendOptions(o));
      }),
  };
}

/**
 * IAM returns policy documents URL-encoded (RFC 3986) and the SDK does not decode them.
 * moto returns GetPolicyVersion as plain JSON, so decode only what looks encoded: a JSON
 * document starts with "{", an encoded one with "%7B".
 */
export function decodePolicyDocument(document: string | undefined): string {
  if (!document) return '';
  return document.startsWith('%') ? decodeURIComponent(document) : document;
}

function toIamRole(role: Sdk.Role | undefined): IamRole {
  return {
    roleName: role?.RoleName ?? '',
    arn: role?.Arn ?? '',
    path: role?.Path ?? '/',
    assumeRolePolicyDocument: role?.AssumeRolePolicyDocument ? decodePolicyDocument(role.AssumeRolePolicyDocument) : undefined,
    permissionsBoundaryArn: role?.PermissionsBoundary?.PermissionsBoundaryArn,
  };
}

const decisions: readonly EvalDecision[] = ['allowed', 'explicitDeny', 'implicitDeny'];

// With explicit ResourceArns, IAM reports per-resource detail under ResourceSpecificResults
// (the top-level MissingContextValues is filled only for the "*" resource; aws-facts §2.4),
// so both levels are read.
function missingContextValuesOf(result: Sdk.EvaluationResult): string[] {
  const keys = [...(result.MissingContextValues ?? []), ...(result.ResourceSpecificResults ?? []).flatMap((specific) => specific.MissingContextValues ?? [])];
  return [...new Set(keys)];
}

function matchedStatementsOf(result: Sdk.EvaluationResult): Sdk.Statement[] {
  if (result.MatchedStatements && result.MatchedStatements.length > 0) return result.MatchedStatements;
  return (result.ResourceSpecificResults ?? []).flatMap((specific) => specific.MatchedStatements ?? []);
}

function toEvaluationResult(result: Sdk.EvaluationResult): EvaluationResult {
  return {
    evalActionName: result.EvalActionName ?? '',
    evalResourceName: result.EvalResourceName ?? '',
    // Anything unrecognised is treated as not allowed, never as allowed.
    evalDecision: decisions.find((decision) => decision === result.EvalDecision) ?? 'implicitDeny',
    matchedStatements: matchedStatementsOf(result).map((statement) => ({
      sourcePolicyId: statement.SourcePolicyId,
      sourcePolicyType: statement.SourcePolicyType,
      startLine: statement.StartPosition?.Line,
      startColumn: statement.StartPosition?.Column,
      endLine: statement.EndPosition?.Line,
      endColumn: statement.EndPosition?.Column,
    })),
    missingContextValues: missingContextValuesOf(result),
    allowedByPermissionsBoundary: result.PermissionsBoundaryDecisionDetail?.AllowedByPermissionsBoundary,
  };
}
