// The body of a stage screen: its title, the `?` help, the call in flight or the last
// action's failure, then the stage's own screen once it has an outcome (or a status text
// until then).
import {Box, Text} from 'ink';
import type {Dispatch} from 'react';
import type {StageDefinition} from '../../checks/stage.js';
import type {WalkEvent} from '../../flow/events.js';
import type {WalkState} from '../../flow/state.js';
import {screenFor, type StageScreens} from '../screens/index.js';
import {helpLines} from './help-lines.js';
import {Lines} from './Lines.js';
import {CallInFlight, StageStatusView} from './StageStatusView.js';

export interface StagePaneProps {
  readonly state: WalkState;
  readonly index: number;
  readonly stage: StageDefinition;
  readonly dispatch: Dispatch<WalkEvent>;
  readonly width: number;
  readonly height: number;
  readonly keysAvailable: boolean;
  readonly onModalChange?: (modal: boolean) => void;
  readonly screens: StageScreens;
}

export function StagePane({state, index, stage, dispatch, width, height, keysAvailable, screens, onModalChange}: StagePaneProps) {
  const entry = state.stages[index]!;
  const running = state.running;
  // Help may take a third of the rows, so the stage's own screen stays in view.
  const help = state.helpOpen ? helpLines(stage.title, stage.explain, width, Math.max(3, Math.floor(height / 3))) : [];
  const notice = running?.kind === 'action' || entry.error ? 2 : 0;
  const screenHeight = height - 2 - (help.length > 0 ? help.length + 1 : 0) - notice;
  const Screen = screenFor(stage.id, screens);
  return (
    <Box flexDirection="column">
      <Text bold wrap="truncate-end">
        {`Stage ${index + 1} of ${state.stages.length} · ${stage.title}`}
      </Text>
      {help.length > 0 ? (
        <Box marginTop={1}>
          <Lines lines={help} />
        </Box>
      ) : null}
      <Box marginTop={1} flexDirection="column">
        {running?.kind === 'action' ? <CallInFlight stage={stage} running={running} /> : null}
        {entry.error && entry.status !== 'failed' ? <Lines lines={[{text: `! That did not work (${entry.error.kind}): ${entry.error.message}`, role: 'warning'}, {text: ''}]} /> : null}
        {running?.kind === 'run' ? (
          <CallInFlight stage={stage} running={running} />
        ) : entry.outcome && (entry.status === 'ok' || entry.status === 'problem') ? (
          <Screen
            stage={stage}
            outcome={entry.outcome}
            facts={state.facts}
            input={state.input}
            isActive={keysAvailable && !running && !state.evidence}
            width={width}
            height={screenHeight}
            onAction={(action, payload) => dispatch({type: 'RUN_ACTION', action, payload})}
            onRetryWithInput={({url, method}) => dispatch({type: 'RETRY_WITH_INPUT', url, method})}
            onOpenEvidence={(finding) => dispatch({type: 'OPEN_EVIDENCE', finding})}
            onNext={() => dispatch({type: 'NEXT'})}
            onModalChange={onModalChange}
          />
        ) : (
          <StageStatusView entry={entry} width={width} height={screenHeight} />
        )}
      </Box>
    </Box>
  );
}
