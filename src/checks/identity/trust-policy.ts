// Reads a role's trust policy the way Cognito uses it: the role may be assumed through
// sts:AssumeRoleWithWebIdentity by cognito-identity.amazonaws.com, for identities of one
// pool (`cognito-identity.amazonaws.com:aud`) that are authenticated or not (`…:amr`).
import {parsePolicyDocument, stringList, type PolicyStatement} from '../simulate/policy-document.js';

const cognitoPrincipal = 'cognito-identity.amazonaws.com';
const audKey = 'cognito-identity.amazonaws.com:aud';
const amrKey = 'cognito-identity.amazonaws.com:amr';

export interface CognitoTrust {
  readonly namesPool: boolean;
  /** Which identities the trust admits; 'any' when it does not constrain amr. */
  readonly amr: 'authenticated' | 'unauthenticated' | 'any';
}

export function cognitoTrust(trustPolicy: string | undefined, identityPoolId: string): CognitoTrust {
  const document = trustPolicy === undefined ? undefined : parsePolicyDocument(trustPolicy);
  for (const statement of document?.Statement ?? []) {
    if (statement.Effect !== 'Allow' || !trustsCognito(statement)) continue;
    if (!conditionValues(statement, audKey).includes(identityPoolId)) continue;
    const amr = conditionValues(statement, amrKey);
    return {namesPool: true, amr: amr.includes('authenticated') ? 'authenticated' : amr.includes('unauthenticated') ? 'unauthenticated' : 'any'};
  }
  return {namesPool: false, amr: 'any'};
}

function trustsCognito(statement: PolicyStatement): boolean {
  const principal = statement.Principal;
  const federated = principal && typeof principal === 'object' ? stringList((principal as Record<string, unknown>).Federated) : [];
  const actions = stringList(statement.Action).map((a) => a.toLowerCase());
  return federated.includes(cognitoPrincipal) && actions.some((a) => a === 'sts:assumerolewithwebidentity' || a === 'sts:*' || a === '*');
}

/** Values a condition key is compared with, under any operator (StringEquals, ForAnyValue:StringLike, …). */
function conditionValues(statement: PolicyStatement, key: string): string[] {
  const condition = statement.Condition;
  if (!condition || typeof condition !== 'object') return [];
  return Object.values(condition as Record<string, unknown>).flatMap((byKey) =>
    byKey && typeof byKey === 'object'
      ? Object.entries(byKey as Record<string, unknown>).filter(([k]) => k.toLowerCase() === key).flatMap(([, v]) => stringList(v))
      : [],
  );
}
