// The one contract every stage screen implements. Screens are presentational: they get
// the stage's outcome and the walk's facts, and ask for changes through callbacks. Keep
// this stable: other stages' screens are written against it.
import type {Finding, StageId} from '../../checks/findings.js';
import type {StageOutcome, WalkFacts, WalkInput} from '../../checks/stage.js';

export interface StageScreenProps {
  readonly stage: {readonly id: StageId; readonly title: string};
  readonly outcome: StageOutcome;
  /** Facts of every stage that has run (this one included). */
  readonly facts: WalkFacts;
  readonly input: WalkInput;
  /**
   * The screen may listen to keys (ink-select-input's isFocused, useInput's isActive)
   * only while true: false during a call, under the evidence view, or without a TTY.
   * Esc, →, s, r, c, ?, q belong to the walk; Enter and ↑↓ belong to the screen.
   */
  readonly isActive: boolean;
  /** Columns and rows the screen may use; more rows are cut off. */
  readonly width: number;
  readonly height: number;
  /** Runs one of the stage's `actions` (with a spinner); its outcome replaces this one. */
  readonly onAction: (name: string, payload?: unknown) => void;
  /** Re-runs the walk from the endpoint stage with a corrected URL and method. */
  readonly onRetryWithInput: (input: {readonly url: string; readonly method: string}) => void;
  /** Shows a finding's full evidence over the screen (Esc closes it). */
  readonly onOpenEvidence: (finding: Finding) => void;
  /** Steps on to the next stage. */
  readonly onNext: () => void;
  /**
   * A screen that opens a prompt (e.g. the y/N before a write) says so: while true the
   * walk's own keys (Esc, →, q, s, r…) are held back so the prompt owns the keyboard;
   * Ctrl+C still quits.
   */
  readonly onModalChange?: (modal: boolean) => void;
}
