// The logs stage: what was searched, then the error groups (count, signature, last seen)
// as a list with the highlighted group's trace below it. Enter opens a group in the walk's
// evidence view — every kept example's whole stack trace and the API Gateway lines of the
// request that carried it, scrollable; Esc comes back. The stage's other findings
// (execution logging off, a missing permission) follow the groups in the same list.
import {Box, Text} from 'ink';
import {useState} from 'react';
import {sortFindings, type Evidence, type Finding} from '../../checks/findings.js';
import {nextWiderWindow, type ErrorGroup, type LogsFacts} from '../../checks/logs/index.js';
import {apiRequestFor} from '../../checks/logs/logs-findings.js';
import {sanitizeLine} from '../../report/sanitize.js';
import {findingHeadline, findingSummaryLines} from '../components/finding-lines.js';
import {Lines, type Line} from '../components/Lines.js';
import {ThemedSelect} from '../components/ThemedSelect.js';
import {truncate} from '../text.js';
import type {StageScreenProps} from './types.js';

type Choice = {readonly kind: 'group'; readonly index: number} | {readonly kind: 'finding'; readonly index: number} | {readonly kind: 'widen'; readonly sinceMs: number};

const errorFindingIds = new Set(['lambda-error', 'lambda-init-error', 'lambda-out-of-memory']);
const categoryLabel = {error: 'exception', init: 'init error', oom: 'out of memory'} as const;
const listRowsMax = 8;

const clock = (ms: number): string => new Date(ms).toISOString().slice(11, 19);
const span = (ms: number): string => (ms % 86_400_000 === 0 ? `${ms / 86_400_000}d` : ms % 3_600_000 === 0 ? `${ms / 3_600_000}h` : `${Math.round(ms / 60_000)}m`);

export function groupRow(group: ErrorGroup): string {
  // Count and time first: a long signature is what gets cut at the terminal's edge.
  return `${String(group.count).padStart(4)}× ${clock(group.lastSeen)}  ${group.signature}`;
}

/** One error group as a Finding, so the walk's evidence view can show and scroll it. */
export function groupFinding(group: ErrorGroup, logs: LogsFacts): Finding {
  const evidence: Evidence[] = group.examples.flatMap((example) => {
    const carried = apiRequestFor(example.requestId, logs.executionLog);
    const trace: Evidence = {
      kind: 'log',
      label: `${new Date(example.timestamp).toISOString()} · ${example.requestId ? `Lambda request ${example.requestId}` : 'during init'} · ${example.logStreamName}`,
      text: example.stack.length > 1 ? example.stack.join('\n') : example.text,
    };
    if (!carried) return [trace];
    const label = `API Gateway request ${carried.apiRequestId}${carried.fromProbe ? " (this run's probe)" : ''}`;
    return [trace, {kind: 'log', label, text: carried.lines.length > 0 ? carried.lines.join('\n') : '(lines not fetched)'}];
  });
  return {
    id: 'lambda-error-group',
    stage: 'logs',
    severity: 'error',
    title: `${group.count}× ${group.signature}`,
    detail: `${categoryLabel[group.category]} · first ${new Date(group.firstSeen).toISOString()} · last ${new Date(group.lastSeen).toISOString()} · newest requests: ${group.requestIds.join(', ') || '(none: init)'}`,
    evidence,
  };
}

/** What was searched, in two or three lines. */
export function searchedLines(logs: LogsFacts | undefined, width: number): Line[] {
  if (!logs) return [];
  const lines: Line[] = [];
  const fn = logs.function ?? logs.target;
  if (logs.lambdaLogGroup) {
    const how = logs.lambdaLog ? `${logs.lambdaLog.method === 'insights' ? 'Logs Insights' : 'FilterLogEvents'}, ${logs.lambdaLog.eventsScanned} lines${logs.lambdaLog.complete ? '' : ' (partial)'}` : 'not searched';
    lines.push({text: truncate(`ƒ ${fn?.functionName ?? ''}${logs.target?.qualifier ? `:${logs.target.qualifier}` : ''} · ${logs.lambdaLogGroup} · last ${span(logs.window.endTime - logs.window.startTime)} · ${how}`, width), role: 'muted'});
  }
  if (logs.executionLogging) {
    const on = logs.executionLogging.level !== 'OFF' && logs.executionLogging.cloudwatchRoleArn;
    lines.push({text: truncate(`API Gateway execution log: ${on ? `${logs.executionLogging.level} · ${logs.executionLogging.logGroupName}` : 'off'}`, width), role: on ? 'muted' : 'warning'});
  }
  for (const note of logs.lambdaLog?.notes ?? []) lines.push({text: truncate(`ℹ ${sanitizeLine(note)}`, width), role: 'info'});
  return lines;
}

function previewLines(group: ErrorGroup | undefined, width: number, rows: number): Line[] {
  if (!group || rows <= 0) return [];
  const example = group.examples[0];
  const body = (example?.stack.length ? example.stack : (example?.text.split('\n') ?? [])).map((text) => ({text: truncate(text, width)}));
  const head: Line = {text: truncate(`${categoryLabel[group.category]} · first ${clock(group.firstSeen)} · ${group.requestIds[0] ? `request ${group.requestIds[0]}` : 'during init'}`, width), role: 'muted'};
  const lines = [head, ...body];
  if (lines.length <= rows) return lines;
  return [...lines.slice(0, Math.max(0, rows - 1)), {text: `… ${lines.length - rows + 1} more lines · Enter opens the whole trace`, role: 'muted'}];
}

export function LogsScreen({outcome, facts, width, height, isActive, onOpenEvidence, onAction}: StageScreenProps) {
  const logs = outcome.facts.logs ?? facts.logs;
  const groups = logs?.lambdaLog?.summary.errorGroups ?? [];
  const others = sortFindings(outcome.findings.filter((finding) => !errorFindingIds.has(finding.id)));
  const [highlighted, setHighlighted] = useState<Choice | undefined>(undefined);
  const header = searchedLines(logs, width);
  const wider = logs?.lambdaLogGroup ? nextWiderWindow(logs.window.endTime - logs.window.startTime) : undefined;
  const items = [
    ...groups.map((group, index) => ({key: `group-${index}`, label: groupRow(group), value: {kind: 'group', index} as Choice})),
    ...others.map((finding, index) => ({key: `finding-${index}`, label: findingHeadline(finding), value: {kind: 'finding', index} as Choice})),
    ...(wider === undefined ? [] : [{key: 'widen', label: `↻ Search a wider window: the last ${span(wider)}`, value: {kind: 'widen', sinceMs: wider} as Choice}]),
  ];
  const listRows = Math.min(items.length, listRowsMax, Math.max(1, height - header.length - 3));
  const current = highlighted ?? items[0]?.value;
  const previewRows = height - header.length - listRows - 2;
  return (
    <Box flexDirection="column">
      <Lines lines={header} />
      <Box marginTop={1} flexDirection="column">
        {items.length === 0 ? (
          <Text>No findings.</Text>
        ) : (
          <ThemedSelect
            items={items}
            width={width}
            limit={listRows}
            isActive={isActive}
            onHighlight={setHighlighted}
            onSelect={(choice) => {
              const group = choice.kind === 'group' ? groups[choice.index] : undefined;
              if (group && logs) onOpenEvidence(groupFinding(group, logs));
              else if (choice.kind === 'finding') onOpenEvidence(others[choice.index]!);
              else if (choice.kind === 'widen') onAction('widen-window', {sinceMs: choice.sinceMs});
            }}
          />
        )}
      </Box>
      {current && current.kind !== 'widen' && previewRows > 0 ? (
        <Box marginTop={1}>
          <Lines lines={current.kind === 'group' ? previewLines(groups[current.index], width, previewRows) : findingSummaryLines(others[current.index]!, width, previewRows)} />
        </Box>
      ) : null}
    </Box>
  );
}
