// A finding laid out as lines for a given width and height: title, detail, the first
// pieces of evidence (clipped with "… N more"), then the fix. The full text is one Enter
// away in the evidence view.
import type {Finding} from '../../checks/findings.js';
import {sanitizeForTerminal, sanitizeLine} from '../../report/sanitize.js';
import {clipLines, clipList, truncate, wrapText} from '../text.js';
import {severityRole, severitySymbol} from '../theme.js';
import type {Line} from './Lines.js';

const shownEvidence = 2;

/** A finding in one row of a list: its severity symbol and title. */
export function findingHeadline(finding: Finding): string {
  return `${severitySymbol[finding.severity]} ${sanitizeLine(finding.title)}`;
}

export function findingSummaryLines(finding: Finding, width: number, maxLines: number): Line[] {
  const fixLines = finding.fix ? fixSummaryLines(finding, width) : [];
  const title: Line = {text: truncate(findingHeadline(finding), width), role: severityRole[finding.severity], bold: true};
  const detail = clipLines(wrapText(sanitizeForTerminal(finding.detail), width), 3).map((text) => ({text}));
  const evidence = evidenceLines(finding, width);
  // The fix matters most after the title, so detail and evidence give way first.
  const body = clipList<Line>([...detail, ...evidence], Math.max(0, maxLines - 1 - fixLines.length), (hidden) => ({text: `… ${hidden} more lines (Enter shows all)`, role: 'muted'}));
  return [title, ...body, ...fixLines].slice(0, Math.max(1, maxLines));
}

function evidenceLines(finding: Finding, width: number): Line[] {
  const lines: Line[] = finding.evidence.slice(0, shownEvidence).map((item) => ({
    text: truncate(`  ${sanitizeLine(item.label)}: ${sanitizeLine(item.text)}`, width),
    role: 'muted' as const,
  }));
  const hidden = finding.evidence.length - shownEvidence;
  if (hidden > 0) lines.push({text: `  … ${hidden} more evidence`, role: 'muted'});
  return lines;
}

function fixSummaryLines(finding: Finding, width: number): Line[] {
  const fix = finding.fix!;
  const summary = wrapText(`Fix: ${sanitizeForTerminal(fix.summary)}`, width).slice(0, 2).map((text) => ({text, role: 'accent' as const, bold: true}));
  if (!fix.body) return summary;
  const body = clipLines(wrapText(sanitizeForTerminal(fix.body), width - 2), 4).map((text) => ({text: `  ${text}`}));
  return [...summary, ...body];
}

/** Everything about a finding, unclipped, for the scrollable evidence view. */
export function findingFullLines(finding: Finding, width: number): Line[] {
  const wrap = (text: string, indent = '') => wrapText(sanitizeForTerminal(text), width - indent.length).map((line) => `${indent}${line}`);
  const lines: Line[] = [{text: truncate(findingHeadline(finding), width), role: severityRole[finding.severity], bold: true}];
  lines.push(...wrap(finding.detail).map((text) => ({text})));
  for (const item of finding.evidence) {
    lines.push({text: ''}, {text: truncate(`${sanitizeLine(item.label)}:`, width), bold: true});
    lines.push(...wrap(item.text, '  ').map((text) => ({text, role: 'muted' as const})));
  }
  if (finding.fix) {
    lines.push({text: ''}, ...wrap(`Fix: ${finding.fix.summary}`).map((text) => ({text, role: 'accent' as const, bold: true})));
    if (finding.fix.body) lines.push(...wrap(finding.fix.body, '  ').map((text) => ({text})));
  }
  return lines;
}
