// The endpoint stage: each thing checked with its verdict, the worst finding's evidence
// and fix, and — when the check found likely corrections — "Try instead" choices that
// re-run the walk with the corrected URL.
import {Box} from 'ink';
import {FindingBrowser} from '../components/FindingBrowser.js';
import {Lines, type Line} from '../components/Lines.js';
import {truncate} from '../text.js';
import {type ColorRole} from '../theme.js';
import {endpointChecklist, type ChecklistVerdict} from './endpoint-checklist.js';
import type {StageScreenProps} from './types.js';
import {sanitizeLine} from '../../report/sanitize.js';

const verdictMark: Record<ChecklistVerdict, {readonly symbol: string; readonly role: ColorRole}> = {
  ok: {symbol: '✔', role: 'ok'},
  problem: {symbol: '✖', role: 'error'},
  neutral: {symbol: '•', role: 'info'},
  unchecked: {symbol: '○', role: 'muted'},
};

export function EndpointScreen({outcome, facts, width, height, isActive, onOpenEvidence, onRetryWithInput}: StageScreenProps) {
  const endpoint = outcome.facts.endpoint ?? facts.endpoint;
  const rows = endpointChecklist(endpoint, outcome.findings);
  const lines: Line[] = rows.map((row) => ({
    text: truncate(`${verdictMark[row.verdict].symbol} ${row.label.padEnd(6)}${row.text}`, width),
    role: verdictMark[row.verdict].role,
  }));
  const suggestions = endpoint?.suggestions ?? [];
  return (
    <Box flexDirection="column">
      <Lines lines={lines} />
      <Box marginTop={1}>
        <FindingBrowser
          findings={outcome.findings}
          width={width}
          height={height - lines.length - 1}
          isActive={isActive}
          onOpenEvidence={onOpenEvidence}
          extras={suggestions.map((suggestion) => `↻ Try instead: ${sanitizeLine(suggestion.label)}`)}
          onExtra={(index) => {
            const picked = suggestions[index];
            if (picked) onRetryWithInput({url: picked.url, method: picked.method});
          }}
        />
      </Box>
    </Box>
  );
}
