// Finds an identity pool's roles: GetIdentityPoolRoles when the caller may use it (and the
// endpoint offers it), else the other way round — the IAM roles whose trust policy names
// the pool. One lookup object per stage run remembers that GetIdentityPoolRoles failed and
// lists the roles once, however many pools are examined.
import {AwsError, isAwsError, isFatalAwsError} from '../../aws/errors.js';
import type {AwsPorts, IamRole, IdentityPoolRoles} from '../../aws/ports.js';
import type {RolesFoundBy} from './facts.js';
import {roleNameFromArn} from '../simulate/role-policies.js';
import {cognitoTrust} from './trust-policy.js';

export interface PoolRoles {
  readonly foundBy: RolesFoundBy;
  /** Usually one; the trust-policy way may find several. */
  readonly authenticatedRoleArns: readonly string[];
  readonly unauthenticatedRoleArn?: string;
  readonly roleMappings: IdentityPoolRoles['roleMappings'];
}

export interface RoleLookup {
  rolesOf(identityPoolId: string): Promise<PoolRoles>;
  /** The role's trust policy, from the role list when it was read, else GetRole. */
  trustPolicyOf(roleArn: string): Promise<string | undefined>;
  /** Why GetIdentityPoolRoles was not used (the error), once it failed. */
  readonly poolRolesError: AwsError | undefined;
  /** Set when ListRoles itself was denied: then the trust-policy way finds nothing. */
  readonly listRolesError: AwsError | undefined;
}

function isUnavailable(error: unknown): error is AwsError {
  return !isFatalAwsError(error) && (isAwsError(error, 'AccessDenied') || isAwsError(error, 'Unsupported'));
}

export function createRoleLookup(aws: AwsPorts, signal: AbortSignal): RoleLookup {
  let poolRolesError: AwsError | undefined;
  let listRolesError: AwsError | undefined;
  let roles: Promise<IamRole[]> | undefined;
  // One lookup per pool per run: ranking and the final choice ask for the same pool.
  const found = new Map<string, Promise<PoolRoles>>();

  const listRoles = (): Promise<IamRole[]> =>
    (roles ??= aws.iam.listRoles({signal}).catch((error: unknown) => {
      if (!isAwsError(error, 'AccessDenied') || isFatalAwsError(error)) throw error;
      listRolesError = error;
      return [];
    }));

  async function byTrustPolicy(identityPoolId: string): Promise<PoolRoles> {
    const trusting = (await listRoles()).map((role) => ({role, trust: cognitoTrust(role.assumeRolePolicyDocument, identityPoolId)})).filter((r) => r.trust.namesPool);
    return {
      foundBy: 'trust-policy',
      authenticatedRoleArns: trusting.filter((r) => r.trust.amr !== 'unauthenticated').map((r) => r.role.arn),
      unauthenticatedRoleArn: trusting.find((r) => r.trust.amr === 'unauthenticated')?.role.arn,
      roleMappings: {},
    };
  }

  // Pools are looked up side by side, but the first GetIdentityPoolRoles answer decides for
  // the rest: when it is unavailable, the other pools go straight to the trust policies.
  let firstAnswer: Promise<unknown> | undefined;

  async function lookUp(identityPoolId: string): Promise<PoolRoles> {
    if (firstAnswer) await firstAnswer.catch(() => undefined);
    if (!poolRolesError) {
      try {
        const asking = aws.cognito.getIdentityPoolRoles(identityPoolId, {signal});
        firstAnswer ??= asking;
        const answer = await asking;
        return {
          foundBy: 'GetIdentityPoolRoles',
          authenticatedRoleArns: answer.authenticatedRoleArn ? [answer.authenticatedRoleArn] : [],
          unauthenticatedRoleArn: answer.unauthenticatedRoleArn,
          roleMappings: answer.roleMappings,
        };
      } catch (error) {
        if (!isUnavailable(error)) throw error;
        poolRolesError = error;
      }
    }
    return byTrustPolicy(identityPoolId);
  }

  return {
    get poolRolesError() {
      return poolRolesError;
    },
    get listRolesError() {
      return listRolesError;
    },
    rolesOf(identityPoolId) {
      let answer = found.get(identityPoolId);
      if (!answer) found.set(identityPoolId, (answer = lookUp(identityPoolId)));
      return answer;
    },
    async trustPolicyOf(roleArn) {
      const listed = roles ? (await roles).find((role) => role.arn === roleArn) : undefined;
      if (listed) return listed.assumeRolePolicyDocument;
      try {
        return (await aws.iam.getRole(roleNameFromArn(roleArn), {signal})).assumeRolePolicyDocument;
      } catch (error) {
        if (isAwsError(error, 'AccessDenied') || isAwsError(error, 'NotFound')) return undefined;
        throw error;
      }
    },
  };
}
