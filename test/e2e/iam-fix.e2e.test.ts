// Issue 4's walk in a real terminal: the built command on the iam-denied demo finds the
// caller's role unaided, shows invoke-denied, declines once, then applies the fix after
// a + y, saves the old document in the working directory and re-simulates to allowed.
import {existsSync, mkdtempSync, readdirSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, expect, it} from 'vitest';
import {startTmux, tmuxAvailable, type TmuxSession} from '../helpers/tmux.js';

const built = existsSync(new URL('../../dist/cli.js', import.meta.url));
if ((!built || !tmuxAvailable()) && process.env.APIGW_DOCTOR_UNDER_CI) throw new Error('e2e needs tmux and npm run build');

let session: TmuxSession | undefined;
afterEach(() => session?.kill());

it.skipIf(!built || !tmuxAvailable())('iam-denied: a then N writes nothing; a then y writes, backs up, and re-simulates to allowed', async () => {
  const cwd = mkdtempSync(join(tmpdir(), 'apigw-doctor-fix-'));
  session = startTmux(['--demo', 'iam-denied'], {width: 80, height: 24, cwd});
  await session.waitFor(/✔ Route/);
  await session.press('Right');
  await session.waitFor('Cognito_notesAuth_Role');
  await session.press('Right');
  await session.waitFor('Press a to apply');
  await session.press('a');
  await session.waitFor('[y/N]');
  await session.press('n');
  await session.waitFor('Press a to apply');
  expect(existsSync(join(cwd, '.apigw-doctor'))).toBe(false);
  await session.press('a', 'y');
  const screen = await session.waitFor('invoke allowed');
  expect(screen).toContain('Backup');
  const backups = readdirSync(join(cwd, '.apigw-doctor', 'backups'));
  expect(backups).toHaveLength(1);
  expect(backups[0]).toMatch(/^Cognito_notesAuth_Role-.*\.json$/);
});
