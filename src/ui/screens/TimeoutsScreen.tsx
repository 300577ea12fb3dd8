// The timeouts stage: observed durations against the function's Timeout and API Gateway's
// integration limit as a small bar chart on one scale, then the handler's shape and why the
// advice fits it, then the stage's findings (Enter opens evidence and fix).
import {Box} from 'ink';
import type {TimeoutsFacts} from '../../checks/timeouts/index.js';
import {sanitizeLine} from '../../report/sanitize.js';
import {FindingBrowser} from '../components/FindingBrowser.js';
import {Lines, type Line} from '../components/Lines.js';
import {truncate, wrapText} from '../text.js';
import type {ColorRole} from '../theme.js';
import type {StageScreenProps} from './types.js';

const seconds = (ms: number): string => `${(ms / 1000).toFixed(ms >= 10_000 || ms % 1000 === 0 ? 0 : 2)} s`;

/**
 * One bar per measure, all on the scale of the longest, so "above the limit" is visible.
 * Within `maxRows`, the limits and the maximum stay; p50, p95 and the heading go first.
 */
export function durationChart(facts: TimeoutsFacts, width: number, maxRows = Number.POSITIVE_INFINITY): Line[] {
  const {durations} = facts;
  const bars: Array<{label: string; ms: number; role?: ColorRole}> = [];
  const limit = Math.min(facts.functionTimeoutMs ?? Number.POSITIVE_INFINITY, facts.integrationTimeoutMs);
  const measured = (label: string, ms: number | undefined) => {
    if (ms !== undefined) bars.push({label, ms, role: ms >= limit * 0.95 ? 'error' : undefined});
  };
  measured('p50', durations.p50Ms);
  measured('p95', durations.p95Ms);
  measured('max', durations.maxMs);
  if (facts.functionTimeoutMs !== undefined) bars.push({label: 'Timeout', ms: facts.functionTimeoutMs, role: 'warning'});
  bars.push({label: facts.apiKind === 'rest' ? 'API GW 504' : 'API GW 503', ms: facts.integrationTimeoutMs, role: 'muted'});
  const scale = Math.max(...bars.map((bar) => bar.ms), 1);
  for (const optional of ['p50', 'p95']) {
    if (bars.length + 1 <= maxRows) break;
    const index = bars.findIndex((bar) => bar.label === optional);
    if (index >= 0) bars.splice(index, 1);
  }
  const barWidth = Math.max(4, width - 22);
  const chart: Line[] = bars.map((bar) => ({
    text: `${bar.label.padEnd(11)}${'█'.repeat(Math.max(1, Math.round((bar.ms / scale) * barWidth))).padEnd(barWidth)} ${seconds(bar.ms).padStart(8)}`,
    role: bar.role,
  }));
  const heading = durations.invocations > 0 ? `${durations.invocations} invocations · ${facts.timeouts.count} timed out${durations.coldStarts ? ` · ${durations.coldStarts} cold starts` : ''}` : 'No REPORT lines in the window';
  const lines = [{text: truncate(heading, width), bold: true}, ...chart];
  return lines.slice(Math.max(0, lines.length - Math.max(0, maxRows)));
}

export function handlerLines(facts: TimeoutsFacts, width: number): Line[] {
  const lines: Line[] = [];
  const handler = facts.handler;
  if (handler && 'shape' in handler) {
    const opens = handler.shape.opens.map((resource) => `${resource.name}${resource.perInvocation ? ' per invocation' : ''}`).join(', ');
    lines.push({text: truncate(`Handler ${sanitizeLine(handler.path)}: ${handler.shape.style}${opens ? ` · opens ${opens}` : ''}`, width)});
  } else if (handler) {
    lines.push({text: truncate(`Handler not read: ${sanitizeLine(handler.unreadable)}`, width), role: 'muted'});
  }
  if (facts.advice) lines.push(...wrapText(facts.advice.why, width).map((text) => ({text, role: 'info' as const})));
  return lines;
}

export function TimeoutsScreen({outcome, facts, width, height, isActive, onOpenEvidence}: StageScreenProps) {
  const timeouts = outcome.facts.timeouts ?? facts.timeouts;
  // The findings list below needs about four rows; the chart has first call on the rest.
  const available = Math.max(0, height - 5);
  const chart = timeouts ? durationChart(timeouts, width, available) : [];
  const shown = timeouts ? [...chart, ...handlerLines(timeouts, width).slice(0, available - chart.length)] : [];
  return (
    <Box flexDirection="column">
      <Lines lines={shown} />
      <Box marginTop={shown.length > 0 ? 1 : 0}>
        <FindingBrowser findings={outcome.findings} width={width} height={height - shown.length - 1} isActive={isActive} onOpenEvidence={onOpenEvidence} />
      </Box>
    </Box>
  );
}
