// The walk's state: which stages exist, what each one found, which screen is shown and
// which call is in flight. Plain data only, so the reducer can be tested without Ink or AWS.
import type {Finding, StageId} from '../checks/findings.js';
import type {StageOutcome, WalkFacts, WalkInput} from '../checks/stage.js';
import type {ReportFormat} from '../report/json.js';

export type StageStatus = 'pending' | 'running' | 'ok' | 'problem' | 'skipped' | 'failed';

export interface StageError {
  readonly message: string;
  /** AwsError kind when the failure came from AWS ("AccessDenied", "Network", …), else "Unexpected". */
  readonly kind: string;
  /**
   * For a failed stage run: the `check-failed` finding the --json run reports for the same
   * error (src/checks/walk.ts stageFailureFinding), so the summary and reports agree.
   */
  readonly finding?: Finding;
}

/** Why a stage shows as skipped; the early stop is the one the user may override with →. */
export type SkipCause =
  | {readonly by: 'user'}
  | {readonly by: 'early-stop'; readonly reason: string}
  | {readonly by: 'stage'; readonly reason: string};

export interface StageEntry {
  readonly id: StageId;
  readonly status: StageStatus;
  readonly outcome?: StageOutcome;
  /** A failed run (status 'failed') or a failed action (status unchanged). */
  readonly error?: StageError;
  readonly skip?: SkipCause;
  /** Set when the user cancelled the last run; cleared when it starts again. */
  readonly cancelled?: boolean;
}

/** A report export from the summary: in progress, saved (where), or failed (why). */
export type ReportExport =
  | {readonly status: 'writing'; readonly format: ReportFormat; readonly id: number}
  | {readonly status: 'saved'; readonly format: ReportFormat; readonly id: number; readonly path: string}
  | {readonly status: 'failed'; readonly format: ReportFormat; readonly id: number; readonly message: string};

export type Screen = {readonly kind: 'stage'; readonly index: number} | {readonly kind: 'summary'};

export interface RunningCall {
  /** Index into `stages`. */
  readonly stage: number;
  readonly kind: 'run' | 'action';
  readonly action?: string;
  readonly payload?: unknown;
  /** Results carrying another callId are stale (cancelled or superseded) and ignored. */
  readonly callId: number;
}

export interface WalkState {
  readonly stages: ReadonlyArray<StageEntry>;
  readonly screen: Screen;
  readonly input: WalkInput;
  /** Facts given at start (e.g. the account) merged with every outcome's facts, in stage order. */
  readonly facts: WalkFacts;
  readonly baseFacts: WalkFacts;
  readonly helpOpen: boolean;
  readonly stoppedEarly?: {readonly afterStage: StageId; readonly reason: string};
  readonly running?: RunningCall;
  readonly nextCallId: number;
  /** The finding whose full evidence is shown over the current screen. */
  readonly evidence?: Finding;
  /** Index of the highlighted finding on the summary (worst first, as it lists them). */
  readonly summaryCursor: number;
  /** The last report export started from the summary. */
  readonly export?: ReportExport;
  /** Set by QUIT: the app exits with the walk's result. */
  readonly ended: boolean;
  /** The QUIT came from Ctrl+C. */
  readonly interrupted?: boolean;
}

export interface WalkOptions {
  readonly helpOpen?: boolean;
  readonly facts?: WalkFacts;
}

export function initialWalkState(stageIds: readonly StageId[], input: WalkInput, options: WalkOptions = {}): WalkState {
  const baseFacts = options.facts ?? {};
  return {
    stages: stageIds.map((id) => ({id, status: 'pending'})),
    screen: stageIds.length > 0 ? {kind: 'stage', index: 0} : {kind: 'summary'},
    input,
    facts: baseFacts,
    baseFacts,
    helpOpen: options.helpOpen ?? false,
    nextCallId: 1,
    summaryCursor: 0,
    ended: false,
  };
}

/** The facts a stage may rely on: the base facts plus those of the stages before it. */
export function factsBefore(state: WalkState, index: number): WalkFacts {
  return mergeFacts(state.baseFacts, state.stages.slice(0, index));
}

export function mergeFacts(base: WalkFacts, stages: ReadonlyArray<StageEntry>): WalkFacts {
  return stages.reduce<WalkFacts>((facts, stage) => (stage.outcome ? {...facts, ...stage.outcome.facts} : facts), base);
}

export function currentStageIndex(state: WalkState): number | undefined {
  return state.screen.kind === 'stage' ? state.screen.index : undefined;
}

export function currentStage(state: WalkState): StageEntry | undefined {
  const index = currentStageIndex(state);
  return index === undefined ? undefined : state.stages[index];
}

/** A stage that has not produced a result the user can look at yet (so → runs it). */
export function awaitsRun(entry: StageEntry): boolean {
  return entry.status === 'pending' || (entry.status === 'skipped' && entry.skip?.by === 'early-stop');
}

/** The current stage screen shows an outcome, so Enter belongs to that screen's lists. */
export function screenShowsOutcome(state: WalkState): boolean {
  if (state.evidence) return true;
  if (state.screen.kind === 'summary') return true;
  const entry = currentStage(state);
  return entry !== undefined && (entry.status === 'ok' || entry.status === 'problem');
}
