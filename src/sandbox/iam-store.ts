// The IAM side of the sandbox's account: roles (with their live inline policies, which
// PutRolePolicy changes) and managed policies. Managed policies are the scenario's own plus
// the AWS-managed ones below, so a role may attach e.g. AWSLambdaBasicExecutionRole without
// every scenario repeating its document. The documents are AWS's published ones.
import type {SandboxState} from './state.js';
import type {ManagedPolicySeed, PolicyDocument, RoleSeed} from './scenario.js';
import type {PolicySource} from './policy-evaluation.js';

const awsManagedPolicies: readonly ManagedPolicySeed[] = [
  {
    name: 'AWSLambdaBasicExecutionRole',
    path: '/service-role/',
    arn: 'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole',
    document: {Version: '2012-10-17', Statement: [{Effect: 'Allow', Action: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'], Resource: '*'}]},
  },
  {
    name: 'AmazonAPIGatewayInvokeFullAccess',
    path: '/',
    arn: 'arn:aws:iam::aws:policy/AmazonAPIGatewayInvokeFullAccess',
    document: {Version: '2012-10-17', Statement: [{Effect: 'Allow', Action: ['execute-api:Invoke', 'execute-api:ManageConnections'], Resource: 'arn:aws:execute-api:*:*:*'}]},
  },
  {
    name: 'AmazonAPIGatewayPushToCloudWatchLogs',
    path: '/service-role/',
    arn: 'arn:aws:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs',
    document: {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:DescribeLogGroups', 'logs:DescribeLogStreams', 'logs:PutLogEvents', 'logs:GetLogEvents', 'logs:FilterLogEvents'],
          Resource: '*',
        },
      ],
    },
  },
  {
    name: 'AdministratorAccess',
    path: '/',
    arn: 'arn:aws:iam::aws:policy/AdministratorAccess',
    document: {Version: '2012-10-17', Statement: [{Effect: 'Allow', Action: '*', Resource: '*'}]},
  },
];

export function roleArn(state: SandboxState, role: RoleSeed): string {
  return `arn:aws:iam::${state.scenario.accountId}:role${role.path ?? '/'}${role.name}`;
}

export function findRole(state: SandboxState, roleName: string): RoleSeed | undefined {
  return state.scenario.roles.find((role) => role.name === roleName);
}

/** A role ARN (any path) → the role, when it is in this account. */
export function findRoleByArn(state: SandboxState, arn: string): RoleSeed | undefined {
  const match = /^arn:aws:iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/.exec(arn);
  if (!match || match[1] !== state.scenario.accountId) return undefined;
  const role = findRole(state, match[2]!);
  return role && roleArn(state, role) === arn ? role : undefined;
}

export function isAwsManaged(policyArn: string): boolean {
  return policyArn.startsWith('arn:aws:iam::aws:policy/');
}

/** Every managed policy the account can see: the scenario's, then the AWS-managed catalogue. */
export function managedPolicies(state: SandboxState): readonly ManagedPolicySeed[] {
  const own = state.scenario.managedPolicies;
  return [...own, ...awsManagedPolicies.filter((policy) => !own.some((seed) => seed.arn === policy.arn))];
}

export function findManagedPolicy(state: SandboxState, policyArn: string): ManagedPolicySeed | undefined {
  return managedPolicies(state).find((policy) => policy.arn === policyArn);
}

export function inlinePolicies(state: SandboxState, roleName: string): ReadonlyMap<string, PolicyDocument> {
  return state.inlinePolicies.get(roleName) ?? new Map();
}

function managedSource(policy: ManagedPolicySeed): PolicySource {
  return {id: policy.name, type: isAwsManaged(policy.arn) ? 'aws-managed' : 'user-managed', document: policy.document};
}

/** The role's identity policies (inline, then attached) and its permissions boundary. */
export function rolePolicySources(state: SandboxState, role: RoleSeed): {identity: PolicySource[]; boundary?: PolicySource} {
  const identity: PolicySource[] = [...inlinePolicies(state, role.name)].map(([name, document]) => ({id: name, type: 'role', document}));
  for (const arn of role.attachedPolicyArns) {
    const policy = findManagedPolicy(state, arn);
    if (policy) identity.push(managedSource(policy));
  }
  const boundaryPolicy = role.permissionsBoundaryArn === undefined ? undefined : findManagedPolicy(state, role.permissionsBoundaryArn);
  return {identity, boundary: boundaryPolicy && managedSource(boundaryPolicy)};
}
