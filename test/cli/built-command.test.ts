// The built command without a terminal, as a CI job or a pipe runs it: no screens, the
// plain summary (or JSON), the exit status, no escape codes, no stack traces, --report
// never overwriting. Needs `npm run build` first (npm test does it).
import {spawn} from 'node:child_process';
import {existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {afterAll, describe, expect, it} from 'vitest';
import {scenarioNames} from '../../src/sandbox/scenario.js';
import {schemaErrors} from '../report/validate-report.js';

const binPath = fileURLToPath(new URL('../../bin/apigw-doctor.js', import.meta.url));
const built = existsSync(new URL('../../dist/cli.js', import.meta.url));
if (!built && process.env.APIGW_DOCTOR_UNDER_CI) throw new Error('the CLI tests need a build (npm run build)');

const ansi = /\u001b[[\]()#;?]*[0-9;]*[A-Za-z@^_`{|}~]/;
// A stack frame of this program (a Lambda's own stack trace in the evidence is fine).
const ourStackFrame = /^\s+at .*(?:dist\/|bin\/apigw-doctor|node_modules\/|node:internal\/modules)/m;
// The child's env: no CI (so only the missing terminal makes it non-interactive), no AWS profile of the machine.
const childEnv = {PATH: process.env.PATH ?? '', HOME: tmpdir(), AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true'};

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function run(file: string, args: readonly string[], options: {cwd?: string; env?: Record<string, string>} = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    // stdin 'ignore': nothing to read keys from; a hang would time the test out.
    const child = spawn(file, args, {cwd: options.cwd, env: {...childEnv, ...options.env}, stdio: ['ignore', 'pipe', 'pipe']});
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({code, stdout, stderr}));
  });
}

const doctor = (args: readonly string[], options?: {cwd?: string; env?: Record<string, string>}) => run(process.execPath, [binPath, ...args], options);

const workDir = mkdtempSync(join(tmpdir(), 'apigw-doctor-cli-'));
afterAll(() => rmSync(workDir, {recursive: true, force: true}));

describe.skipIf(!built)('apigw-doctor without a terminal', () => {
  it.each(scenarioNames.map((name) => [name]))('--demo %s prints the plain summary and exits 0 only when healthy', async (name) => {
    const {code, stdout, stderr} = await doctor(['--demo', name]);
    expect(code, stderr).toBe(name === 'healthy' ? 0 : 1);
    expect(stdout).toMatch(/^apigw-doctor \S+ — GET https:\/\/a1b2c3d4e5\.execute-api\./);
    expect(stdout).toMatch(name === 'healthy' ? /Verdict: healthy/ : /Verdict: problems found \(\d+\)\./);
    expect(stdout).not.toMatch(ansi);
    expect(stdout + stderr).not.toMatch(ourStackFrame);
    expect(stderr).toBe('');
  });

  it.each([
    ['lambda-error', 1, /✖ ERROR +\[logs\] lambda-error: /],
    ['wrong-stage', 1, /✖ ERROR +\[endpoint\] stage-not-found: /],
    ['healthy', 0, /Verdict: healthy/],
  ] as const)('`| cat` from a shell, %s: the plain summary, and the status of the command itself (%i)', async (name, status, summary) => {
    // POSIX sh has no PIPESTATUS: the command reports its status on stderr, outside the pipe.
    const piped = await run('sh', ['-c', `{ "${process.execPath}" "${binPath}" --demo ${name}; echo "status=$?" >&2; } | cat`]);
    expect(piped.stdout).toMatch(summary);
    expect(piped.stdout).not.toMatch(ansi);
    expect(piped.stderr).toBe(`status=${status}\n`);
  });

  it('CI set: the run without screens even where stdin would allow keys', async () => {
    const {code, stdout} = await doctor(['--demo', 'logging-off'], {env: {CI: 'true'}});
    expect(code).toBe(1);
    expect(stdout).toMatch(/! WARNING \[logs\] execution-logging-off: /);
  });

  it('--json prints one report that validates, with the same exit status', async () => {
    const {code, stdout} = await doctor(['--demo', 'iam-denied', '--json']);
    expect(code).toBe(1);
    const report = JSON.parse(stdout);
    expect(schemaErrors(report)).toEqual([]);
    expect(report.findings[0].id).toBe('invoke-denied');
    const healthy = await doctor(['--demo', 'healthy', '--json']);
    expect(healthy.code).toBe(0);
    expect(JSON.parse(healthy.stdout).verdict).toBe('healthy');
  });

  it.each([
    ['an unknown flag', ['--demo', 'healthy', '--bogus'], /Unknown flag/],
    ['an unknown scenario', ['--demo', 'nope'], /Unknown scenario "nope"/],
    ['a bad --since', ['--demo', 'healthy', '--since', '3x'], /--since "3x" is not a duration/],
    ['no URL', [], /Give the URL that fails/],
  ])('exits 2 for %s, one clear line on stderr, nothing on stdout', async (_what, args, message) => {
    const {code, stdout, stderr} = await doctor(args);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stdout).toBe('');
    expect(stderr).not.toMatch(ourStackFrame);
  });

  it('--report writes the Markdown report, refuses to overwrite an existing file (exit 2, file kept), and --force overwrites', async () => {
    const path = join(workDir, 'incident.md');
    const first = await doctor(['--demo', 'lambda-error', '--report', path]);
    expect(first.code).toBe(1);
    const written = readFileSync(path, 'utf8');
    expect(written).toMatch(/^# apigw-doctor report/);
    expect(written).toContain('(`lambda-error`, logs)');
    expect(written).toContain('```text\nTypeError: Cannot read properties of undefined');

    writeFileSync(path, 'notes from the on-call\n');
    const refused = await doctor(['--demo', 'lambda-error', '--report', path]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`${path} already exists; pass --force to overwrite it.`);
    expect(refused.stdout).toBe('');
    expect(readFileSync(path, 'utf8')).toBe('notes from the on-call\n');

    const forced = await doctor(['--demo', 'healthy', '--report', path, '--force']);
    expect(forced.code).toBe(0);
    expect(readFileSync(path, 'utf8')).toContain('| Verdict | healthy |');
  });
});
