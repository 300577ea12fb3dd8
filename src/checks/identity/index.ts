// Stage 2: which IAM role calls the API? For an AWS_IAM method the usual caller is a
// Cognito identity pool's authenticated role; find the pool (given, the only one, the best
// match, or the user's pick) and its roles, and say how each was found.
import {isAwsError} from '../../aws/errors.js';
import type {AwsPorts} from '../../aws/ports.js';
import {sanitizeForTerminal, sanitizeLine} from '../../report/sanitize.js';
import type {Evidence, Finding} from '../findings.js';
import type {StageContext, StageDefinition, StageOutcome} from '../stage.js';
import {roleNameFromArn} from '../simulate/role-policies.js';
import type {IdentityFacts, PoolChoice} from './facts.js';
import {permissionWarning, unlessCallFails} from './permission-warning.js';
import {createRoleLookup, type PoolRoles, type RoleLookup} from './pool-roles.js';
import {choosePool, rankPools} from './rank-pools.js';

export type {IdentityFacts, PoolCandidate, PoolChoice, RolesFoundBy} from './facts.js';

const explain = [
  'An AWS_IAM method lets API Gateway ask IAM whether the signed caller may call execute-api:Invoke on it.',
  'Browser and mobile apps usually sign with temporary credentials from a Cognito identity pool, so the caller is',
  "the pool's authenticated role. This stage finds the pool (ranked by whose role trusts it and mentions this API)",
  'and its roles, via GetIdentityPoolRoles or, when that is not allowed, the roles whose trust policy names the pool.',
  'Other authorizers (Cognito user pools, Lambda, JWT) do not consult IAM roles: there, check the token instead.',
].join(' ');

const notIamDetail: Readonly<Record<string, string>> = {
  NONE: "The method requires no authorization, so no IAM role is involved. A 403 comes from elsewhere: an API key, the API's resource policy, or a wrong path.",
  COGNITO_USER_POOLS:
    'A Cognito user pool authorizer checks the token in the Authorization header; IAM roles are not consulted. Check the token instead: issued by the right user pool and app client, unexpired, with the scopes the method requires.',
  CUSTOM: "A Lambda authorizer decides who may call; IAM roles are not consulted. Check the token instead, and the authorizer function's logs and the policy it returns.",
  JWT: "A JWT authorizer checks the token's issuer, audience and scopes; IAM roles are not consulted. Check the token instead.",
};

function noIamAuth(authorizationType: string, routeKey: string): Finding {
  return {
    id: 'no-iam-auth',
    stage: 'identity',
    severity: 'info',
    title: `${sanitizeLine(routeKey)} does not use AWS_IAM authorization`,
    detail: `${notIamDetail[authorizationType] ?? 'This authorizer does not consult IAM roles; check the credentials it expects instead.'} This stage and the policy simulation only apply to AWS_IAM methods.`,
    evidence: [{kind: 'text', label: 'Authorization type', text: sanitizeLine(authorizationType)}],
  };
}

interface ChosenPool {
  readonly id: string;
  readonly name: string;
  readonly choice: PoolChoice;
  readonly reason: string;
}

async function runIdentity(ctx: StageContext, pickedPoolId?: string): Promise<StageOutcome> {
  const {endpoint} = ctx.facts;
  const route = endpoint?.route;
  const api = endpoint?.api;
  if (!route || !api) {
    return {findings: [], facts: {}, skippedReason: 'The endpoint stage did not identify the API and its method, so there is no authorizer to look at.'};
  }
  const authorizationType = route.authorizationType;
  if (authorizationType !== 'AWS_IAM') {
    return {findings: [noIamAuth(authorizationType, route.key)], facts: {identity: {authorizationType, candidates: []}}};
  }

  const aws = ctx.aws.region === api.region ? ctx.aws : ctx.aws.forRegion(api.region);
  const findings: Finding[] = [];
  const lookup = createRoleLookup(aws, ctx.signal);
  const base: IdentityFacts = {authorizationType, candidates: []};
  const given = pickedPoolId ?? ctx.input.identityPoolId;

  let chosen: ChosenPool;
  let identity: IdentityFacts = base;
  if (given !== undefined) {
    const pool = await describeGivenPool(aws, ctx.signal, findings, given);
    if (!pool) return {findings: [poolNotFound(given, api.region, 'error')], facts: {identity: base}};
    chosen = {...pool, choice: pickedPoolId ? 'picked' : 'given', reason: pickedPoolId ? `You picked ${pool.name}.` : `${pool.name} was given with --identity-pool.`};
  } else {
    const pools = await unlessCallFails('identity', findings, 'Could not list the identity pools, so the pool whose role calls this API is unknown; pass --identity-pool.', () =>
      aws.cognito.listIdentityPools({signal: ctx.signal}),
    );
    if (!pools) return {findings, facts: {identity: base}};
    if (pools.length === 0) return {findings: [...findings, poolNotFound(undefined, api.region, 'warning')], facts: {identity: base}};
    const candidates = await rankPools('identity', findings, aws, ctx.signal, lookup, pools, api);
    const decided = choosePool(candidates);
    identity = {...base, candidates, choice: decided.choice, choiceReason: decided.reason};
    if (!decided.candidate) {
      findings.push(ambiguousPools(decided.reason, candidates.length));
      return {findings: distinct(findings), facts: {identity}};
    }
    chosen = {id: decided.candidate.identityPoolId, name: decided.candidate.identityPoolName, choice: decided.choice, reason: decided.reason};
  }

  const roles = await lookup.rolesOf(chosen.id);
  findings.push(...lookupWarnings(lookup));
  identity = {
    ...identity,
    choice: chosen.choice,
    choiceReason: chosen.reason,
    pool: {id: chosen.id, name: chosen.name},
    unauthenticatedRoleArn: roles.unauthenticatedRoleArn,
    rolesFoundBy: roles.foundBy,
  };
  const how = howRolesWereFound(lookup, roles, chosen.id);
  const [roleArn, ...otherRoles] = roles.authenticatedRoleArns;
  if (!roleArn) {
    findings.push(roleNotFound(chosen, how));
    return {findings: distinct(findings), facts: {identity}};
  }
  identity = {...identity, authenticatedRole: {arn: roleArn, name: roleNameFromArn(roleArn)}};
  findings.push(callerRoleFound(chosen, roleArn, roles, how));
  if (otherRoles.length > 0) findings.push(severalRoles(chosen, roles.authenticatedRoleArns));
  if (Object.keys(roles.roleMappings).length > 0) findings.push(roleMappings(chosen, roleArn, roles));
  return {findings: distinct(findings), facts: {identity}};
}

async function describeGivenPool(aws: AwsPorts, signal: AbortSignal, findings: Finding[], id: string): Promise<{id: string; name: string} | undefined> {
  try {
    const pool = await aws.cognito.describeIdentityPool(id, {signal});
    return {id, name: pool.identityPoolName};
  } catch (error) {
    if (isAwsError(error, 'NotFound')) return undefined;
    if (!isAwsError(error, 'AccessDenied')) throw error;
    findings.push(permissionWarning('identity', error, `Could not confirm that identity pool ${sanitizeLine(id)} exists; going on with the id as given.`));
    return {id, name: id};
  }
}

function howRolesWereFound(lookup: RoleLookup, roles: PoolRoles, poolId: string): Evidence {
  if (roles.foundBy === 'GetIdentityPoolRoles') return {kind: 'text', label: 'Roles found by', text: `GetIdentityPoolRoles on ${sanitizeLine(poolId)}`};
  const why = lookup.poolRolesError ? `${lookup.poolRolesError.kind}: ${lookup.poolRolesError.message}` : 'not used';
  return {
    kind: 'text',
    label: 'Roles found by',
    text: sanitizeForTerminal(
      `IAM roles whose trust policy names ${poolId} (cognito-identity.amazonaws.com:aud), split by cognito-identity.amazonaws.com:amr; GetIdentityPoolRoles was not available (${why})`,
    ),
  };
}

function lookupWarnings(lookup: RoleLookup): Finding[] {
  const warnings: Finding[] = [];
  if (isAwsError(lookup.poolRolesError, 'AccessDenied')) {
    warnings.push(permissionWarning('identity', lookup.poolRolesError, "Found the pool's roles through their trust policies instead, which cannot show the pool's role mappings."));
  }
  if (lookup.listRolesError) {
    warnings.push(permissionWarning('identity', lookup.listRolesError, 'Could not search the IAM roles for ones that trust the identity pool.'));
  }
  return warnings;
}

function poolNotFound(given: string | undefined, region: string, severity: 'error' | 'warning'): Finding {
  return {
    id: 'identity-pool-not-found',
    stage: 'identity',
    severity,
    title: given ? `Identity pool ${sanitizeLine(given)} was not found in ${region}` : `No Cognito identity pool in ${region}`,
    detail: given
      ? `DescribeIdentityPool found no pool ${sanitizeLine(given)} in ${region}. Check the id (it starts with the region, e.g. ${region}:…) and the region.`
      : `ListIdentityPools found no identity pool in ${region}, so the caller's role cannot be found this way. If callers sign with other IAM credentials, their own policies decide.`,
    evidence: [{kind: 'text', label: 'Searched', text: given ? `DescribeIdentityPool ${sanitizeLine(given)} in ${region}` : `ListIdentityPools in ${region}`}],
    fix: {kind: 'text', summary: given ? 'Pass the id of the identity pool your app uses (--identity-pool REGION:GUID).' : 'Pass --identity-pool if the pool lives in another region or account.'},
  };
}

function ambiguousPools(reason: string, count: number): Finding {
  return {
    id: 'identity-pool-ambiguous',
    stage: 'identity',
    severity: 'warning',
    title: `${count} identity pools could be calling this API`,
    detail: sanitizeLine(reason),
    evidence: [],
    fix: {kind: 'text', summary: 'Pick the pool on the identity screen, or pass --identity-pool ID.'},
  };
}

function roleNotFound(pool: ChosenPool, how: Evidence): Finding {
  return {
    id: 'role-not-found',
    stage: 'identity',
    severity: 'error',
    title: `Identity pool ${sanitizeLine(pool.name)} has no authenticated role`,
    detail: 'Signed-in users of this pool get no IAM credentials, so every signed request to the API fails.',
    evidence: [{kind: 'text', label: 'Identity pool', text: sanitizeLine(pool.id)}, {...how, label: 'Searched'}],
    fix: {kind: 'text', summary: 'Set the authenticated role on the identity pool (Cognito console → identity pool → User access), or pass --identity-pool with the pool your app uses.'},
  };
}

function callerRoleFound(pool: ChosenPool, roleArn: string, roles: PoolRoles, how: Evidence): Finding {
  return {
    id: 'caller-role-found',
    stage: 'identity',
    severity: 'ok',
    title: `Signed-in callers use role ${sanitizeLine(roleNameFromArn(roleArn))}`,
    detail: sanitizeLine(`${pool.reason} Its authenticated role is the one whose policies must allow execute-api:Invoke.`),
    evidence: [
      {kind: 'text', label: 'Identity pool', text: sanitizeLine(`${pool.name} (${pool.id})`)},
      {kind: 'arn', label: 'Authenticated role', text: sanitizeLine(roleArn)},
      ...(roles.unauthenticatedRoleArn ? [{kind: 'arn' as const, label: 'Unauthenticated role', text: sanitizeLine(roles.unauthenticatedRoleArn)}] : []),
      how,
    ],
  };
}

function severalRoles(pool: ChosenPool, roleArns: readonly string[]): Finding {
  return {
    id: 'role-ambiguous',
    stage: 'identity',
    severity: 'warning',
    title: `${roleArns.length} roles trust identity pool ${sanitizeLine(pool.name)} for signed-in users`,
    detail: `Only the pool's configured authenticated role is used; the next stage checks ${sanitizeLine(roleNameFromArn(roleArns[0] ?? ''))}.`,
    evidence: roleArns.map((arn) => ({kind: 'arn' as const, label: 'Trusting role', text: sanitizeLine(arn)})),
  };
}

function roleMappings(pool: ChosenPool, roleArn: string, roles: PoolRoles): Finding {
  return {
    id: 'role-mappings-present',
    stage: 'identity',
    severity: 'warning',
    title: `Identity pool ${sanitizeLine(pool.name)} has role mappings`,
    detail: `Users matched by a rule or carrying a role in their token get that role instead of ${sanitizeLine(roleNameFromArn(roleArn))}, which is the one checked next. If the failing user is mapped, check their role too.`,
    evidence: Object.entries(roles.roleMappings).map(([provider, mapping]) => ({
      kind: 'text' as const,
      label: 'Role mapping',
      text: sanitizeLine(`${provider}: ${mapping.type}${mapping.ambiguousRoleResolution ? `, when ambiguous: ${mapping.ambiguousRoleResolution}` : ''}`),
    })),
  };
}

/** Ranking reads several roles; one permission warning per missing permission is enough. */
function distinct(findings: readonly Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.id}\u0000${f.title}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function pickedPoolId(payload: unknown): string {
  const id = payload && typeof payload === 'object' ? (payload as {identityPoolId?: unknown}).identityPoolId : undefined;
  if (typeof id !== 'string' || id === '') throw new TypeError('pick-pool needs {identityPoolId: string}');
  return id;
}

export const identityStage: StageDefinition = {
  id: 'identity',
  title: 'Identity',
  explain,
  run: (ctx) => runIdentity(ctx),
  actions: {
    /** Re-run with the pool the user picked from the ranked candidates. */
    'pick-pool': (ctx, payload) => runIdentity(ctx, pickedPoolId(payload)),
  },
};
