// With no --identity-pool, which of the region's identity pools calls this API? Rank each
// pool by its authenticated role: a role whose policies mention the API id was meant to call
// it; a role whose trust policy names the pool is really that pool's role. A pool named like
// the API ("notes_identity_pool" for API "notes") breaks ties when the role cannot call it yet.
import type {AwsPorts, IdentityPoolSummary} from '../../aws/ports.js';
import type {Finding, StageId} from '../findings.js';
import {mapBounded, STAGE_CONCURRENCY} from '../bounded.js';
import {readRolePolicies, roleNameFromArn} from '../simulate/role-policies.js';
import type {PoolCandidate, PoolChoice} from './facts.js';
import type {RoleLookup} from './pool-roles.js';
import {cognitoTrust} from './trust-policy.js';

const mentionWeight = 4;
const trustWeight = 2;
const nameWeight = 1;

// Words every pool or API name may carry; sharing them says nothing.
const genericWords = new Set(['api', 'apis', 'pool', 'identity', 'cognito', 'role', 'auth', 'unauth', 'app', 'prod', 'dev', 'test', 'http', 'rest']);

function nameWords(name: string): Set<string> {
  return new Set(name.split(/[^A-Za-z0-9]+|(?<=[a-z])(?=[A-Z])/).map((w) => w.toLowerCase()).filter((w) => w.length >= 3 && !genericWords.has(w)));
}

export async function rankPools(
  stage: StageId,
  findings: Finding[],
  aws: AwsPorts,
  signal: AbortSignal,
  lookup: RoleLookup,
  pools: readonly IdentityPoolSummary[],
  api: {readonly id: string; readonly name: string},
): Promise<PoolCandidate[]> {
  const apiId = api.id;
  const apiWords = nameWords(api.name);
  // Pools are looked at side by side; each keeps its own warnings so they are reported in
  // ListIdentityPools order.
  const ranked = await mapBounded(pools, STAGE_CONCURRENCY, async (pool) => {
    const warnings: Finding[] = [];
    const roles = await lookup.rolesOf(pool.identityPoolId);
    const roleArn = roles.authenticatedRoleArns[0];
    const reasons: string[] = [];
    let trustNamesPool = false;
    let policiesMentionApi = false;
    if (!roleArn) {
      reasons.push('no authenticated role found');
    } else {
      const roleName = roleNameFromArn(roleArn);
      const [trustPolicy, policies] = await Promise.all([
        roles.foundBy === 'trust-policy' ? undefined : lookup.trustPolicyOf(roleArn),
        readRolePolicies(stage, warnings, {iam: aws.iam, signal}, roleName),
      ]);
      trustNamesPool = roles.foundBy === 'trust-policy' || cognitoTrust(trustPolicy, pool.identityPoolId).namesPool;
      reasons.push(trustNamesPool ? `its authenticated role ${roleName} trusts this pool` : `its authenticated role ${roleName} does not name this pool in its trust policy`);
      policiesMentionApi = [...policies.inline, ...policies.managed].some((p) => p.document.includes(apiId));
      reasons.push(policiesMentionApi ? `${roleName}'s policies mention API ${apiId}` : `${roleName}'s policies do not mention API ${apiId}`);
    }
    const shared = [...nameWords(pool.identityPoolName)].filter((w) => apiWords.has(w));
    if (shared.length > 0) reasons.push(`its name shares "${shared.join('", "')}" with API ${api.name}`);
    const candidate: PoolCandidate = {
      identityPoolId: pool.identityPoolId,
      identityPoolName: pool.identityPoolName,
      authenticatedRoleArn: roleArn,
      trustNamesPool,
      policiesMentionApi,
      score: (policiesMentionApi ? mentionWeight : 0) + (trustNamesPool ? trustWeight : 0) + (shared.length > 0 ? nameWeight : 0),
      reasons,
    };
    return {candidate, warnings};
  });
  findings.push(...ranked.flatMap((r) => r.warnings));
  const candidates = ranked.map((r) => r.candidate);
  // Stable sort: equal scores keep ListIdentityPools order.
  return candidates.sort((a, b) => b.score - a.score);
}

/** A single pool, or one that ranks strictly above the rest, is picked for the user. */
export function choosePool(candidates: readonly PoolCandidate[]): {choice: PoolChoice; candidate?: PoolCandidate; reason: string} {
  const [first, second] = candidates;
  if (!first) return {choice: 'ambiguous', reason: 'There is no identity pool to choose from.'};
  if (!second) return {choice: 'only-pool', candidate: first, reason: `${first.identityPoolName} is the only identity pool in this region.`};
  if (first.score > second.score && first.score > 0) {
    return {choice: 'best-match', candidate: first, reason: `${first.identityPoolName} is the best match of ${candidates.length} pools: ${first.reasons.join('; ')}.`};
  }
  const tied = candidates.filter((c) => c.score === first.score).length;
  return {choice: 'ambiguous', reason: `${tied} of ${candidates.length} identity pools match equally well; pick the one your app uses (or pass --identity-pool).`};
}
