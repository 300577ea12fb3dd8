// The end of the walk: the verdict, the stages not checked, and every finding of every
// stage worst first, each with its one-line fix. The keys live in the walk's reducer
// (↑↓ move the cursor, Enter opens the evidence, e/E export, R re-runs), so this screen
// only draws; its cursor survives a trip into the evidence view and back.
import {Box} from 'ink';
import {isProblem, type Finding, type StageId} from '../../checks/findings.js';
import type {ReportExport} from '../../flow/state.js';
import {sanitizeLine} from '../../report/sanitize.js';
import {Lines, type Line} from '../components/Lines.js';
import {truncate, wrapText} from '../text.js';
import {severityRole, severitySymbol} from '../theme.js';

export interface SummaryScreenProps {
  /** Worst first, as the cursor counts them. */
  readonly findings: readonly Finding[];
  readonly cursor: number;
  readonly stageTitles: Readonly<Partial<Record<StageId, string>>>;
  readonly stoppedEarly?: {readonly afterStage: StageId; readonly reason: string};
  /** Stages whose check did not happen, so "no problems" does not read as healthy. */
  readonly unchecked: readonly StageId[];
  readonly exported?: ReportExport;
  readonly width: number;
  readonly height: number;
}

const formatName = {markdown: 'Markdown', json: 'JSON'} as const;

function exportLines(exported: ReportExport, width: number): Line[] {
  const name = formatName[exported.format];
  switch (exported.status) {
    case 'writing':
      return [{text: `Saving the ${name} report…`, role: 'muted'}];
    case 'saved':
      // The path on lines of its own, whole (a long path is cut across lines, not shortened).
      return [`Saved the ${name} report:`, ...wrapText(exported.path, width)].slice(0, 4).map((text) => ({text, role: 'ok'}));
    case 'failed':
      return wrapText(`Could not save the ${name} report: ${exported.message}`, width).slice(0, 2).map((text) => ({text, role: 'warning'}));
  }
}

function headingLines({findings, stageTitles, stoppedEarly, unchecked, exported, width}: SummaryScreenProps): Line[] {
  const problems = findings.filter(isProblem).length;
  const title = (id: StageId) => stageTitles[id] ?? id;
  const muted = (text: string) => wrapText(text, width).slice(0, 2).map((line) => ({text: line, role: 'muted' as const}));
  return [
    problems > 0
      ? {text: `${severitySymbol.error} ${problems} problem${problems === 1 ? '' : 's'} found`, role: 'error', bold: true}
      : unchecked.length > 0
        ? {text: `${severitySymbol.info} No problems found in the stages that ran`, role: 'info', bold: true}
        : {text: `${severitySymbol.ok} No problems found`, role: 'ok', bold: true},
    ...(unchecked.length > 0 ? muted(`Not checked: ${unchecked.map(title).join(', ')} (Esc goes back to them).`) : []),
    ...(stoppedEarly ? muted(`The walk stopped early after ${title(stoppedEarly.afterStage)}: ${sanitizeLine(stoppedEarly.reason)}`) : []),
    ...(exported ? exportLines(exported, width) : []),
  ];
}

/** A finding as one or two rows: what is wrong, then what to do. */
function findingRows(finding: Finding, selected: boolean, stageTitle: string, width: number): Line[] {
  const head: Line = {
    text: truncate(`${selected ? '❯' : ' '} ${severitySymbol[finding.severity]} ${stageTitle}: ${sanitizeLine(finding.title)}`, width),
    role: selected ? 'accent' : severityRole[finding.severity],
    bold: selected,
  };
  return finding.fix ? [head, {text: truncate(`    Fix: ${sanitizeLine(finding.fix.summary)}`, width), role: 'muted'}] : [head];
}

/** The run of items around the cursor that fits `rows`: pages filled from the top, so the page only turns at its edge. */
export function pageAround(heights: readonly number[], cursor: number, rows: number): {start: number; end: number} {
  let start = 0;
  for (;;) {
    let end = start;
    let used = 0;
    while (end < heights.length && (end === start || used + heights[end]! <= rows)) used += heights[end++]!;
    if (cursor < end || end >= heights.length) return {start, end};
    start = end;
  }
}

export function SummaryScreen(props: SummaryScreenProps) {
  const {findings, cursor, stageTitles, width, height} = props;
  const heading = headingLines(props);
  const items = findings.map((finding, index) => findingRows(finding, index === cursor, stageTitles[finding.stage] ?? finding.stage, width));
  // One row each is kept for "more above" and "more below".
  const listRows = Math.max(2, height - heading.length - 1 - 2);
  const {start, end} = pageAround(
    items.map((rows) => rows.length),
    Math.min(cursor, Math.max(0, items.length - 1)),
    listRows,
  );
  const list: Line[] =
    items.length === 0
      ? [{text: 'No findings.'}]
      : [
          ...(start > 0 ? [{text: `  ↑ ${start} more`, role: 'muted' as const}] : []),
          ...items.slice(start, end).flat(),
          ...(end < items.length ? [{text: `  ↓ ${items.length - end} more`, role: 'muted' as const}] : []),
        ];
  return (
    <Box flexDirection="column">
      <Lines lines={heading} />
      <Box marginTop={1}>
        <Lines lines={list} />
      </Box>
    </Box>
  );
}
