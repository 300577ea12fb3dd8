// The simulate stage: the verdict, the ARN simulated, how the answer was obtained, the
// statement that decided, and for an implicit deny the proposed change as a diff. Applying
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
// Rows kept for the finding list and card below the diff, and for the prompt.
const reservedRows = 10;

/** The verdict rows, then the proposed change's +/- lines in what is left of `height` (all of it is one Enter away). */
export function simulateLines(simulate: SimulateFacts, width: number, height: number): Line[] {
  const decisive = simulate.method ?? simulate.apiWide;
  const allowed = simulate.decision === 'allowed';
  const lines: Line[] = [];
  // ARNs are the point of this screen: wrap them under their label rather than cut them.
  const row = (label: string, text: string, role?: Line['role']) =>
    wrapText(sanitizeLine(text), width - labelWidth).forEach((part, index) => lines.push({text: `${(index === 0 ? label : '').padEnd(labelWidth)}${part}`, role}));
  row('Verdict', allowed ? '✔ invoke allowed' : simulate.decision === 'explicitDeny' ? '✖ denied by an explicit Deny' : '✖ denied (no statement allows it)', allowed ? 'ok' : 'error');
  row('Role', simulate.roleArn);
  row('Simulated', decisive.arn);
  row('Answered', simulate.answeredBy === 'offline' ? 'offline evaluation of the role’s policies' : 'IAM SimulatePrincipalPolicy');
  const decider = decisive.deciding[0];
  row('Decided by', decider ? `${decider.policyName} (${decider.policyKind}) statement ${decider.statementId}` : 'nothing matched', decider ? undefined : 'muted');
  if (simulate.appliedFix) row('Backup', simulate.appliedFix.backupPath ?? 'none (the policy is new)', 'muted');
  if (simulate.proposedFix) {
    const changed = sanitizeForTerminal(simulate.proposedFix.diff)
      .split('\n')
      .slice(2)
      .filter((text) => text.startsWith('+') || text.startsWith('-'));
    const shown = clipList(changed, Math.max(3, height - reservedRows - lines.length - 1), (hidden) => `… ${hidden} more changed lines (Enter shows the whole diff)`);
    lines.push({text: truncate(`Proposed change to ${sanitizeLine(simulate.proposedFix.policyName)}:`, width), bold: true});
    for (const text of shown) lines.push({text: truncate(text, width), role: text.startsWith('+') ? 'ok' : text.startsWith('-') ? 'error' : 'muted'});
  }
  return lines;
}

export function SimulateScreen({outcome, facts, width, height, isActive, onAction, onOpenEvidence}: StageScreenProps) {
  const theme = useTheme();
  const simulate = outcome.facts.simulate ?? facts.simulate;
  const [phase, setPhase] = useState<Phase>('view');
  // A new outcome (the fix applied, or refused) ends the confirmation.
  useEffect(() => setPhase('view'), [outcome]);
  const fix = simulate?.proposedFix;

  useInput(
    (input, key) => {
      if (phase === 'view' && input === 'a' && fix) setPhase('confirm');
      else if (phase === 'confirm' && (input === 'y' || input === 'Y')) {
        setPhase('applying');
        // The exact proposal on screen: apply-fix refuses if the policy changed since.
        onAction('apply-fix', fix);
      } else if (phase === 'confirm' && (input === 'n' || input === 'N' || key.return)) setPhase('view');
    },
    {isActive: isActive && phase !== 'applying' && fix !== undefined},
  );

  const lines = simulate ? simulateLines(simulate, width, height) : [];
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
  const promptRows = phase === 'confirm' ? question.length : prompt ? 1 : 0;
  const used = lines.length + (lines.length > 0 ? 1 : 0) + (promptRows > 0 ? promptRows + 1 : 0);
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
