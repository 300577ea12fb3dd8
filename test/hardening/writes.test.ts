// The policy fix is the only write, and --json never makes it: every preset walked by the
// built command leaves the sandbox without a single write call.
import {afterAll, describe, expect, it} from 'vitest';
import {scenarioNames} from '../../src/sandbox/scenario.js';
import {loadScenario} from '../../src/sandbox/scenarios/index.js';
import {startSandbox, type RunningSandbox} from '../../src/sandbox/server.js';
import {builtCommandExists, commandEnv, runBuilt} from './fixtures/built-command.js';

const writeActions = /^(iam:(Put|Create|Delete|Attach|Detach|Update)|apigateway:(PUT|POST|PATCH|DELETE|Update|Create)|lambda:(Update|Put|Add|Remove|Create|Delete)|logs:(Put|Create|Delete))/;
const running: RunningSandbox[] = [];
afterAll(() => Promise.all(running.map((sandbox) => sandbox.stop())));

describe.skipIf(!builtCommandExists)('--json never writes', () => {
  it.each(scenarioNames)('%s', async (name) => {
    const scenario = loadScenario(name);
    const sandbox = await startSandbox({scenario});
    running.push(sandbox);
    const run = await runBuilt([scenario.demo.url, '--json'], commandEnv(sandbox.endpoint, scenario.region));
    expect(run.code, run.stderr).not.toBe(2);
    expect(sandbox.calls.length).toBeGreaterThan(0);
    expect(sandbox.calls.map((call) => call.action).filter((action) => writeActions.test(action))).toEqual([]);
  }, 60_000);
});
