// What the simulate stage hands on to its screen, the report and its apply-fix action.

export type Decision = 'allowed' | 'explicitDeny' | 'implicitDeny';

/** How the verdict was obtained. */
export type AnsweredBy = 'SimulatePrincipalPolicy' | 'offline';

export interface DecidingStatement {
  readonly policyName: string;
  readonly policyKind: 'inline' | 'managed' | 'boundary' | 'unknown';
  /** The statement's Sid, else its 1-based position ("#2"), else where IAM said it is. */
  readonly statementId: string;
  readonly effect?: 'Allow' | 'Deny';
  /** The statement pretty-printed (or the policy location when the document was unreadable). */
  readonly text: string;
}

export interface ArnVerdict {
  readonly arn: string;
  readonly decision: Decision;
  /** Empty when nothing matched (an implicit deny). */
  readonly deciding: readonly DecidingStatement[];
  /** Condition keys the matching statements need and the simulation could not know. */
  readonly missingContextKeys: readonly string[];
  /** An identity policy allows it but the permissions boundary does not. */
  readonly blockedByBoundary?: boolean;
  /** A sentence qualifying the verdict (boundary, narrower grants, unreadable policies). */
  readonly note?: string;
}

export interface ProposedPolicyFix {
  readonly roleName: string;
  readonly policyName: string;
  /** The inline policy as IAM stored it when the diff was made; absent for a new policy. */
  readonly oldDocument?: string;
  /** The whole new document, pretty-printed: exactly what apply-fix writes. */
  readonly newDocument: string;
  /** Unified diff of the pretty-printed old and new documents. */
  readonly diff: string;
  /** The statement added. */
  readonly statement: Readonly<Record<string, unknown>>;
}

export interface SimulateFacts {
  readonly roleArn: string;
  readonly roleName: string;
  readonly answeredBy: AnsweredBy;
  /** execute-api:Invoke on arn:…:execute-api:REGION:*:API_ID/* (the whole API). */
  readonly apiWide: ArnVerdict;
  /** On the exact method ARN; absent when it could not be evaluated. */
  readonly method?: ArnVerdict;
  /** The verdict the stage reports (the method's, else the whole API's). */
  readonly decision: Decision;
  /** Present for an implicit deny only: an explicit Deny is explained, never overridden. */
  readonly proposedFix?: ProposedPolicyFix;
  /** Set by apply-fix. */
  readonly appliedFix?: {readonly roleName: string; readonly policyName: string; readonly backupPath?: string};
}
