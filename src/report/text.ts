// The plain-text summary printed when there is no terminal to draw on (a pipe, CI):
// readable in a log, no colour, no cursor movement.
import {sortFindings, type Finding, type Severity} from '../checks/findings.js';
import type {JsonReport} from './json.js';
import {sanitizeForTerminal, sanitizeLine} from './sanitize.js';

const marks: Record<Severity, string> = {error: '✖ ERROR  ', warning: '! WARNING', info: 'i INFO   ', ok: '✔ OK     '};
const maxEvidenceLines = 12;

function indent(text: string, prefix: string): string {
  return text
    .split('\n')
    .map((line) => prefix + line)
    .join('\n');
}

function renderEvidence(finding: Finding): string[] {
  return finding.evidence.map((evidence) => {
    const lines = sanitizeForTerminal(evidence.text).split('\n');
    const shown = lines.slice(0, maxEvidenceLines);
    if (lines.length > shown.length) shown.push(`… ${lines.length - shown.length} more lines (see --json or --report)`);
    return `      ${sanitizeLine(evidence.label)}:\n${indent(shown.join('\n'), '        ')}`;
  });
}

export function renderTextReport(report: JsonReport): string {
  const out: string[] = [];
  const {target} = report;
  out.push(`apigw-doctor ${report.tool.version} — ${sanitizeLine(`${target.method} ${target.url}`)}`);
  const where = [target.mode === 'demo' ? 'demo sandbox' : undefined, target.account && `account ${target.account}`, target.region && `region ${target.region}`, target.profile && `profile ${target.profile}`].filter(Boolean);
  // The account comes from STS, the rest from flags and config: none of it is trusted on a terminal.
  if (where.length > 0) out.push(`  ${sanitizeLine(where.join(' · '))}`);
  out.push(`  logs since ${report.window.since}`, '');
  for (const stage of report.stages) {
    out.push(`  stage ${stage.id.padEnd(9)} ${stage.status}${stage.reason ? ` — ${sanitizeLine(stage.reason)}` : ''}`);
  }
  out.push('');
  for (const finding of sortFindings(report.findings)) {
    out.push(`${marks[finding.severity]} [${finding.stage}] ${finding.id}: ${sanitizeLine(finding.title)}`);
    out.push(indent(sanitizeForTerminal(finding.detail), '      '));
    out.push(...renderEvidence(finding));
    if (finding.fix) {
      out.push(`      Fix: ${sanitizeLine(finding.fix.summary)}`);
      if (finding.fix.body) out.push(indent(sanitizeForTerminal(finding.fix.body), '        '));
    }
    out.push('');
  }
  out.push(report.verdict === 'healthy' ? 'Verdict: healthy — nothing wrong found on this path.' : `Verdict: problems found (${report.findings.filter((f) => f.severity === 'error' || f.severity === 'warning').length}).`);
  return out.join('\n') + '\n';
}
