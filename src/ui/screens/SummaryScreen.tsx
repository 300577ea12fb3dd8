// The end of the walk: the verdict and every finding of every stage, worst first. q quits
// with this result (the CLI turns it into the exit code).
import {Box} from 'ink';
import {isProblem, type Finding, type StageId} from '../../checks/findings.js';
import {sanitizeLine} from '../../report/sanitize.js';
import {FindingBrowser} from '../components/FindingBrowser.js';
import {Lines, type Line} from '../components/Lines.js';
import {wrapText} from '../text.js';
import {severitySymbol} from '../theme.js';

export interface SummaryScreenProps {
  readonly findings: readonly Finding[];
  readonly stageTitles: Readonly<Partial<Record<StageId, string>>>;
  readonly stoppedEarly?: {readonly afterStage: StageId; readonly reason: string};
  /** Stages whose check did not happen, so "no problems" does not read as healthy. */
  readonly unchecked: readonly StageId[];
  readonly width: number;
  readonly height: number;
  readonly isActive: boolean;
  readonly onOpenEvidence: (finding: Finding) => void;
}

export function SummaryScreen({findings, stageTitles, stoppedEarly, unchecked, width, height, isActive, onOpenEvidence}: SummaryScreenProps) {
  const problems = findings.filter(isProblem).length;
  const heading: Line[] = [
    problems > 0
      ? {text: `${severitySymbol.error} ${problems} problem${problems === 1 ? '' : 's'} found`, role: 'error', bold: true}
      : unchecked.length > 0
        ? {text: `${severitySymbol.info} No problems found in the stages that ran`, role: 'info', bold: true}
        : {text: `${severitySymbol.ok} No problems found`, role: 'ok', bold: true},
    ...(unchecked.length > 0
      ? wrapText(`Not checked: ${unchecked.map((id) => stageTitles[id] ?? id).join(', ')} (Esc goes back to them).`, width).slice(0, 2).map((text) => ({text, role: 'muted' as const}))
      : []),
    ...(stoppedEarly
      ? wrapText(`The walk stopped early after ${stageTitles[stoppedEarly.afterStage] ?? stoppedEarly.afterStage}: ${sanitizeLine(stoppedEarly.reason)}`, width).slice(0, 2).map((text) => ({text, role: 'muted' as const}))
      : []),
  ];
  const label = (finding: Finding) => `${severitySymbol[finding.severity]} ${stageTitles[finding.stage] ?? finding.stage}: ${sanitizeLine(finding.title)}`;
  return (
    <Box flexDirection="column">
      <Lines lines={heading} />
      <Box marginTop={1}>
        <FindingBrowser findings={findings} width={width} height={height - heading.length - 1} isActive={isActive} onOpenEvidence={onOpenEvidence} label={label} />
      </Box>
    </Box>
  );
}
