// Reads iam:SimulatePrincipalPolicy's answer: the decision per resource ARN and the
// matched statements, which IAM gives as a policy id plus a line/column position; the
// statement text is cut out of the policy document at that position.
import type {EvaluationResult, MatchedStatement} from '../../aws/ports.js';
import type {ArnVerdict, DecidingStatement} from './facts.js';
import {parsePolicyDocument, prettyPolicy} from './policy-document.js';
import type {NamedPolicy, RolePolicies} from './role-policies.js';

export function verdictFromSimulation(arn: string, results: readonly EvaluationResult[], policies: RolePolicies): ArnVerdict | undefined {
  const result = results.find((r) => r.evalResourceName === arn);
  if (!result) return undefined;
  const all = [...policies.inline, ...policies.managed, ...(policies.boundary ? [policies.boundary] : [])];
  const blockedByBoundary = result.evalDecision === 'implicitDeny' && result.allowedByPermissionsBoundary === false;
  return {
    arn,
    decision: result.evalDecision,
    // On an implicit deny IAM lists no statement that decided (nothing matched).
    deciding: result.evalDecision === 'implicitDeny' ? [] : result.matchedStatements.map((m) => locate(m, all)),
    missingContextKeys: [...result.missingContextValues],
    ...(blockedByBoundary ? {blockedByBoundary, note: 'The permissions boundary does not allow it.'} : {}),
  };
}

function locate(matched: MatchedStatement, policies: readonly NamedPolicy[]): DecidingStatement {
  const policy = policies.find((p) => p.name === matched.sourcePolicyId || p.arn === matched.sourcePolicyId);
  const where = matched.startLine !== undefined ? `line ${matched.startLine}, column ${matched.startColumn ?? 1}` : 'position not given';
  const name = policy?.name ?? matched.sourcePolicyId ?? '(unnamed policy)';
  const kind = policy?.kind ?? 'unknown';
  const statement = policy && matched.startLine !== undefined ? statementAt(policy.document, matched.startLine, matched.startColumn ?? 1) : undefined;
  if (!policy || !statement) return {policyName: name, policyKind: kind, statementId: where, text: `(statement at ${where} of ${name})`};
  const document = parsePolicyDocument(policy.document);
  const index = document ? document.Statement.findIndex((s) => JSON.stringify(s) === JSON.stringify(statement)) : -1;
  const sid = typeof statement.Sid === 'string' ? statement.Sid : undefined;
  const effect = statement.Effect === 'Allow' || statement.Effect === 'Deny' ? statement.Effect : undefined;
  return {policyName: name, policyKind: kind, statementId: sid ?? (index >= 0 ? `#${index + 1}` : where), effect, text: prettyPolicy(statement)};
}

/**
 * The JSON object that starts at (line, column), 1-based as IAM reports them. Scans to the
 * matching brace rather than trusting the end position, so an off-by-one column still works.
 */
function statementAt(text: string, line: number, column: number): Record<string, unknown> | undefined {
  const lines = text.split('\n');
  if (line < 1 || line > lines.length) return undefined;
  const offset = lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0) + Math.max(0, column - 2);
  const start = text.indexOf('{', offset);
  if (start < 0) return undefined;
  let depth = 0;
  let inString = false;
  for (let k = start; k < text.length; k++) {
    const c = text[k];
    if (inString) {
      if (c === '\\') k++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) {
      try {
        const value: unknown = JSON.parse(text.slice(start, k + 1));
        return value && typeof value === 'object' && 'Effect' in value ? (value as Record<string, unknown>) : undefined;
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}
