// The built command in a real terminal (tmux): walk a demo to the summary, export the
// report into the working directory, and quit; --report writes what the walk found.
// Needs `npm run build` first (npm test does it).
import {existsSync, mkdtempSync, readFileSync, readdirSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {binPath, startTmux, tmuxAvailable, type TmuxSession} from '../helpers/tmux.js';

const built = existsSync(new URL('../../dist/cli.js', import.meta.url));
const canRun = tmuxAvailable() && built;
if (!canRun && process.env.APIGW_DOCTOR_UNDER_CI) throw new Error(`e2e needs tmux and a build (tmux: ${tmuxAvailable()}, ${binPath} built: ${built})`);

describe.skipIf(!canRun)('apigw-doctor --demo in a terminal: the summary', () => {
  let session: TmuxSession | undefined;
  let dir: string | undefined;
  afterEach(() => {
    session?.kill();
    if (dir) rmSync(dir, {recursive: true, force: true});
  });

  it('iam-denied: → through every stage to the summary, e exports the Markdown report into the cwd, q exits 1 and --report holds the same findings', async () => {
    dir = mkdtempSync(join(tmpdir(), 'apigw-doctor-e2e-'));
    session = startTmux(['--demo', 'iam-denied', '--report', 'incident.md'], {cwd: dir, width: 100, height: 30});
    await session.waitFor('Stage 1 of 5');
    await session.waitFor(/\[✔ Endpoint\]/);
    for (const stage of ['Stage 2 of 5', 'Stage 3 of 5', 'Stage 4 of 5', 'Stage 5 of 5']) {
      await session.press('Right');
      await session.waitFor(stage);
    }
    await session.waitFor(/\[✔ Timeouts\]/);
    await session.press('Right');
    const summary = await session.waitFor('1 problem found');
    expect(summary).toMatch(/❯ ✖ Policy simulation: Role Cognito_notesAuth_Role may not call execute-api:Invoke/);
    expect(summary).toMatch(/Fix: Allow execute-api:Invoke on arn:aws:execute-api:us-east-1:\*:a1b2c3d4e5/);
    expect(summary).toContain('e save .md · E save .json · R re-run');

    await session.press('e');
    const saved = await session.waitFor('Saved the Markdown report:');
    const exported = readdirSync(dir).filter((name) => name.startsWith('apigw-doctor-report-'));
    expect(exported).toHaveLength(1);
    expect(exported[0]).toMatch(/^apigw-doctor-report-a1b2c3d4e5-\d{8}T\d{6}Z\.md$/);
    expect(saved.replace(/\n/g, '')).toContain(join(dir, exported[0]!));
    const markdown = readFileSync(join(dir, exported[0]!), 'utf8');
    expect(markdown).toContain('(`invoke-denied`, simulate)');
    expect(markdown).toContain('```diff');

    await session.press('q');
    expect(await session.waitForExit()).toBe(1);
    const report = readFileSync(join(dir, 'incident.md'), 'utf8');
    expect(report).toContain('(`invoke-denied`, simulate)');
    expect(report).toContain('- **timeouts**: checked');
  });
});
