// Turns the simulation's verdict into the stage's public finding: invoke-allowed (ok) or
// invoke-denied (error), with the ARNs, how the answer was obtained, the deciding
// statement, and the fix (a policy to apply for an implicit deny; advice for a Deny).
import {sanitizeForTerminal, sanitizeLine} from '../../report/sanitize.js';
import type {Evidence, Finding, Fix} from '../findings.js';
import type {ArnVerdict, SimulateFacts} from './facts.js';

export function verdictFinding(facts: SimulateFacts, answeredHow: string): Finding {
  const decisive = facts.method ?? facts.apiWide;
  const role = sanitizeLine(facts.roleName);
  const evidence: Evidence[] = [
    {kind: 'arn', label: 'Role', text: sanitizeLine(facts.roleArn)},
    ...(facts.method ? [{kind: 'arn' as const, label: 'Method ARN simulated', text: sanitizeLine(facts.method.arn)}] : []),
    {kind: 'arn', label: 'API ARN simulated', text: sanitizeLine(facts.apiWide.arn)},
    {kind: 'text', label: 'Answered by', text: sanitizeForTerminal(answeredHow)},
    ...statementEvidence(decisive),
    ...(decisive.missingContextKeys.length > 0
      ? [{kind: 'text' as const, label: 'Context keys the conditions need', text: sanitizeLine(decisive.missingContextKeys.join(', '))}]
      : []),
    ...(facts.proposedFix ? [{kind: 'diff' as const, label: `Proposed change to ${facts.proposedFix.policyName}`, text: sanitizeForTerminal(facts.proposedFix.diff)}] : []),
  ];
  const notes = [facts.method?.note, facts.apiWide.note].filter((n): n is string => n !== undefined);
  const missing =
    decisive.missingContextKeys.length > 0
      ? ` A condition needs ${decisive.missingContextKeys.join(', ')}, which the simulation did not have; the real request may be decided differently.`
      : '';
  const extra = sanitizeLine([...new Set(notes)].join(' ') + missing);

  if (facts.decision === 'allowed') {
    const wholeApi = facts.method && facts.apiWide.decision !== 'allowed' ? ' (this method only, not the whole API)' : '';
    return {
      id: 'invoke-allowed',
      stage: 'simulate',
      severity: 'ok',
      title: `Role ${role} may call execute-api:Invoke on this method${wholeApi}`,
      detail: `${deciderSentence(decisive)}${extra ? ` ${extra}` : ''}`,
      evidence,
    };
  }
  return {
    id: 'invoke-denied',
    stage: 'simulate',
    severity: 'error',
    title:
      facts.decision === 'explicitDeny'
        ? `An explicit Deny stops role ${role} from calling execute-api:Invoke`
        : `Role ${role} may not call execute-api:Invoke on this API`,
    detail: `${deniedSentence(decisive, role)}${extra ? ` ${extra}` : ''}`,
    evidence,
    fix: deniedFix(facts, decisive),
  };
}

function statementEvidence(verdict: ArnVerdict): Evidence[] {
  if (verdict.deciding.length === 0) return [{kind: 'text', label: 'Deciding statement', text: 'none: no statement matched execute-api:Invoke on this ARN'}];
  return verdict.deciding.map((s) => ({kind: 'json', label: sanitizeLine(`Deciding statement: ${s.policyName} (${s.policyKind}) ${s.statementId}`), text: sanitizeForTerminal(s.text)}));
}

function deciderSentence(verdict: ArnVerdict): string {
  const first = verdict.deciding[0];
  return first ? sanitizeLine(`Allowed by statement ${first.statementId} of ${first.policyKind} policy ${first.policyName}.`) : 'Allowed.';
}

function deniedSentence(verdict: ArnVerdict, role: string): string {
  const first = verdict.deciding[0];
  if (verdict.decision === 'explicitDeny' && first) {
    return sanitizeLine(`Statement ${first.statementId} of ${first.policyKind} policy ${first.policyName} denies it, and a Deny always wins over any Allow.`);
  }
  if (verdict.blockedByBoundary) return `An identity policy of ${role} allows it, but the role's permissions boundary does not, so the request is denied.`;
  return `No statement in ${role}'s policies allows execute-api:Invoke on ${sanitizeLine(verdict.arn)}, so IAM denies it by default (an implicit deny). API Gateway answers 403.`;
}

function deniedFix(facts: SimulateFacts, verdict: ArnVerdict): Fix {
  const first = verdict.deciding[0];
  if (verdict.decision === 'explicitDeny' && first) {
    return {
      kind: 'text',
      summary: sanitizeLine(`Remove or narrow statement ${first.statementId} of policy ${first.policyName} so it no longer matches ${verdict.arn}; apigw-doctor does not change Deny statements.`),
      body: sanitizeForTerminal(first.text),
    };
  }
  if (verdict.blockedByBoundary) {
    return {kind: 'text', summary: `Allow execute-api:Invoke on ${sanitizeLine(facts.apiWide.arn)} in the permissions boundary of ${sanitizeLine(facts.roleName)} as well.`};
  }
  if (facts.proposedFix) {
    return {
      kind: 'policy',
      language: 'json',
      summary: sanitizeLine(`Allow execute-api:Invoke on ${facts.apiWide.arn} in inline policy ${facts.proposedFix.policyName} of role ${facts.roleName}.`),
      body: sanitizeForTerminal(facts.proposedFix.newDocument),
    };
  }
  return {kind: 'text', summary: sanitizeLine(`Allow execute-api:Invoke on ${facts.apiWide.arn} in a policy of role ${facts.roleName}.`)};
}
