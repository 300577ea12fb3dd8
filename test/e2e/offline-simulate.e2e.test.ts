// The built command's offline policy evaluation: when iam:SimulatePrincipalPolicy is denied,
// the simulate stage evaluates the role's policies with @cloud-copilot/iam-simulate, whose
// data files must be reachable from the bundle (they are read at run time from node_modules).
import {afterAll, expect, it} from 'vitest';
import {loadScenario} from '../../src/sandbox/scenarios/index.js';
import {startSandbox, type RunningSandbox} from '../../src/sandbox/server.js';
import {builtCommandExists, commandEnv, runBuilt} from '../hardening/fixtures/built-command.js';

if (!builtCommandExists && process.env.APIGW_DOCTOR_UNDER_CI) throw new Error('npm run build must run before the e2e tests');
let sandbox: RunningSandbox | undefined;
afterAll(() => sandbox?.stop());

it.skipIf(!builtCommandExists)('iam-denied with SimulatePrincipalPolicy denied: the offline evaluation still finds invoke-denied', async () => {
  const scenario = loadScenario('iam-denied');
  sandbox = await startSandbox({scenario, faults: [{action: 'iam:SimulatePrincipalPolicy', kind: 'access-denied'}]});
  const run = await runBuilt([scenario.demo.url, '--json'], commandEnv(sandbox.endpoint, scenario.region));
  expect(run.stderr).toBe('');
  const report = JSON.parse(run.stdout) as {findings: Array<{id: string; detail: string; evidence: Array<{text: string}>}>};
  const denied = report.findings.find((finding) => finding.id === 'invoke-denied');
  expect(denied, JSON.stringify(report.findings.map((finding) => finding.id))).toBeDefined();
  expect(JSON.stringify(denied)).toMatch(/offline/i);
  expect(run.code).toBe(1);
});
