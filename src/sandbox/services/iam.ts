// IAM (awsQuery): the read calls the identity and simulate stages make, the one write
// (PutRolePolicy, the policy fix), and SimulatePrincipalPolicy on the sandbox's own
// evaluator (policy-evaluation.ts). Policy documents go out URL-encoded (RFC 3986) exactly
// as IAM sends them; the text encoded is `policyText(doc)`, whose lines/columns the
// simulator's Start/EndPosition refer to.
import {SandboxError, type QueryHandler, type QueryService} from '../protocol.js';
import type {PolicyDocument, RoleSeed} from '../scenario.js';
import type {SandboxState} from '../state.js';
import {findManagedPolicy, findRole, inlinePolicies, roleArn} from '../iam-store.js';
import {policyText} from '../policy-evaluation.js';
import {queryPage, requiredParam} from '../wire/query.js';
import {iamUniqueId} from './iam-ids.js';
import {simulatePrincipalPolicy} from './iam-simulation.js';

const dayMs = 86_400_000;

function encodePolicy(document: PolicyDocument): string {
  return encodeURIComponent(policyText(document));
}

function noSuchEntity(message: string): SandboxError {
  return new SandboxError('NoSuchEntity', message, 404);
}

function requireRole(state: SandboxState, roleName: string): RoleSeed {
  const role = findRole(state, roleName);
  if (!role) throw noSuchEntity(`The role with name ${roleName} cannot be found.`);
  return role;
}

/** The Role structure; ListRoles leaves out what AWS leaves out there (boundary, last use). */
function roleShape(state: SandboxState, role: RoleSeed, full: boolean): Record<string, unknown> {
  return {
    Path: role.path ?? '/',
    RoleName: role.name,
    RoleId: iamUniqueId('AROA', `${state.scenario.accountId}/role/${role.name}`),
    Arn: roleArn(state, role),
    CreateDate: new Date(state.loadedAt - 30 * dayMs),
    AssumeRolePolicyDocument: encodePolicy(role.assumeRolePolicy),
    Description: role.description,
    MaxSessionDuration: 3600,
    PermissionsBoundary:
      full && role.permissionsBoundaryArn ? {PermissionsBoundaryType: 'PermissionsBoundaryPolicy', PermissionsBoundaryArn: role.permissionsBoundaryArn} : undefined,
    RoleLastUsed: full ? {} : undefined,
  };
}

function pathPrefixFilter(params: Readonly<Record<string, string>>): (path: string) => boolean {
  const prefix = params.PathPrefix ?? '/';
  return (path) => path.startsWith(prefix);
}

const getRole: QueryHandler = (params, {state}) => ({Role: roleShape(state, requireRole(state, requiredParam(params, 'RoleName')), true)});

const listRoles: QueryHandler = (params, {state}) => {
  const inPath = pathPrefixFilter(params);
  const roles = state.scenario.roles.filter((role) => inPath(role.path ?? '/')).sort((a, b) => a.name.localeCompare(b.name));
  const page = queryPage(roles, params);
  return {Roles: page.items.map((role) => roleShape(state, role, false)), IsTruncated: page.IsTruncated, Marker: page.Marker};
};

const listRolePolicies: QueryHandler = (params, {state}) => {
  const role = requireRole(state, requiredParam(params, 'RoleName'));
  const page = queryPage([...inlinePolicies(state, role.name).keys()].sort(), params);
  return {PolicyNames: page.items, IsTruncated: page.IsTruncated, Marker: page.Marker};
};

const getRolePolicy: QueryHandler = (params, {state}) => {
  const role = requireRole(state, requiredParam(params, 'RoleName'));
  const policyName = requiredParam(params, 'PolicyName');
  const document = inlinePolicies(state, role.name).get(policyName);
  if (!document) throw noSuchEntity(`The role policy with name ${policyName} cannot be found.`);
  return {RoleName: role.name, PolicyName: policyName, PolicyDocument: encodePolicy(document)};
};

const listAttachedRolePolicies: QueryHandler = (params, {state}) => {
  const role = requireRole(state, requiredParam(params, 'RoleName'));
  const inPath = pathPrefixFilter(params);
  const attached = role.attachedPolicyArns
    .map((arn) => findManagedPolicy(state, arn))
    .filter((policy) => policy !== undefined && inPath(policy.path ?? '/'))
    .map((policy) => ({PolicyName: policy!.name, PolicyArn: policy!.arn}));
  const page = queryPage(attached, params);
  return {AttachedPolicies: page.items, IsTruncated: page.IsTruncated, Marker: page.Marker};
};

function requirePolicy(state: SandboxState, policyArn: string) {
  const policy = findManagedPolicy(state, policyArn);
  if (!policy) throw noSuchEntity(`Policy ${policyArn} does not exist or is not attachable.`);
  return policy;
}

const getPolicy: QueryHandler = (params, {state}) => {
  const policy = requirePolicy(state, requiredParam(params, 'PolicyArn'));
  const created = new Date(state.loadedAt - 90 * dayMs);
  return {
    Policy: {
      PolicyName: policy.name,
      PolicyId: iamUniqueId('ANPA', policy.arn),
      Arn: policy.arn,
      Path: policy.path ?? '/',
      DefaultVersionId: 'v1',
      AttachmentCount: state.scenario.roles.filter((role) => role.attachedPolicyArns.includes(policy.arn)).length,
      PermissionsBoundaryUsageCount: state.scenario.roles.filter((role) => role.permissionsBoundaryArn === policy.arn).length,
      IsAttachable: true,
      CreateDate: created,
      UpdateDate: created,
    },
  };
};

const getPolicyVersion: QueryHandler = (params, {state}) => {
  const policy = requirePolicy(state, requiredParam(params, 'PolicyArn'));
  const versionId = requiredParam(params, 'VersionId');
  if (versionId !== 'v1') throw noSuchEntity(`Policy ${policy.arn} version ${versionId} does not exist or is not attachable.`);
  return {PolicyVersion: {Document: encodePolicy(policy.document), VersionId: 'v1', IsDefaultVersion: true, CreateDate: new Date(state.loadedAt - 90 * dayMs)}};
};

/** IAM's quota on all of a role's inline policies together, counted without whitespace. */
const inlinePolicyQuota = 10_240;

function malformed(message: string): SandboxError {
  return new SandboxError('MalformedPolicyDocument', message, 400);
}

function parseIdentityPolicy(text: string): PolicyDocument {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw malformed('Syntax errors in policy.');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw malformed('Syntax errors in policy.');
  const statement = (parsed as {Statement?: unknown}).Statement;
  const statements = Array.isArray(statement) ? statement : [statement];
  if (statement === undefined || statements.length === 0) throw malformed('Syntax errors in policy.');
  for (const entry of statements) {
    if (typeof entry !== 'object' || entry === null) throw malformed('Syntax errors in policy.');
    const fields = entry as Record<string, unknown>;
    if (fields.Effect !== 'Allow' && fields.Effect !== 'Deny') throw malformed(`Invalid effect: ${String(fields.Effect)}`);
    if ('Principal' in fields || 'NotPrincipal' in fields) throw malformed('Policy document should not specify a principal.');
    if (!('Action' in fields) && !('NotAction' in fields)) throw malformed('Policy statement must contain actions.');
    if (!('Resource' in fields) && !('NotResource' in fields)) throw malformed('Policy statement must contain resources.');
  }
  return parsed as PolicyDocument;
}

const putRolePolicy: QueryHandler = (params, {state}) => {
  const role = requireRole(state, requiredParam(params, 'RoleName'));
  const policyName = requiredParam(params, 'PolicyName');
  if (!/^[\w+=,.@-]{1,128}$/.test(policyName)) {
    throw new SandboxError('ValidationError', `The specified value for policyName is invalid. It must contain only alphanumeric characters and/or the following: +=,.@_-`, 400);
  }
  const document = parseIdentityPolicy(requiredParam(params, 'PolicyDocument'));
  const policies = new Map(inlinePolicies(state, role.name));
  policies.set(policyName, document);
  const size = [...policies.values()].reduce((sum, doc) => sum + JSON.stringify(doc).length, 0);
  if (size > inlinePolicyQuota) throw new SandboxError('LimitExceeded', `Maximum policy size of ${inlinePolicyQuota} bytes exceeded for role ${role.name}`, 409);
  state.inlinePolicies.set(role.name, policies);
  return undefined;
};

export const iamService: QueryService = {
  protocol: 'awsQuery',
  signingName: 'iam',
  actionPrefix: 'iam',
  operations: {
    GetRole: getRole,
    ListRoles: listRoles,
    ListRolePolicies: listRolePolicies,
    GetRolePolicy: getRolePolicy,
    ListAttachedRolePolicies: listAttachedRolePolicies,
    GetPolicy: getPolicy,
    GetPolicyVersion: getPolicyVersion,
    SimulatePrincipalPolicy: simulatePrincipalPolicy,
    PutRolePolicy: putRolePolicy,
  },
};
