// Every key binding of the walk in one place: keys map to walk events without reading
// state (the reducer ignores what does not apply), and the footer lists the keys that
// do something on the current screen.
import type {Key} from 'ink';
import type {WalkEvent} from '../flow/events.js';
import {awaitsRun, currentStage, screenShowsOutcome, type WalkState} from '../flow/state.js';

export function eventForKey(input: string, key: Key): WalkEvent | undefined {
  // With exitOnCtrlC off, Ctrl+C arrives as "c" with ctrl set: check it before plain "c".
  if (key.ctrl && input === 'c') return {type: 'QUIT', interrupted: true};
  if (key.return) return {type: 'NEXT', viaEnter: true};
  if (key.rightArrow) return {type: 'NEXT'};
  // Escape also sets key.meta, so test it before ignoring modified keys.
  if (key.escape || key.leftArrow) return {type: 'BACK'};
  // ↑/↓ also reach a stage screen's own list; the reducer moves the cursor only on the summary.
  if (key.upArrow) return {type: 'MOVE_CURSOR', delta: -1};
  if (key.downArrow) return {type: 'MOVE_CURSOR', delta: 1};
  if (key.ctrl || key.meta) return undefined;
  switch (input) {
    case 's':
      return {type: 'SKIP'};
    case 'r':
      return {type: 'RETRY'};
    case 'c':
      return {type: 'CANCEL'};
    case '?':
      return {type: 'TOGGLE_HELP'};
    case 'S':
      return {type: 'GO_SUMMARY'};
    // Summary only (the reducer ignores them elsewhere). Not j/k: lists move with those.
    case 'e':
      return {type: 'EXPORT_REPORT', format: 'markdown'};
    case 'E':
      return {type: 'EXPORT_REPORT', format: 'json'};
    case 'R':
      return {type: 'RESTART'};
    case 'q':
      return {type: 'QUIT'};
    default:
      return undefined;
  }
}

export interface KeyHint {
  readonly keys: string;
  readonly label: string;
}

const hint = (keys: string, label: string): KeyHint => ({keys, label});

/** `canExport`: the app was given somewhere to write reports (the CLI always gives it). */
export function keyHints(state: WalkState, {canExport = false}: {readonly canExport?: boolean} = {}): KeyHint[] {
  if (state.ended) return [];
  const quit = hint('q', 'quit');
  if (state.evidence) return [hint('↑↓', 'scroll'), hint('Esc', 'close'), quit];
  if (state.screen.kind === 'summary') {
    const exports = canExport && state.export?.status !== 'writing' ? [hint('e', 'save .md'), hint('E', 'save .json')] : [];
    const back = state.stages.length > 0 ? [hint('R', 're-run'), hint('Esc', 'back')] : [];
    return [hint('↑↓ Enter', 'evidence'), ...exports, ...back, quit];
  }
  const back = state.screen.index > 0 ? [hint('Esc', 'back')] : [];
  const help = hint('?', state.helpOpen ? 'hide help' : 'help');
  if (state.running) {
    return [hint('c', 'cancel'), ...(state.running.kind === 'run' ? [hint('s', 'skip')] : []), ...back, help, quit];
  }
  const entry = currentStage(state)!;
  if (awaitsRun(entry)) {
    const run = entry.skip?.by === 'early-stop' ? hint('→', 'look anyway') : hint('Enter', 'run');
    return [run, hint('s', 'skip'), ...back, help, quit];
  }
  const next = screenShowsOutcome(state) ? [hint('↑↓', 'choose'), hint('Enter', 'open'), hint('→', 'next')] : [hint('Enter', 'next')];
  return [...next, ...back, hint('r', 'retry'), help, quit];
}
