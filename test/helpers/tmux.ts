// Drives the built command in a real terminal: a detached tmux session of a fixed size,
// keys sent one at a time, the screen read back with capture-pane. Each session gets its
// own socket (-L) so parallel test files never share a tmux server.
import {execFileSync, spawnSync} from 'node:child_process';
import {randomUUID} from 'node:crypto';
import {fileURLToPath} from 'node:url';

export const binPath = fileURLToPath(new URL('../../bin/apigw-doctor.js', import.meta.url));

export function tmuxAvailable(): boolean {
  return spawnSync('tmux', ['-V']).status === 0;
}

export interface TmuxSession {
  /** The visible screen, one string, trailing blank lines trimmed. */
  screen(): string;
  /** Sends tmux key names (Enter, Escape, Down, q, …) one at a time with a short pause. */
  press(...keys: string[]): Promise<void>;
  waitFor(text: string | RegExp, timeoutMs?: number): Promise<string>;
  /** Resolves with the command's exit status once it has finished (the pane stays open). */
  waitForExit(timeoutMs?: number): Promise<number>;
  kill(): void;
}

const exitMarker = '[apigw-doctor exited with status ';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function startTmux(args: readonly string[], options: {width?: number; height?: number; env?: Record<string, string>; cwd?: string} = {}): TmuxSession {
  const socket = `apigw-doctor-test-${randomUUID().slice(0, 8)}`;
  const name = 'walk';
  const tmux = (...tmuxArgs: string[]) => execFileSync('tmux', ['-L', socket, ...tmuxArgs], {encoding: 'utf8'});
  const env = {CI: 'false', TERM: 'xterm-256color', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', ...options.env};
  const envPrefix = Object.entries(env).map(([key, value]) => `${key}=${JSON.stringify(value)}`);
  // `remain-on-exit` keeps the final screen and lets us read the exit status.
  // The shell prints the exit status after the command: tmux 3.3's #{pane_dead_status} is
  // empty for a pane kept by remain-on-exit, so we read the status off the screen instead.
  const command = `env ${envPrefix.join(' ')} node ${JSON.stringify(binPath)} ${args.map((arg) => JSON.stringify(arg)).join(' ')}; echo "${exitMarker}$?"`;
  const cwd = options.cwd ? ['-c', options.cwd] : [];
  tmux('new-session', '-d', '-s', name, ...cwd, '-x', String(options.width ?? 100), '-y', String(options.height ?? 30), command);
  tmux('set-option', '-t', name, 'remain-on-exit', 'on');

  const screen = () => tmux('capture-pane', '-p', '-t', name).replace(/\s+$/, '');
  return {
    screen,
    async press(...keys) {
      for (const key of keys) {
        tmux('send-keys', '-t', name, key);
        await sleep(150);
      }
    },
    async waitFor(text, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      let last = '';
      while (Date.now() < deadline) {
        last = screen();
        if (typeof text === 'string' ? last.includes(text) : text.test(last)) return last;
        await sleep(100);
      }
      throw new Error(`Timed out waiting for ${String(text)}. Screen was:\n${last}`);
    },
    async waitForExit(timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        const status = new RegExp(`${exitMarker.replace(/[[\]]/g, '\\$&')}(\\d+)`).exec(screen())?.[1];
        if (status !== undefined) return Number(status);
        await sleep(100);
      }
      throw new Error(`The command did not exit. Screen was:\n${screen()}`);
    },
    kill() {
      spawnSync('tmux', ['-L', socket, 'kill-server']);
    },
  };
}
