// What the identity stage hands on to the simulate stage and to its screen.

/** How the identity pool was chosen. */
export type PoolChoice = 'given' | 'only-pool' | 'best-match' | 'picked' | 'ambiguous';

/** How the pool's roles were found. */
export type RolesFoundBy = 'GetIdentityPoolRoles' | 'trust-policy';

export interface PoolCandidate {
  readonly identityPoolId: string;
  readonly identityPoolName: string;
  readonly authenticatedRoleArn?: string;
  /** The authenticated role's trust policy names this pool (cognito-identity.amazonaws.com:aud). */
  readonly trustNamesPool: boolean;
  /** The authenticated role's policies mention this API's id. */
  readonly policiesMentionApi: boolean;
  readonly score: number;
  /** Why it ranks where it does, one phrase each. */
  readonly reasons: readonly string[];
}

export interface IdentityFacts {
  /** The method/route's authorization type as API Gateway reports it. */
  readonly authorizationType: string;
  /** Ranked best first; empty when the pool was given or there was nothing to rank. */
  readonly candidates: readonly PoolCandidate[];
  readonly choice?: PoolChoice;
  /** One sentence: why this pool (or why none could be picked). */
  readonly choiceReason?: string;
  readonly pool?: {readonly id: string; readonly name: string};
  readonly authenticatedRole?: {readonly arn: string; readonly name: string};
  readonly unauthenticatedRoleArn?: string;
  readonly rolesFoundBy?: RolesFoundBy;
}
