// Every AWS SDK failure is normalised to one small set of kinds, each with a message a
// person can act on. Checks switch on `kind`; screens and reports print `message`.

export type AwsErrorKind =
  | 'NotFound'
  | 'AccessDenied'
  | 'Throttled'
  | 'CredentialsMissing'
  | 'CredentialsExpired'
  | 'Network'
  /** The endpoint does not offer this operation (e.g. moto answers 500 to SimulatePrincipalPolicy). */
  | 'Unsupported'
  | 'Cancelled'
  | 'Unexpected';

export interface AwsErrorInit {
  readonly kind: AwsErrorKind;
  /** IAM action of the failed call, e.g. "iam:SimulatePrincipalPolicy". */
  readonly action: string;
  readonly message: string;
  /** The service's own error code (err.name), when there was one. */
  readonly code?: string;
  readonly httpStatus?: number;
  readonly requestId?: string;
}

export class AwsError extends Error {
  readonly kind: AwsErrorKind;
  readonly action: string;
  readonly code?: string;
  readonly httpStatus?: number;
  readonly requestId?: string;

  constructor(init: AwsErrorInit) {
    super(init.message);
    this.name = 'AwsError';
    this.kind = init.kind;
    this.action = init.action;
    this.code = init.code;
    this.httpStatus = init.httpStatus;
    this.requestId = init.requestId;
  }
}

export function isAwsError(error: unknown, kind?: AwsErrorKind): error is AwsError {
  return error instanceof AwsError && (kind === undefined || error.kind === kind);
}

/** Errors that stop the whole run (exit 2) rather than one stage. */
export function isFatalAwsError(error: unknown): boolean {
  return isAwsError(error) && ['CredentialsMissing', 'CredentialsExpired', 'Network'].includes(error.kind);
}
