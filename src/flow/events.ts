// Everything that can happen to the walk: keys (NEXT, BACK, …), screens (RETRY_WITH_INPUT,
// RUN_ACTION, OPEN_EVIDENCE) and the effect hook reporting results (…_SUCCEEDED/_FAILED).
import type {Finding} from '../checks/findings.js';
import type {StageOutcome} from '../checks/stage.js';
import type {ReportFormat} from '../report/json.js';
import type {StageError} from './state.js';

export type WalkEvent =
  | {readonly type: 'START_STAGE'}
  | {readonly type: 'STAGE_SUCCEEDED'; readonly callId: number; readonly outcome: StageOutcome}
  | {readonly type: 'STAGE_FAILED'; readonly callId: number; readonly error: StageError}
  | {readonly type: 'CANCEL'}
  /** `viaEnter`: Enter means "next" only where the screen has no list of its own to open. */
  | {readonly type: 'NEXT'; readonly viaEnter?: boolean}
  | {readonly type: 'BACK'}
  | {readonly type: 'SKIP'}
  | {readonly type: 'RETRY'}
  | {readonly type: 'RETRY_WITH_INPUT'; readonly url: string; readonly method: string}
  | {readonly type: 'RUN_ACTION'; readonly action: string; readonly payload?: unknown}
  | {readonly type: 'ACTION_SUCCEEDED'; readonly callId: number; readonly outcome: StageOutcome}
  | {readonly type: 'ACTION_FAILED'; readonly callId: number; readonly error: StageError}
  | {readonly type: 'OPEN_EVIDENCE'; readonly finding: Finding}
  | {readonly type: 'TOGGLE_HELP'}
  | {readonly type: 'GO_SUMMARY'}
  /** ↑/↓ on the summary: moves the highlighted finding (Enter opens its evidence). */
  | {readonly type: 'MOVE_CURSOR'; readonly delta: number}
  /** The summary's re-run key: the whole walk again from the first stage, same input. */
  | {readonly type: 'RESTART'}
  /** The summary's export keys; the export hook writes the file and reports back. */
  | {readonly type: 'EXPORT_REPORT'; readonly format: ReportFormat}
  | {readonly type: 'EXPORT_SUCCEEDED'; readonly exportId: number; readonly path: string}
  | {readonly type: 'EXPORT_FAILED'; readonly exportId: number; readonly message: string}
  /** `interrupted`: Ctrl+C rather than q — the CLI exits 130, as an interrupted command does. */
  | {readonly type: 'QUIT'; readonly interrupted?: boolean};

export type WalkEventType = WalkEvent['type'];
