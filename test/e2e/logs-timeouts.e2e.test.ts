// The built command in a real 80×24 terminal (tmux): the logs and timeouts stages on the
// demo sandbox's lambda-error, lambda-timeout and logging-off scenarios. Needs a build.
import {existsSync} from 'node:fs';
import {afterEach, describe, expect, it} from 'vitest';
import {binPath, startTmux, tmuxAvailable, type TmuxSession} from '../helpers/tmux.js';

const built = existsSync(new URL('../../dist/cli.js', import.meta.url));
const canRun = tmuxAvailable() && built;
if (!canRun && process.env.APIGW_DOCTOR_UNDER_CI) throw new Error(`e2e needs tmux and a build (tmux: ${tmuxAvailable()}, ${binPath} built: ${built})`);

/**
 * Steps on with → until the given stage is on screen. A key sent while a stage is still
 * running is ignored by the walk, so → is repeated until the next stage shows.
 */
async function walkTo(session: TmuxSession, stageNumber: number): Promise<string> {
  let screen = await session.waitFor('Stage 1 of 5');
  for (let stage = 2; stage <= stageNumber; stage += 1) {
    for (let attempt = 1; ; attempt += 1) {
      await session.press('Right');
      try {
        screen = await session.waitFor(`Stage ${stage} of 5`, 3_000);
        break;
      } catch (error) {
        if (attempt === 5) throw error;
      }
    }
  }
  return screen;
}

const fitsTerminal = (screen: string) => {
  for (const line of screen.split('\n')) expect([...line].length).toBeLessThanOrEqual(80);
};

describe.skipIf(!canRun)('apigw-doctor --demo in a terminal: logs and timeouts stages', {timeout: 60_000}, () => {
  let session: TmuxSession | undefined;
  afterEach(() => session?.kill());

  it('lambda-error: the error group, Enter opens the whole trace with the API Gateway lines, PgDn scrolls, Esc returns', async () => {
    session = startTmux(['--demo', 'lambda-error'], {width: 80, height: 24});
    await walkTo(session, 4);
    const list = await session.waitFor(/5× \d\d:\d\d:\d\d {2}TypeError: Cannot read properties of undefined/);
    fitsTerminal(list);
    await session.press('Enter');
    const trace = await session.waitFor(/lines 1–\d+ of \d+/);
    expect(trace).toContain("TypeError: Cannot read properties of undefined (reading 'id')");
    expect(trace).toContain('at getNote (file:///var/task/index.mjs:');
    expect(trace).toMatch(/API Gateway request [0-9a-f-]{36}/);
    fitsTerminal(trace);
    await session.press('PageDown');
    await session.waitFor(/lines (?!1–)\d+–\d+ of \d+/);
    await session.press('Escape');
    await session.waitFor('Stage 4 of 5 · Logs');
  });

  it('lambda-timeout: durations against the limits and the callback + pg diagnosis', async () => {
    session = startTmux(['--demo', 'lambda-timeout'], {width: 80, height: 24});
    await walkTo(session, 5);
    const withHelp = await session.waitFor('API GW 504');
    // --demo opens the help; the limits and the maximum stay in view beside it.
    expect(withHelp).toMatch(/max +█+ +6\.0\d s/);
    await session.press('?');
    const screen = await session.waitFor('Handler index.mjs');
    expect(screen).toMatch(/p95 +█+ +6\.0\d s/);
    expect(screen).toMatch(/Timeout +█+ +6 s/);
    expect(screen).toContain('Handler index.mjs: callback · opens PostgreSQL (pg) per invocation');
    fitsTerminal(screen);
  });

  it('logging-off: execution logging is off, with the steps behind Enter', async () => {
    session = startTmux(['--demo', 'logging-off'], {width: 80, height: 24});
    await walkTo(session, 4);
    await session.waitFor('⚠ API Gateway execution logging is off');
    await session.press('Enter');
    await session.waitFor('Account cloudwatchRoleArn');
    await session.press('PageDown');
    const steps = await session.waitFor('update-account');
    expect(steps).toMatch(/aws apigateway\s+update-account/);
  });
});
