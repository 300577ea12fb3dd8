// Ctrl-C while a call is on the wire, in a real terminal: the built command runs from an
// interactive shell inside tmux (so the shell is still there afterwards to show the state the
// terminal was left in), against a sandbox whose GetRestApi answers only after 30 s. And the
// same interrupt (SIGINT) to a --json run without a terminal.
import {execFileSync, spawn, spawnSync} from 'node:child_process';
import {randomUUID} from 'node:crypto';
import {afterEach, describe, expect, it} from 'vitest';
import {loadScenario} from '../../src/sandbox/scenarios/index.js';
import {startSandbox, type RunningSandbox} from '../../src/sandbox/server.js';
import {binPath, tmuxAvailable} from '../helpers/tmux.js';
import {builtCommandExists, commandEnv, markerCredentials} from './fixtures/built-command.js';

const canRun = builtCommandExists && tmuxAvailable();
const slowGetRestApi = [{action: 'apigateway:GetRestApi', kind: 'latency' as const, latencyMs: 30_000}];
if (!canRun && process.env.APIGW_DOCTOR_UNDER_CI) throw new Error(`the Ctrl-C test needs tmux and a build (tmux: ${tmuxAvailable()}, built: ${builtCommandExists})`);

/** Prints "icanon echo" for a cooked terminal, "-icanon -echo" for one left raw. */
const showModes = "stty -a | grep -o -- ' -\\?icanon\\| -\\?echo ' | tr -d ' ' | tr '\\n' ' '; echo";
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** A tmux session running a plain interactive shell, typed into like a person would. */
function shellSession(cwd: string) {
  const socket = `apigw-doctor-ctrlc-${randomUUID().slice(0, 8)}`;
  const tmux = (...args: string[]) => execFileSync('tmux', ['-L', socket, ...args], {encoding: 'utf8'});
  tmux('new-session', '-d', '-s', 'sh', '-c', cwd, '-x', '100', '-y', '30', 'env -i PATH="$PATH" TERM=xterm-256color PS1="$ " bash --norc --noprofile -i');
  cleanups.push(() => spawnSync('tmux', ['-L', socket, 'kill-server']));
  const screen = () => tmux('capture-pane', '-p', '-t', 'sh').replace(/\s+$/, '');
  return {
    screen,
    type: (text: string) => tmux('send-keys', '-t', 'sh', '-l', text),
    key: (name: string) => tmux('send-keys', '-t', 'sh', name),
    /** Whether the terminal's cursor is visible (Ink hides it while drawing). */
    cursorVisible: () => tmux('display-message', '-p', '-t', 'sh', '#{cursor_flag}').trim() === '1',
    async waitFor(pattern: RegExp, timeoutMs = 15_000): Promise<string> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const text = screen();
        if (pattern.test(text)) return text;
        if (Date.now() > deadline) throw new Error(`Timed out waiting for ${pattern}. Screen was:\n${text}`);
        await sleep(100);
      }
    },
  };
}

describe.skipIf(!canRun)('Ctrl-C during a call', () => {
  it('exits at once with status 0, restores the terminal (cooked mode, echo, cursor) and prints no stack', async () => {
    const scenario = loadScenario('healthy');
    const sandbox: RunningSandbox = await startSandbox({scenario, faults: slowGetRestApi});
    cleanups.push(() => sandbox.stop());
    const env = commandEnv(sandbox.endpoint, scenario.region);
    const shell = shellSession(env.HOME!);
    await shell.waitFor(/\$$/);

    const assignments = Object.entries({...env, CI: 'false'}).map(([key, value]) => `${key}='${value}'`);
    shell.type(`${showModes}; env ${assignments.join(' ')} node '${binPath}' '${scenario.demo.url}'; echo "[exit $?]"`);
    shell.key('Enter');
    const modes = /^(-?icanon) (-?echo) *$/m;
    expect((await shell.waitFor(modes)).match(modes)?.slice(1)).toEqual(['icanon', 'echo']);

    await shell.waitFor(/Asking API Gateway what is deployed at this URL/);
    const pressedAt = Date.now();
    shell.key('C-c');
    const afterExit = await shell.waitFor(/\[exit \d+\]/, 10_000);
    // Long before the 30 s call would have answered: the call was abandoned, not awaited.
    expect(Date.now() - pressedAt).toBeLessThan(8_000);
    // Interrupted, as any command stopped by Ctrl-C reports it (q would exit 0).
    expect(afterExit).toMatch(/\[exit 130\]/);
    expect(afterExit).not.toMatch(/\n\s+at |Error:|node:internal|unhandled/i);
    for (const marker of Object.values(markerCredentials)) expect(afterExit).not.toContain(marker);

    // The terminal is usable: what is typed is echoed and a line is read on Enter.
    shell.type(`${showModes}; echo o""k`);
    shell.key('Enter');
    const final = await shell.waitFor(/^ok$/m);
    expect(final.slice(final.lastIndexOf('[exit')).match(modes)?.slice(1)).toEqual(['icanon', 'echo']);
    expect(shell.cursorVisible()).toBe(true);
  }, 60_000);
});

describe.skipIf(!builtCommandExists)('SIGINT during a --json run', () => {
  it('aborts the call in flight: exit 130, "cancelled." on stderr, nothing on stdout', async () => {
    const scenario = loadScenario('healthy');
    const sandbox = await startSandbox({scenario, faults: slowGetRestApi});
    cleanups.push(() => sandbox.stop());
    const child = spawn(process.execPath, [binPath, scenario.demo.url, '--json'], {env: commandEnv(sandbox.endpoint, scenario.region), stdio: ['ignore', 'pipe', 'pipe']});
    cleanups.push(() => child.kill('SIGKILL'));
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    // Interrupt once the slow call is on the wire.
    while (!sandbox.calls.some((call) => call.action === 'apigateway:GetRestApi')) await sleep(20);
    const interruptedAt = Date.now();
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(Date.now() - interruptedAt).toBeLessThan(8_000);
    expect(stdout).toBe('');
    expect(stderr).toBe('apigw-doctor: cancelled.\n');
  }, 30_000);
});
