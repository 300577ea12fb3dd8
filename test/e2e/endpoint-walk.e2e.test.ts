// The built command in a real terminal (tmux), as a user drives it: the endpoint stage on
// the demo sandbox's scenarios. Needs `npm run build` first (npm test does it).
import {existsSync} from 'node:fs';
import {afterEach, describe, expect, it} from 'vitest';
import {binPath, startTmux, tmuxAvailable, type TmuxSession} from '../helpers/tmux.js';

const built = existsSync(new URL('../../dist/cli.js', import.meta.url));
const canRun = tmuxAvailable() && built;
if (!canRun && process.env.APIGW_DOCTOR_UNDER_CI) throw new Error(`e2e needs tmux and a build (tmux: ${tmuxAvailable()}, ${binPath} built: ${built})`);

describe.skipIf(!canRun)('apigw-doctor --demo in a terminal: endpoint stage', () => {
  let session: TmuxSession | undefined;
  afterEach(() => session?.kill());

  it('healthy: every endpoint check passes, and → walks on to the identity stage', async () => {
    session = startTmux(['--demo', 'healthy']);
    const screen = await session.waitFor('Stage prod');
    expect(screen).toContain('✔ API');
    expect(screen).toContain('✔ Route GET /notes/{id}');
    expect(screen).toMatch(/\[✔ Endpoint\]/);
    await session.press('Right');
    await session.waitFor('Stage 2 of 5');
  });

  it('wrong-stage: names the stage that does not exist, and picking "prod" re-runs the stage clean', async () => {
    session = startTmux(['--demo', 'wrong-stage']);
    const screen = await session.waitFor('does not exist');
    expect(screen).toContain('Stage "prd" does not exist');
    expect(screen).toContain('Try instead: Stage prod');
    await session.press('Enter');
    const fixed = await session.waitFor(/✔ Stage\s+prod/);
    expect(fixed).toContain('/prod/');
  });

  it('wrong-path: no such route, with the nearest defined paths', async () => {
    session = startTmux(['--demo', 'wrong-path']);
    const screen = await session.waitFor(/✖ Route/);
    expect(screen).toMatch(/Try instead: .*\/notes/);
  });

  it('wrong-region: says where the API really lives and offers the corrected URL', async () => {
    session = startTmux(['--demo', 'wrong-region'], {width: 80, height: 24});
    const screen = await session.waitFor('lives in eu-west-1');
    expect(screen).toContain('Try instead: Use eu-west-1');
    for (const line of screen.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
    await session.press('Enter');
    await session.waitFor(/✔ API .* in eu-west-1/);
  });

  it('q quits cleanly from any screen', async () => {
    session = startTmux(['--demo', 'wrong-stage']);
    await session.waitFor('does not exist');
    await session.press('q');
    expect(await session.waitForExit()).toBe(0);
  });
});
