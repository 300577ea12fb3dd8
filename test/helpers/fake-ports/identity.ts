// IAM (global), Cognito Identity and STS read from the scenario; inline policies come from the
// loaded state so putRolePolicy is seen by later reads.
import {AwsError} from '../../../src/aws/errors.js';
import type * as P from '../../../src/aws/ports.js';
import type {Scenario} from '../../../src/sandbox/scenario.js';
import {actionFor, FakePort} from './base.js';

export class FakeIam extends FakePort implements P.IamPort {
  protected readonly port = 'iam';

  private noSuchEntity(method: string, message: string): AwsError {
    return new AwsError({kind: 'NotFound', action: actionFor('iam', method), message, code: 'NoSuchEntity', httpStatus: 404});
  }
  private roleSeed(method: string, roleName: string) {
    const role = this.scenario.roles.find((candidate) => candidate.name === roleName);
    if (!role) throw this.noSuchEntity(method, `The role with name ${roleName} cannot be found.`);
    return role;
  }
  private toRole(role: Scenario['roles'][number]): P.IamRole {
    const path = role.path ?? '/';
    return {roleName: role.name, arn: `arn:aws:iam::${this.scenario.accountId}:role${path}${role.name}`, path, assumeRolePolicyDocument: JSON.stringify(role.assumeRolePolicy), permissionsBoundaryArn: role.permissionsBoundaryArn};
  }
  private managed(method: string, policyArn: string) {
    const policy = this.scenario.managedPolicies.find((candidate) => candidate.arn === policyArn);
    if (!policy) throw this.noSuchEntity(method, `Policy ${policyArn} does not exist or is not attachable.`);
    return policy;
  }

  async getRole(roleName: string): Promise<P.IamRole> {
    this.enter('getRole', roleName);
    return this.toRole(this.roleSeed('getRole', roleName));
  }
  async listRoles(): Promise<P.IamRole[]> {
    this.enter('listRoles');
    return this.scenario.roles.map((role) => this.toRole(role));
  }
  async listRolePolicies(roleName: string): Promise<string[]> {
    this.enter('listRolePolicies', roleName);
    this.roleSeed('listRolePolicies', roleName);
    return [...(this.context.state.inlinePolicies.get(roleName)?.keys() ?? [])];
  }
  async getRolePolicy(roleName: string, policyName: string): Promise<string> {
    this.enter('getRolePolicy', roleName, policyName);
    this.roleSeed('getRolePolicy', roleName);
    const document = this.context.state.inlinePolicies.get(roleName)?.get(policyName);
    if (!document) throw this.noSuchEntity('getRolePolicy', `The role policy with name ${policyName} cannot be found.`);
    return JSON.stringify(document);
  }
  async listAttachedRolePolicies(roleName: string): Promise<P.AttachedPolicy[]> {
    this.enter('listAttachedRolePolicies', roleName);
    return this.roleSeed('listAttachedRolePolicies', roleName).attachedPolicyArns.map((policyArn) => ({policyArn, policyName: policyArn.split('/').at(-1) ?? policyArn}));
  }
  async getPolicy(policyArn: string): Promise<P.ManagedPolicy> {
    this.enter('getPolicy', policyArn);
    const policy = this.managed('getPolicy', policyArn);
    return {arn: policy.arn, policyName: policy.name, defaultVersionId: 'v1'};
  }
  async getPolicyVersion(policyArn: string, versionId: string): Promise<string> {
    this.enter('getPolicyVersion', policyArn, versionId);
    const policy = this.managed('getPolicyVersion', policyArn);
    if (versionId !== 'v1') throw this.noSuchEntity('getPolicyVersion', `Policy ${policyArn} version ${versionId} does not exist.`);
    return JSON.stringify(policy.document);
  }
  async simulatePrincipalPolicy(input: Parameters<P.IamPort['simulatePrincipalPolicy']>[0]): Promise<P.EvaluationResult[]> {
    this.enter('simulatePrincipalPolicy', input);
    if (!this.context.options.simulate) throw this.unsupported('simulatePrincipalPolicy', 'pass options.simulate');
    return this.context.options.simulate(input);
  }
  async putRolePolicy(roleName: string, policyName: string, policyDocument: string): Promise<void> {
    this.enter('putRolePolicy', roleName, policyName, policyDocument);
    this.roleSeed('putRolePolicy', roleName);
    const policies = this.context.state.inlinePolicies.get(roleName) ?? new Map();
    policies.set(policyName, JSON.parse(policyDocument));
    this.context.state.inlinePolicies.set(roleName, policies);
  }
}

export class FakeCognito extends FakePort implements P.CognitoIdentityPort {
  protected readonly port = 'cognito';

  private pool(method: string, identityPoolId: string) {
    const pool = this.scenario.identityPools.find((candidate) => candidate.id === identityPoolId && candidate.region === this.region);
    if (!pool) throw new AwsError({kind: 'NotFound', action: actionFor('cognito', method), message: `IdentityPool '${identityPoolId}' not found.`, code: 'ResourceNotFoundException', httpStatus: 400});
    return pool;
  }

  async listIdentityPools(): Promise<P.IdentityPoolSummary[]> {
    this.enter('listIdentityPools');
    return this.scenario.identityPools.filter((pool) => pool.region === this.region).map((pool) => ({identityPoolId: pool.id, identityPoolName: pool.name}));
  }
  async describeIdentityPool(identityPoolId: string): Promise<P.IdentityPool> {
    this.enter('describeIdentityPool', identityPoolId);
    const pool = this.pool('describeIdentityPool', identityPoolId);
    return {identityPoolId: pool.id, identityPoolName: pool.name, allowUnauthenticatedIdentities: pool.allowUnauthenticatedIdentities, cognitoIdentityProviders: pool.cognitoIdentityProviders ?? [], supportedLoginProviders: {}};
  }
  async getIdentityPoolRoles(identityPoolId: string): Promise<P.IdentityPoolRoles> {
    this.enter('getIdentityPoolRoles', identityPoolId);
    const pool = this.pool('getIdentityPoolRoles', identityPoolId);
    return {identityPoolId: pool.id, authenticatedRoleArn: pool.authenticatedRoleArn, unauthenticatedRoleArn: pool.unauthenticatedRoleArn, roleMappings: pool.roleMappings ?? {}};
  }
}

export class FakeSts extends FakePort implements P.StsPort {
  protected readonly port = 'sts';

  async getCallerIdentity(): Promise<P.CallerIdentity> {
    this.enter('getCallerIdentity');
    return {account: this.scenario.accountId, arn: `arn:aws:iam::${this.scenario.accountId}:user/doctor`, userId: 'AIDAFAKEUSER0000000'};
  }
}
