// A list of findings (worst first, one row each) above the highlighted finding's detail,
// evidence and fix. Enter opens the finding's full evidence. A screen may put its own
// choices first in the same list (the endpoint screen's "Try instead" corrections).
import {Box, Text} from 'ink';
import {useState} from 'react';
import {sortFindings, type Finding} from '../../checks/findings.js';
import {findingHeadline, findingSummaryLines} from './finding-lines.js';
import {Lines} from './Lines.js';
import {ThemedSelect} from './ThemedSelect.js';

type Choice = {readonly kind: 'finding'; readonly index: number} | {readonly kind: 'extra'; readonly index: number};

export interface FindingBrowserProps {
  readonly findings: readonly Finding[];
  readonly width: number;
  readonly height: number;
  readonly isActive: boolean;
  readonly onOpenEvidence: (finding: Finding) => void;
  /** Row label for a finding; defaults to its symbol and title. */
  readonly label?: (finding: Finding) => string;
  /** Choices listed before the findings; picking one calls onExtra with its index. */
  readonly extras?: readonly string[];
  readonly onExtra?: (index: number) => void;
}

const listRowsMax = 6;

export function FindingBrowser({findings, width, height, isActive, onOpenEvidence, label = findingHeadline, extras = [], onExtra}: FindingBrowserProps) {
  const sorted = sortFindings(findings);
  const [highlighted, setHighlighted] = useState<Choice | undefined>(undefined);
  if (sorted.length === 0 && extras.length === 0) return <Text>No findings.</Text>;
  const items = [
    ...extras.map((text, index) => ({key: `extra-${index}`, label: text, value: {kind: 'extra', index} as Choice})),
    ...sorted.map((finding, index) => ({key: `finding-${index}`, label: label(finding), value: {kind: 'finding', index} as Choice})),
  ];
  const listRows = Math.min(items.length, listRowsMax, Math.max(1, height - 3));
  const shown = highlighted?.kind === 'finding' ? sorted[highlighted.index] : sorted[0];
  const cardRows = height - listRows - 1;
  return (
    <Box flexDirection="column">
      <ThemedSelect
        items={items}
        width={width}
        limit={listRows}
        isActive={isActive}
        onHighlight={setHighlighted}
        onSelect={(choice) => (choice.kind === 'finding' ? onOpenEvidence(sorted[choice.index]!) : onExtra?.(choice.index))}
      />
      {shown && cardRows > 0 ? (
        <Box marginTop={1}>
          <Lines lines={findingSummaryLines(shown, width, cardRows)} />
        </Box>
      ) : null}
    </Box>
  );
}
