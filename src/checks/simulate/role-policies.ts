// Everything IAM evaluates for a role's own requests: its inline policies, the default
// versions of its attached managed policies, and its permissions boundary. Calls that are
// denied leave a warning and a gap (listed in `unread`), so callers can say how complete
// their answer is.
import type {IamPort, IamRole} from '../../aws/ports.js';
import type {Finding, StageId} from '../findings.js';
import {unlessDenied} from '../identity/permission-warning.js';

export interface NamedPolicy {
  /** Inline policy name, or the managed policy's name. */
  readonly name: string;
  /** Managed policies only. */
  readonly arn?: string;
  readonly kind: 'inline' | 'managed' | 'boundary';
  /** Decoded JSON text as IAM stores it. */
  readonly document: string;
}

export interface RolePolicies {
  readonly roleName: string;
  readonly role?: IamRole;
  readonly inline: readonly NamedPolicy[];
  readonly managed: readonly NamedPolicy[];
  readonly boundary?: NamedPolicy;
  /** What could not be read (so an offline verdict may be incomplete). */
  readonly unread: readonly string[];
}

interface ReadContext {
  readonly iam: IamPort;
  readonly signal?: AbortSignal;
}

export function roleNameFromArn(roleArn: string): string {
  return roleArn.slice(roleArn.lastIndexOf('/') + 1);
}

export async function readRolePolicies(stage: StageId, findings: Finding[], {iam, signal}: ReadContext, roleName: string): Promise<RolePolicies> {
  const o = {signal};
  const unread: string[] = [];
  const guard = <T>(what: string, call: () => Promise<T>) =>
    unlessDenied(stage, findings, `Could not read ${what} of role ${roleName}.`, call).then((value) => {
      if (value === undefined) unread.push(what);
      return value;
    });

  const role = await guard('the role (its permissions boundary)', () => iam.getRole(roleName, o));
  const inlineNames = (await guard('the inline policy names', () => iam.listRolePolicies(roleName, o))) ?? [];
  const inline: NamedPolicy[] = [];
  for (const name of inlineNames) {
    const document = await guard(`inline policy ${name}`, () => iam.getRolePolicy(roleName, name, o));
    if (document !== undefined) inline.push({name, kind: 'inline', document});
  }
  const attached = (await guard('the attached managed policies', () => iam.listAttachedRolePolicies(roleName, o))) ?? [];
  const managed: NamedPolicy[] = [];
  for (const {policyArn, policyName} of attached) {
    const document = await guard(`managed policy ${policyName}`, () => readManagedPolicy({iam, signal}, policyArn));
    if (document !== undefined) managed.push({name: policyName, arn: policyArn, kind: 'managed', document});
  }
  let boundary: NamedPolicy | undefined;
  if (role?.permissionsBoundaryArn) {
    const arn = role.permissionsBoundaryArn;
    const document = await guard(`the permissions boundary ${arn}`, () => readManagedPolicy({iam, signal}, arn));
    if (document !== undefined) boundary = {name: arn.slice(arn.lastIndexOf('/') + 1), arn, kind: 'boundary', document};
  }
  return {roleName, role, inline, managed, boundary, unread};
}

async function readManagedPolicy({iam, signal}: ReadContext, policyArn: string): Promise<string> {
  const policy = await iam.getPolicy(policyArn, {signal});
  return iam.getPolicyVersion(policyArn, policy.defaultVersionId, {signal});
}
