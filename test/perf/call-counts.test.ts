// The call plan, pinned: how many AWS calls a whole --json walk makes per preset, and that no
// call is made twice in one walk. A change that adds calls fails here on purpose.
//
// To update deliberately: run `npx vitest run test/perf/call-counts.test.ts`, read the
// per-action breakdown the failure prints, and if every added call is one the diagnosis
// needs (and none is a repeat), change the number below in the same commit that adds it.
import {describe, expect, test} from 'vitest';
import {scenarioNames, type ScenarioName} from '../../src/sandbox/scenario.js';
import {countWalkCalls} from './walk-calls.js';

const expectedCalls: Record<ScenarioName, number> = {
  healthy: 26,
  'wrong-stage': 6,
  'wrong-path': 8,
  'wrong-region': 52,
  'iam-denied': 26,
  'lambda-error': 29,
  'lambda-timeout': 30,
  'logging-off': 25,
};

/** Logs Insights results are polled until the query completes: asking again is the point. */
const polled = / logs\.getQueryResults /;

function breakdown(actions: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const action of actions) counts.set(action, (counts.get(action) ?? 0) + 1);
  return [...counts].map(([action, n]) => `${action} ×${n}`).join(', ');
}

describe('AWS calls of a whole --json walk over the sandbox', () => {
  test.each(scenarioNames)('%s', async (name) => {
    const {calls, portCalls} = await countWalkCalls(name);
    expect(calls.length, `${name}: ${breakdown(calls.map((call) => `${call.action}@${call.region}`))}`).toBe(expectedCalls[name]);

    const repeated = portCalls.filter((call, i) => !polled.test(call) && portCalls.indexOf(call) !== i);
    expect(repeated, 'asked twice in one walk').toEqual([]);
  });
});
