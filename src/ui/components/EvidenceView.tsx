// A finding in full — detail, every piece of evidence, the whole fix — scrollable with ↑/↓
// (PgUp/PgDn by a page). Esc (the walk's BACK) closes it.
import {Box, Text, useInput} from 'ink';
import {useState} from 'react';
import type {Finding} from '../../checks/findings.js';
import {useKeysAvailable} from '../hooks/useWalkKeys.js';
import {findingFullLines} from './finding-lines.js';
import {Lines} from './Lines.js';

export interface EvidenceViewProps {
  readonly finding: Finding;
  readonly width: number;
  readonly height: number;
}

export function EvidenceView({finding, width, height}: EvidenceViewProps) {
  const lines = findingFullLines(finding, width);
  const page = Math.max(1, height - 1);
  const maxTop = Math.max(0, lines.length - page);
  const [top, setTop] = useState(0);
  // Functional updates: rapid keys must not read a stale `top` from this closure.
  const scroll = (delta: number) => setTop((current) => Math.min(maxTop, Math.max(0, current + delta)));
  useInput(
    (_input, key) => {
      if (key.downArrow) scroll(1);
      else if (key.upArrow) scroll(-1);
      else if (key.pageDown) scroll(page);
      else if (key.pageUp) scroll(-page);
    },
    {isActive: useKeysAvailable()},
  );
  const start = Math.min(top, maxTop);
  const end = Math.min(lines.length, start + page);
  return (
    <Box flexDirection="column">
      <Lines lines={lines.slice(start, end)} />
      <Text dimColor wrap="truncate-end">
        {lines.length > page ? `lines ${start + 1}–${end} of ${lines.length} · ↑↓ scroll · Esc close` : 'Esc close'}
      </Text>
    </Box>
  );
}
