// The Insights path at volume, over the real adapters and the sandbox: a generated log group
// with more error lines than one Insights query returns rows (10,000) still gives the exact
// error count and the exact p95 of every REPORT, with no "partial" note. The expected
// figures come from the generator itself, not from the tool.
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {createAwsPorts, createHttpProbe} from '../../aws/index.js';
import {loadScenario} from '../../sandbox/scenarios/index.js';
import {withGeneratedLambdaLog, writeLambdaLogEvents, type GeneratedLogGroupOptions} from '../../sandbox/scenarios/generate.js';
import {startTestSandbox, type TestSandbox} from '../../../test/helpers/sandbox.js';
import {endpointStage} from '../endpoint/index.js';
import type {StageContext, WalkInput} from '../stage.js';
import {createTimeoutsStage} from '../timeouts/index.js';
import {runAllStages} from '../walk.js';
import {INSIGHTS_ROW_LIMIT} from './insights-query.js';
import {createLogsStage} from './index.js';
import {INSIGHTS_WINDOW_THRESHOLD_MS} from './log-search.js';
import {nearestRank} from '../../sandbox/logs-insights.js';

// Every invocation throws: 5 lines each, so 12,000 error lines, beyond Insights' 10,000 rows.
const seed: GeneratedLogGroupOptions = {events: 60_000, streams: 50, errorEvery: 1, seed: 11, functionName: 'notes-api'};

function expectedFromGenerator() {
  let errors = 0;
  const durations: number[] = [];
  writeLambdaLogEvents(seed, (_stream, _agoMs, message) => {
    if (message.includes('\tERROR\tInvoke Error')) errors += 1;
    const duration = /^REPORT RequestId: \S+\tDuration: ([\d.]+) ms/.exec(message)?.[1];
    if (duration) durations.push(Number(duration));
  });
  durations.sort((a, b) => a - b);
  return {errors, invocations: durations.length, p95: nearestRank(durations, 95), max: durations.at(-1)};
}

describe('Logs Insights at volume: exact counts and percentiles beyond 10,000 matching lines', () => {
  const scenario = withGeneratedLambdaLog(loadScenario('healthy'), seed);
  let sandbox: TestSandbox;
  beforeAll(async () => {
    sandbox = await startTestSandbox(scenario);
  }, 30_000);
  afterAll(() => sandbox?.stop());

  it('the logs and timeouts stages report the exact error count and p95 from Insights, and nothing partial', async () => {
    const expected = expectedFromGenerator();
    expect(expected.errors).toBeGreaterThan(INSIGHTS_ROW_LIMIT);
    // Wider than the Insights threshold, so Insights runs at once and the whole generated hour is inside.
    const input: WalkInput = {url: scenario.demo.url, method: scenario.demo.method, sinceMs: INSIGHTS_WINDOW_THRESHOLD_MS + 3_600_000};
    const aws = createAwsPorts({...sandbox.clientConfig, region: scenario.region});
    const probe = createHttpProbe({endpoint: sandbox.endpoint, timeoutMs: 10_000});
    const makeContext = (walkInput: WalkInput, facts: StageContext['facts'], signal: AbortSignal): StageContext => ({aws, probe, input: walkInput, facts, signal, now: () => Date.now()});
    const stages = [endpointStage, createLogsStage({search: {insightsTiming: {maxWaitMs: 60_000, pollIntervalMs: 10}}}), createTimeoutsStage()];
    const result = await runAllStages(stages, input, makeContext, new AbortController().signal);

    const search = result.facts.logs?.lambdaLog;
    expect(search, JSON.stringify(result.stages.map((stage) => [stage.id, stage.status, stage.reason]))).toMatchObject({method: 'insights', complete: true});
    expect(search?.notes).toEqual([]);
    const [group, ...others] = search?.summary.errorGroups ?? [];
    expect(others).toEqual([]);
    expect(group?.count).toBe(expected.errors);
    expect(group?.requestIds).toHaveLength(3);
    expect(result.findings.find((finding) => finding.id === 'lambda-error')?.detail).toMatch(new RegExp(`^${expected.errors} failed requests`));
    expect(result.findings.map((finding) => finding.id)).not.toContain('lambda-logs-partly-searched');

    const durations = result.facts.timeouts?.durations;
    expect(durations).toMatchObject({invocations: expected.invocations, p95Ms: expected.p95, maxMs: expected.max, memorySizeMb: 256});
  }, 60_000);
});
