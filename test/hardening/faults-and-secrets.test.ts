// AWS faults injected by the sandbox, seen through the built command (AWS_ENDPOINT_URL at a
// sandbox this test started, marker credentials in the environment). Every run's stdout,
// stderr and report is then searched for the credentials and for signing material.
import {readFile} from 'node:fs/promises';
import {join} from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import type {FaultSpec} from '../../src/sandbox/scenario.js';
import {loadScenario} from '../../src/sandbox/scenarios/index.js';
import {startSandbox, type RunningSandbox} from '../../src/sandbox/server.js';
import {builtCommandExists, commandEnv, runBuilt, secretLeaks, type CommandRun} from './fixtures/built-command.js';

const outputs: Array<{name: string; text: string}> = [];
const running: RunningSandbox[] = [];
afterAll(() => Promise.all(running.map((sandbox) => sandbox.stop())));

async function walk(name: string, faults: FaultSpec[], options: {args?: string[]; env?: Record<string, string>; url?: string} = {}): Promise<CommandRun & {sandbox: RunningSandbox; json?: any}> {
  const scenario = loadScenario('lambda-error');
  const sandbox = await startSandbox({scenario, faults});
  running.push(sandbox);
  const env = commandEnv(sandbox.endpoint, scenario.region, options.env);
  const run = await runBuilt([options.url ?? scenario.demo.url, '--json', '--report', 'report.md', ...(options.args ?? [])], env, {cwd: env.HOME});
  const report = await readFile(join(env.HOME!, 'report.md'), 'utf8').catch(() => '');
  outputs.push({name, text: `${run.stdout}\n${run.stderr}\n${report}`});
  let json: unknown;
  try {
    json = JSON.parse(run.stdout);
  } catch {
    json = undefined;
  }
  return {...run, sandbox, json};
}

const count = (sandbox: RunningSandbox, action: string) => sandbox.calls.filter((call) => call.action === action).length;

describe.skipIf(!builtCommandExists)('AWS faults through the built command (--json)', () => {
  it('expired credentials: exit 2, one clear line on stderr, no report', async () => {
    const run = await walk('expired', [{action: 'sts:GetCallerIdentity', kind: 'expired-token'}]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^apigw-doctor: Your AWS credentials have expired \(ExpiredToken\).*Refresh them/);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('missing credentials: exit 2 and what to set, before any call', async () => {
    const run = await walk('missing', [], {env: {AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '', AWS_SESSION_TOKEN: ''}});
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/No AWS credentials found.*AWS_ACCESS_KEY_ID/);
    expect(run.sandbox.calls).toEqual([]);
  });

  it('throttling: the SDK retries, then the finding says the call was throttled', async () => {
    const run = await walk('throttle', [{action: 'lambda:GetFunctionConfiguration', kind: 'throttle'}]);
    expect(count(run.sandbox, 'lambda:GetFunctionConfiguration')).toBeGreaterThanOrEqual(3);
    expect(run.code).toBe(1);
    expect(JSON.stringify(run.json.findings)).toMatch(/Throttl/);
    expect(run.json.stages.find((stage: {id: string}) => stage.id === 'endpoint').status).toBe('ran');
  });

  // A throttled GetRestApi once read as "no such API": every region was searched and
  // api-not-found reported for an API that exists.
  it('throttling GetRestApi: the finding says the lookup was throttled, never api-not-found', async () => {
    const run = await walk('throttle-get-rest-api', [{action: 'apigateway:GetRestApi', kind: 'throttle'}]);
    const ids = run.json.findings.map((finding: {id: string}) => finding.id);
    expect(ids).not.toContain('api-not-found');
    expect(ids).toContain('aws-call-failed');
    expect(JSON.stringify(run.json.findings)).toMatch(/GetRestApi failed: Throttled/);
    expect(new Set(run.sandbox.calls.map((call) => call.region))).toEqual(new Set([loadScenario('lambda-error').region]));
  }, 60_000);

  it('AccessDenied on one API: the finding names the permission, the other stages still run', async () => {
    const run = await walk('denied', [{action: 'lambda:GetFunctionConfiguration', kind: 'access-denied'}]);
    expect(run.code).toBe(1);
    expect(JSON.stringify(run.json.findings)).toContain('lambda:GetFunctionConfiguration');
    expect(run.json.findings.map((finding: {id: string}) => finding.id)).toContain('lambda-error');
    expect(run.json.stages.map((stage: {status: string}) => stage.status)).not.toContain('skipped');
  });

  it('connection dropped mid-pagination: the run finishes with a report, exit 1, nothing half-printed', async () => {
    const run = await walk('drop', [{action: 'logs:FilterLogEvents', kind: 'drop', onPage: 2}]);
    expect(count(run.sandbox, 'logs:FilterLogEvents')).toBeGreaterThanOrEqual(2);
    expect(run.code).toBe(1);
    expect(run.json.stages.find((stage: {id: string}) => stage.id === 'logs')).toBeDefined();
    expect(run.stderr).toBe('');
  });

  it('unknown region: a clear message, no exception', async () => {
    const run = await walk('region', [], {url: 'https://a1b2c3d4e5.execute-api.xx-nowhere-9.amazonaws.com/prod/notes/7'});
    expect(run.json.findings[0]).toMatchObject({id: 'url-invalid'});
    expect(run.json.findings[0].detail).toMatch(/"xx-nowhere-9" is not an AWS region \(closest: /);
    expect(run.sandbox.calls).toEqual([]);
  });
});

describe.skipIf(!builtCommandExists)('secrets never leave the process', () => {
  it('no credential, session token or signing material in any output, report or error above', () => {
    expect(outputs.length).toBeGreaterThanOrEqual(5);
    for (const {name, text} of outputs) expect(secretLeaks(text), name).toEqual([]);
  });
});
