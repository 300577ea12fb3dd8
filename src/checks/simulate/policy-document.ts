// IAM policy documents as the checks read them: JSON text in, a document whose
// Statement is always an array out (IAM accepts a single statement object too).

export type PolicyStatement = Readonly<Record<string, unknown>>;

export interface PolicyDocumentJson {
  readonly Version?: string;
  readonly Id?: string;
  readonly Statement: readonly PolicyStatement[];
}

/** undefined when the text is not a JSON policy document. */
export function parsePolicyDocument(text: string): PolicyDocumentJson | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const record = value as Record<string, unknown>;
  const statement = record.Statement;
  const statements = Array.isArray(statement) ? statement : statement && typeof statement === 'object' ? [statement] : undefined;
  if (!statements || !statements.every((s) => s !== null && typeof s === 'object' && !Array.isArray(s))) return undefined;
  return {...(record as object), Statement: statements as PolicyStatement[]};
}

/** A policy element that may be a string or a list of strings (Action, Resource, condition values). */
export function stringList(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** Pretty-printed the way diffs and screens show documents. */
export function prettyPolicy(document: unknown): string {
  return JSON.stringify(document, null, 2);
}

/**
 * Same policy regardless of formatting: used to tell a concurrent edit from a mere
 * re-serialisation by IAM.
 */
export function samePolicyText(a: string | undefined, b: string | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  try {
    return JSON.stringify(JSON.parse(a)) === JSON.stringify(JSON.parse(b));
  } catch {
    return a === b;
  }
}
