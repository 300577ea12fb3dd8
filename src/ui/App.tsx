// The interactive walk: header, stepper, the current screen, and the keys that work now.
// State lives in the flow reducer; effects (stage calls, exit) live in hooks; screens only
// render and dispatch.
import {Box, type RenderOptions} from 'ink';
import {useCallback, useEffect, useMemo, useReducer, useRef} from 'react';
import type {StageDefinition, WalkInput} from '../checks/stage.js';
import {walkReducer} from '../flow/reducer.js';
import {allFindings, unfinishedStages} from '../flow/result.js';
import {initialWalkState} from '../flow/state.js';
import {EvidenceView} from './components/EvidenceView.js';
import {Footer} from './components/Footer.js';
import {Header, type HeaderInfo} from './components/Header.js';
import {StagePane} from './components/StagePane.js';
import {Stepper} from './components/Stepper.js';
import {useExitWithResult} from './hooks/useExitWithResult.js';
import {useReportExport, type ReportExporter} from './hooks/useReportExport.js';
import {useStageRunner, type MakeContext} from './hooks/useStageRunner.js';
import {useTerminalSize} from './hooks/useTerminalSize.js';
import {useKeysAvailable, useWalkKeys} from './hooks/useWalkKeys.js';
import {keyHints} from './keys.js';
import {stageScreens, type StageScreens} from './screens/index.js';
import {SummaryScreen} from './screens/SummaryScreen.js';
import {ThemeProvider, themeFromEnv} from './theme.js';

export type {WalkResult} from '../flow/result.js';
export type {MakeContext} from './hooks/useStageRunner.js';
export type {HeaderInfo} from './components/Header.js';
export type {ReportExporter} from './hooks/useReportExport.js';

/** Ink must not swallow Ctrl+C: the App handles it and exits with a result. */
export const appRenderOptions = {exitOnCtrlC: false} as const satisfies RenderOptions;

export interface AppProps {
  readonly stages: readonly StageDefinition[];
  readonly input: WalkInput;
  readonly makeContext: MakeContext;
  readonly header: HeaderInfo;
  /** `?` help open from the start (the demo does this). */
  readonly helpOpenByDefault?: boolean;
  /** Run the first stage at once (default); otherwise it waits for Enter. */
  readonly autoStart?: boolean;
  /** Which screen shows which stage; stages without one get the generic findings screen. */
  readonly screens?: StageScreens;
  /** Writes the summary's exports (e/E); without it the summary offers none. */
  readonly exportReport?: ReportExporter;
}

// Header (2) + stepper (1) + gap (1) + footer (1), and one spare row: a frame as tall as
// the terminal makes Ink clear the whole screen on every redraw.
const chromeRows = 6;

export function App({stages, input, makeContext, header, helpOpenByDefault = false, autoStart = true, screens = stageScreens, exportReport}: AppProps) {
  const [state, dispatch] = useReducer(walkReducer, undefined, () =>
    initialWalkState(
      stages.map((stage) => stage.id),
      input,
      {helpOpen: helpOpenByDefault, facts: header.account ? {account: header.account} : {}},
    ),
  );
  useStageRunner(state, dispatch, {stages, makeContext});
  // A screen's open prompt (SimulateScreen's y/N) holds the walk's keys back.
  const modal = useRef(false);
  const setModal = useCallback((isModal: boolean) => {
    modal.current = isModal;
  }, []);
  useWalkKeys(dispatch, modal);
  useExitWithResult(state);
  useReportExport(state, dispatch, exportReport);
  useEffect(() => {
    if (autoStart) dispatch({type: 'START_STAGE'});
  }, [autoStart]);
  const theme = useMemo(() => themeFromEnv(process.env), []);
  const keysAvailable = useKeysAvailable();
  const {columns, rows} = useTerminalSize();
  const bodyHeight = Math.max(4, rows - chromeRows);
  const titles = stages.map((stage) => stage.title);
  // The CLI may pass a display form of the URL; once the user picked a correction, show that.
  const shownUrl = state.input.url === input.url ? header.url : state.input.url;
  const index = state.screen.kind === 'stage' ? state.screen.index : undefined;
  const stage = index === undefined ? undefined : stages[index];

  return (
    <ThemeProvider value={theme}>
      <Box flexDirection="column" width={columns}>
        <Header info={{...header, url: shownUrl, account: header.account ?? state.facts.account}} method={state.input.method} />
        <Stepper state={state} titles={titles} width={columns} />
        {/* flexShrink 0 inside: Yoga would otherwise squeeze boxes that do not fit and their
            lines would overprint each other; this way what does not fit is cut at the bottom. */}
        <Box marginTop={1} height={bodyHeight} flexDirection="column" overflowY="hidden">
          <Box flexDirection="column" flexShrink={0}>
            {state.evidence ? (
              <EvidenceView finding={state.evidence} width={columns} height={bodyHeight} />
            ) : index !== undefined && stage ? (
              <StagePane state={state} index={index} stage={stage} dispatch={dispatch} width={columns} height={bodyHeight} keysAvailable={keysAvailable} screens={screens} onModalChange={setModal} />
            ) : (
              <SummaryScreen
                findings={allFindings(state)}
                cursor={state.summaryCursor}
                stageTitles={Object.fromEntries(stages.map((definition) => [definition.id, definition.title]))}
                stoppedEarly={state.stoppedEarly}
                unchecked={unfinishedStages(state).map((entry) => entry.id)}
                exported={state.export}
                width={columns}
                height={bodyHeight}
              />
            )}
          </Box>
        </Box>
        <Footer hints={keyHints(state, {canExport: exportReport !== undefined})} />
      </Box>
    </ThemeProvider>
  );
}
