// The simulate stage: the verdict, the ARN simulated, how the answer was obtained, the
// statement that decided, and for an implicit deny the statement the fix adds (its diff
// below when there is room, whole behind Enter). Applying
// it takes two steps — `a`, then an explicit y at a y/N prompt (default No) — and shows a
// spinner while the backup, the write and the new simulation run.
import {Box, Text, useInput} from 'ink';
import Spinner from 'ink-spinner';
import {useEffect, useState} from 'react';
import type {SimulateFacts} from '../../checks/simulate/facts.js';
import {sanitizeForTerminal, sanitizeLine} from '../../report/sanitize.js';
import {FindingBrowser} from '../components/FindingBrowser.js';
import {Lines, type Line} from '../components/Lines.js';
import {clipList, truncate, wrapText} from '../text.js';
import {useTheme} from '../theme.js';
import type {StageScreenProps} from './types.js';

type Phase = 'view' | 'confirm' | 'applying';

const labelWidth = 11;
// Rows the finding list and card below keep before the diff may use them.
const browserRows = 8;

/** A block of rows and how much it matters: lower ranks stay when the screen is short. */
interface Section {
  readonly rank: number;
  readonly lines: Line[];
}

/** The statement the fix adds, as one sentence: "Allow execute-api:Invoke on ARN". */
function statementSummary(statement: Readonly<Record<string, unknown>>): string {
  const list = (value: unknown) => (Array.isArray(value) ? value : [value]).filter((item) => item !== undefined).map((item) => sanitizeLine(String(item))).join(', ');
  return `${list(statement.Effect)} ${list(statement.Action)} on ${list(statement.Resource)}`;
}

/**
 * The verdict rows and the proposed change, fitted to `height` rows. What decides the next
 * step comes first when rows are short: the verdict and the statement the fix adds are always
 * shown; the role, the ARN and how it was decided give way, and the +/- lines of the diff
 * only fill what is left (all of it is one Enter away, in the finding's evidence).
 */
export function simulateLines(simulate: SimulateFacts, width: number, height: number): Line[] {
  const decisive = simulate.method ?? simulate.apiWide;
  const allowed = simulate.decision === 'allowed';
  // ARNs are the point of this screen: wrap them under their label rather than cut them.
  const row = (rank: number, label: string, text: string, role?: Line['role']): Section => ({
    rank,
    lines: wrapText(sanitizeLine(text), width - labelWidth).map((part, index) => ({text: `${(index === 0 ? label : '').padEnd(labelWidth)}${part}`, role})),
  });
  const decider = decisive.deciding[0];
  const sections: Section[] = [
    row(0, 'Verdict', allowed ? '✔ invoke allowed' : simulate.decision === 'explicitDeny' ? '✖ denied by an explicit Deny' : '✖ denied (no statement allows it)', allowed ? 'ok' : 'error'),
    row(2, 'Role', simulate.roleArn),
    row(1, 'Simulated', decisive.arn),
    row(4, 'Answered', simulate.answeredBy === 'offline' ? 'offline evaluation of the role’s policies' : 'IAM SimulatePrincipalPolicy'),
    row(3, 'Decided by', decider ? `${decider.policyName} (${decider.policyKind}) statement ${decider.statementId}` : 'nothing matched', decider ? undefined : 'muted'),
  ];
  if (simulate.appliedFix) sections.push(row(1, 'Backup', simulate.appliedFix.backupPath ?? 'none (the policy is new)', 'muted'));
  const fix = simulate.proposedFix;
  if (fix) {
    const statement = wrapText(statementSummary(fix.statement), width - 2).map((text, index) => ({text: `${index === 0 ? '+' : ' '} ${text}`, role: 'ok' as const}));
    sections.push({rank: 1, lines: [{text: truncate(`Proposed change to ${sanitizeLine(fix.policyName)}:`, width), bold: true}]}, {rank: 0, lines: statement});
  }
  const kept = new Set<Section>();
  let used = 0;
  for (const section of [...sections].sort((a, b) => a.rank - b.rank)) {
    if (section.rank > 0 && used + section.lines.length > height) continue;
    kept.add(section);
    used += section.lines.length;
  }
  const lines = sections.filter((section) => kept.has(section)).flatMap((section) => section.lines);
  return fix ? [...lines, ...diffLines(fix.diff, width, height - used - browserRows)] : lines;
}

/** The diff's +/- lines in `rows` rows, or none when fewer than two are free. */
function diffLines(diff: string, width: number, rows: number): Line[] {
  if (rows < 2) return [];
  const changed = sanitizeForTerminal(diff)
    .split('\n')
    .slice(2)
    .filter((text) => text.startsWith('+') || text.startsWith('-'));
  const shown = clipList(changed, rows - 1, (hidden) => `… ${hidden} more changed lines (Enter shows the whole diff)`);
  return [{text: 'Diff:', role: 'muted'}, ...shown.map((text): Line => ({text: truncate(text, width), role: text.startsWith('+') ? 'ok' : text.startsWith('-') ? 'error' : 'muted'}))];
}

export function SimulateScreen({outcome, facts, width, height, isActive, onAction, onOpenEvidence, onModalChange}: StageScreenProps) {
  const theme = useTheme();
  const simulate = outcome.facts.simulate ?? facts.simulate;
  const [phase, setPhase] = useState<Phase>('view');
  // A new outcome (the fix applied, or refused) ends the confirmation.
  useEffect(() => setPhase('view'), [outcome]);
  // The y/N question owns the keyboard: Esc closes it instead of leaving the stage.
  useEffect(() => {
    onModalChange?.(phase === 'confirm');
    return () => onModalChange?.(false);
  }, [phase, onModalChange]);
  const fix = simulate?.proposedFix;

  useInput(
    (input, key) => {
      if (phase === 'view' && input === 'a' && fix) setPhase('confirm');
      else if (phase === 'confirm' && (input === 'y' || input === 'Y')) {
        setPhase('applying');
        // The exact proposal on screen: apply-fix refuses if the policy changed since.
        onAction('apply-fix', fix);
      } else if (phase === 'confirm' && (input === 'n' || input === 'N' || key.return || key.escape)) setPhase('view');
    },
    {isActive: isActive && phase !== 'applying' && fix !== undefined},
  );

  const question = fix ? wrapText(`Write inline policy ${sanitizeLine(fix.policyName)} of role ${sanitizeLine(fix.roleName)}? The current document is saved first. [y/N]`, width) : [];
  const prompt =
    phase === 'applying' ? (
      <Text>
        <Text color={theme.color('accent')}>
          <Spinner type="dots" />
        </Text>{' '}
        Saving a backup, writing the policy, simulating again…
      </Text>
    ) : phase === 'confirm' ? (
      <Lines lines={question.map((text) => ({text, role: 'warning', bold: true}))} />
    ) : fix ? (
      <Text color={theme.color('accent')}>{truncate('Press a to apply this fix (you confirm before anything is written).', width)}</Text>
    ) : null;
  // The prompt is this stage's call to action: its rows are set aside before anything else.
  const promptRows = phase === 'confirm' ? question.length : prompt ? 1 : 0;
  const promptUse = promptRows > 0 ? promptRows + 1 : 0;
  const lines = simulate ? simulateLines(simulate, width, height - promptUse) : [];
  const used = lines.length + promptUse + 1;
  return (
    <Box flexDirection="column">
      {lines.length > 0 ? <Lines lines={lines} /> : null}
      {prompt ? <Box marginTop={1}>{prompt}</Box> : null}
      <Box marginTop={1}>
        <FindingBrowser findings={outcome.findings} width={width} height={height - used} isActive={isActive && phase === 'view'} onOpenEvidence={onOpenEvidence} />
      </Box>
    </Box>
  );
}
