// Rendering Ink apps in tests at a chosen terminal size, and driving them with keys.
// ink-testing-library fixes columns at 100; the walk must fit 80×24, so this renders into
// fake streams of our own (same shape as that library's) and waits like a user would:
// after a key, until the frame changes (shared/ink-notes.md §2.8).
import {EventEmitter} from 'node:events';
import {render} from 'ink';
import type {ReactElement} from 'react';
import stripAnsi from 'strip-ansi';

export {default as stripAnsi} from 'strip-ansi';

export const ENTER = '\r';
export const ESCAPE = '\u001B';
export const ARROW_UP = '\u001B[A';
export const ARROW_DOWN = '\u001B[B';
export const ARROW_RIGHT = '\u001B[C';
export const ARROW_LEFT = '\u001B[D';
export const CTRL_C = '\u0003';

class FakeStdout extends EventEmitter {
  readonly frames: string[] = [];
  constructor(
    readonly columns: number,
    readonly rows: number,
  ) {
    super();
  }
  write = (frame: string): boolean => {
    this.frames.push(frame);
    return true;
  };
}

class FakeStdin extends EventEmitter {
  readonly isTTY = true;
  private data: string | null = null;
  write = (data: string): void => {
    this.data = data;
    this.emit('readable');
    this.emit('data', data);
  };
  read = (): string | null => {
    const {data} = this;
    this.data = null;
    return data;
  };
  setEncoding(): void {}
  setRawMode(): void {}
  resume(): void {}
  pause(): void {}
  ref(): void {}
  unref(): void {}
}

export interface InkHarness {
  /** Last frame without ANSI codes ('' before the first). */
  readonly lastFrame: () => string;
  /** Last frame as written, with ANSI codes. */
  readonly rawLastFrame: () => string;
  readonly frames: readonly string[];
  readonly stdin: {write(data: string): void};
  readonly unmount: () => void;
  readonly waitUntilExit: () => Promise<unknown>;
}

const mounted = new Set<InkHarness>();

export function renderInk(tree: ReactElement, {columns = 80, rows = 24}: {columns?: number; rows?: number} = {}): InkHarness {
  const stdout = new FakeStdout(columns, rows);
  const stdin = new FakeStdin();
  const instance = render(tree, {
    stdout: stdout as unknown as NodeJS.WriteStream,
    stderr: new FakeStdout(columns, rows) as unknown as NodeJS.WriteStream,
    stdin: stdin as unknown as NodeJS.ReadStream,
    debug: true,
    exitOnCtrlC: false,
    patchConsole: false,
  });
  const harness: InkHarness = {
    lastFrame: () => stripAnsi(stdout.frames.at(-1) ?? ''),
    rawLastFrame: () => stdout.frames.at(-1) ?? '',
    frames: stdout.frames,
    stdin,
    unmount: () => {
      mounted.delete(harness);
      instance.unmount();
    },
    waitUntilExit: () => instance.waitUntilExit(),
  };
  mounted.add(harness);
  return harness;
}

/** Unmounts whatever a test left mounted (call in afterEach). */
export function cleanupInk(): void {
  for (const harness of mounted) harness.unmount();
}

const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * Waits until `predicate` holds for the last frame; fails showing that frame. Returns one
 * macrotask after the match: a frame is drawn on commit, but the input handlers of what it
 * just mounted subscribe in effects that run after it.
 */
export async function waitFor(harness: InkHarness, predicate: (frame: string) => boolean, what: string, timeoutMs = 2000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const frame = harness.lastFrame();
    if (predicate(frame)) {
      await tick();
      return harness.lastFrame();
    }
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}. Last frame:\n${frame}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

export function waitForText(harness: InkHarness, text: string | RegExp, timeoutMs?: number): Promise<string> {
  const matches = (frame: string) => (typeof text === 'string' ? frame.includes(text) : text.test(frame));
  return waitFor(harness, matches, `text ${String(text)}`, timeoutMs);
}

/**
 * Types a key and waits until the frame changes, then one more macrotask so Ink has
 * re-subscribed input handlers whose closures saw the new state.
 */
export async function press(harness: InkHarness, key: string, timeoutMs = 1000): Promise<string> {
  const before = harness.frames.length;
  const previous = harness.lastFrame();
  harness.stdin.write(key);
  return waitFor(harness, (frame) => harness.frames.length > before && frame !== previous, `a new frame after key ${JSON.stringify(key)}`, timeoutMs);
}

/** Types a key that should not change the screen, and gives it time to (not) happen. */
export async function pressNoChange(harness: InkHarness, key: string, waitMs = 30): Promise<string> {
  harness.stdin.write(key);
  await new Promise((resolve) => setTimeout(resolve, waitMs));
  return harness.lastFrame();
}
