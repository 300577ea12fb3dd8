// The Finding is the one currency between the checks and everything that renders them
// (screens, Markdown, JSON). Ids are a public contract: see shared/design.md.

export type StageId = 'endpoint' | 'identity' | 'simulate' | 'logs' | 'timeouts';

export type Severity = 'error' | 'warning' | 'info' | 'ok';

/** One raw fact that proves a finding: a log line, an ARN, an HTTP status, a document. */
export interface Evidence {
  readonly kind: 'text' | 'log' | 'arn' | 'http' | 'json' | 'diff';
  /** Short caption, e.g. "Probe response" or "Lambda log /aws/lambda/notes". */
  readonly label: string;
  /** The fact itself, verbatim (already sanitised for the terminal by the check). */
  readonly text: string;
}

export interface Fix {
  /** One line: what to do. */
  readonly summary: string;
  /** Optional body: prose, a command, code or a policy document. */
  readonly body?: string;
  readonly kind: 'text' | 'command' | 'code' | 'policy';
  /** Language hint for Markdown fences (json, sh, js). */
  readonly language?: string;
}

export interface Finding {
  readonly id: string;
  readonly stage: StageId;
  readonly severity: Severity;
  readonly title: string;
  readonly detail: string;
  readonly evidence: readonly Evidence[];
  readonly fix?: Fix;
}

const severityRank: Record<Severity, number> = {error: 0, warning: 1, info: 2, ok: 3};

/** Worst first; stable within a severity so stage order is kept. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort((a, b) => severityRank[a.severity] - severityRank[b.severity]);
}

export function isProblem(finding: Finding): boolean {
  return finding.severity === 'error' || finding.severity === 'warning';
}
