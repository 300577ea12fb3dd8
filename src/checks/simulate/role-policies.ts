// Everything IAM evaluates for a role's own requests: its inline policies, the default
// versions of its attached managed policies, and its permissions boundary. Calls that are
// denied leave a warning and a gap (listed in `unread`), so callers can say how complete
// their answer is.
import type {IamPort, IamRole} from '../../aws/ports.js';
import type {Finding, StageId} from '../findings.js';
import {unlessCallFails} from '../identity/permission-warning.js';
import {mapBounded, STAGE_CONCURRENCY} from '../bounded.js';

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

interface PolicyRead<T> {
  readonly what: string;
  readonly value?: T;
  /** This read's own warnings, so they reach `findings` in a fixed order whatever order the answers arrive in. */
  readonly warnings: readonly Finding[];
}

/** Reads independent calls side by side: the role and both policy lists, then every document. */
export async function readRolePolicies(stage: StageId, findings: Finding[], {iam, signal}: ReadContext, roleName: string): Promise<RolePolicies> {
  const o = {signal};
  const read = async <T>(what: string, call: () => Promise<T>): Promise<PolicyRead<T>> => {
    const warnings: Finding[] = [];
    const value = await unlessCallFails(stage, warnings, `Could not read ${what} of role ${roleName}.`, call);
    return {what, value, warnings};
  };

  const [role, inlineNames, attached] = await Promise.all([
    read('the role (its permissions boundary)', () => iam.getRole(roleName, o)),
    read('the inline policy names', () => iam.listRolePolicies(roleName, o)),
    read('the attached managed policies', () => iam.listAttachedRolePolicies(roleName, o)),
  ]);
  const boundaryArn = role.value?.permissionsBoundaryArn;
  const [inlineReads, managedReads, boundaryRead] = await Promise.all([
    mapBounded(inlineNames.value ?? [], STAGE_CONCURRENCY, (name) => read(`inline policy ${name}`, () => iam.getRolePolicy(roleName, name, o))),
    mapBounded(attached.value ?? [], STAGE_CONCURRENCY, ({policyArn, policyName}) => read(`managed policy ${policyName}`, () => readManagedPolicy({iam, signal}, policyArn))),
    boundaryArn ? read(`the permissions boundary ${boundaryArn}`, () => readManagedPolicy({iam, signal}, boundaryArn)) : undefined,
  ]);

  const inline: NamedPolicy[] = [];
  (inlineNames.value ?? []).forEach((name, i) => {
    const document = inlineReads[i]!.value;
    if (document !== undefined) inline.push({name, kind: 'inline', document});
  });
  const managed: NamedPolicy[] = [];
  (attached.value ?? []).forEach(({policyArn, policyName}, i) => {
    const document = managedReads[i]!.value;
    if (document !== undefined) managed.push({name: policyName, arn: policyArn, kind: 'managed', document});
  });
  const boundary: NamedPolicy | undefined =
    boundaryArn && boundaryRead?.value !== undefined ? {name: boundaryArn.slice(boundaryArn.lastIndexOf('/') + 1), arn: boundaryArn, kind: 'boundary', document: boundaryRead.value} : undefined;

  const reads: ReadonlyArray<PolicyRead<unknown>> = [role, inlineNames, ...inlineReads, attached, ...managedReads, ...(boundaryRead ? [boundaryRead] : [])];
  for (const done of reads) findings.push(...done.warnings);
  return {roleName, role: role.value, inline, managed, boundary, unread: reads.filter((done) => done.value === undefined).map((done) => done.what)};
}

async function readManagedPolicy({iam, signal}: ReadContext, policyArn: string): Promise<string> {
  const policy = await iam.getPolicy(policyArn, {signal});
  return iam.getPolicyVersion(policyArn, policy.defaultVersionId, {signal});
}
