// One line: every stage with its state symbol, the current one in brackets.
import {Text} from 'ink';
import Spinner from 'ink-spinner';
import {Fragment} from 'react';
import type {StageStatus, WalkState} from '../../flow/state.js';
import {truncate} from '../text.js';
import {statusRole, statusSymbol, useTheme} from '../theme.js';

export interface StepperProps {
  readonly state: WalkState;
  readonly titles: readonly string[];
  readonly width: number;
}

export function Stepper({state, titles, width}: StepperProps) {
  const theme = useTheme();
  const busy = state.running?.stage;
  const isCurrent = (index: number) => state.screen.kind === 'stage' && state.screen.index === index;
  // Each stage takes "✔ Title  ", the current one two brackets more, the summary at most
  // "[» Summary]": when the titles do not fit, each is cut to an equal share.
  const room = width - state.stages.length * 4 - 2 - 11;
  const fits = titles.reduce((sum, title) => sum + title.length, 0) <= room;
  const share = Math.max(1, Math.floor(room / Math.max(1, state.stages.length)));
  const steps = state.stages.map((stage, index) => ({
    key: stage.id,
    status: busy === index ? ('running' as const) : stage.status,
    title: fits ? (titles[index] ?? stage.id) : truncate(titles[index] ?? stage.id, share),
    current: isCurrent(index),
  }));
  const onSummary = state.screen.kind === 'summary';
  return (
    <Text wrap="truncate-end">
      {steps.map((step) => (
        <Fragment key={step.key}>
          {step.current ? '[' : ''}
          <StatusMark status={step.status} />
          <Text bold={step.current} color={step.status === 'running' ? undefined : theme.color(statusRole[step.status])}>
            {` ${step.title}`}
          </Text>
          {step.current ? ']' : ''}
          {'  '}
        </Fragment>
      ))}
      <Text bold={onSummary}>{onSummary ? '[» Summary]' : '» Summary'}</Text>
    </Text>
  );
}

function StatusMark({status}: {readonly status: StageStatus}) {
  const theme = useTheme();
  if (status === 'running') return <Spinner type="dots" />;
  return <Text color={theme.color(statusRole[status])}>{statusSymbol[status]}</Text>;
}
