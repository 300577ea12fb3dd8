import {describe, expect, it} from 'vitest';
import type {Scenario} from '../../sandbox/scenario.js';
import {loadScenario} from '../../sandbox/scenarios/index.js';
import {FakeAws} from '../../../test/helpers/fake-ports.js';
import {notesEndpoint, stageContext} from '../../../test/helpers/stage-context.js';
import {isProblem, type Finding} from '../findings.js';
import {createLogsStage} from '../logs/index.js';
import type {WalkFacts} from '../stage.js';
import {createTimeoutsStage, type TimeoutsFacts} from './index.js';

const now = Date.parse('2026-11-26T09:00:00.000Z');

/** Runs logs then timeouts, as the walk does (timeouts reuses the logs stage's search). */
async function walk(scenario: Scenario, options: {fake?: FakeAws; timeoutInMillis?: number; skipLogs?: boolean} = {}) {
  const fake = options.fake ?? new FakeAws(scenario, {now});
  let facts: WalkFacts = {account: scenario.accountId, endpoint: notesEndpoint({path: '/notes', timeoutInMillis: options.timeoutInMillis})};
  if (!options.skipLogs) facts = {...facts, ...(await createLogsStage().run(stageContext(fake.ports(), facts, {now}))).facts};
  const outcome = await createTimeoutsStage().run(stageContext(fake.ports(), facts, {now}));
  return {fake, outcome, timeouts: outcome.facts.timeouts as TimeoutsFacts, byId: (id: string): Finding | undefined => outcome.findings.find((finding) => finding.id === id)};
}

describe('timeouts stage', () => {
  it('lambda-timeout: the observed durations, the timeout lines, and callback + pg advice', async () => {
    const {byId, timeouts, fake} = await walk(loadScenario('lambda-timeout', now));
    const finding = byId('lambda-timeout');
    expect(finding?.severity).toBe('error');
    expect(finding?.title).toBe('The function times out (9× in the window)');
    expect(finding?.evidence.find((evidence) => evidence.label === 'Observed durations')?.text).toMatch(/^9 invocations: p50 6\.01 s, p95 6\.01 s, max 6\.01 s/);
    expect(finding?.evidence.find((evidence) => evidence.label === 'Limits')?.text).toBe('function Timeout 6 s · API Gateway integration timeout 29 s (REST)');
    expect(finding?.evidence.some((evidence) => evidence.kind === 'log' && /Task timed out after 6\.01 seconds$/.test(evidence.text))).toBe(true);
    expect(finding?.fix?.body).toContain('context.callbackWaitsForEmptyEventLoop = false;');
    expect(timeouts.handler).toMatchObject({path: 'index.mjs', shape: {style: 'callback', opens: [{name: 'PostgreSQL (pg)', perInvocation: true}]}});
    expect(timeouts.advice?.kind).toBe('callback-event-loop');
    expect(byId('integration-timeout')).toBeUndefined();
    // The logs stage's search was reused: one FilterLogEvents on the Lambda log group in all.
    expect(fake.calls.filter((call) => call.method === 'filterLogEvents' && (call.args[0] as {logGroupName: string}).logGroupName === '/aws/lambda/notes-api')).toHaveLength(1);
  });

  it('integration-timeout when the function may outlive the integration timeout', async () => {
    const {byId} = await walk(loadScenario('healthy', now), {timeoutInMillis: 5_000});
    const finding = byId('integration-timeout');
    expect(finding?.severity).toBe('warning');
    expect(finding?.detail).toContain('The function may run 6 s but API Gateway gives up after 5 s and answers 504');
    expect(finding?.fix?.body).toContain('aws lambda update-function-configuration --function-name notes-api --timeout 4');
  });

  it('gives both advices when GetFunction is denied, and names the permission', async () => {
    const scenario = loadScenario('lambda-timeout', now);
    const fake = new FakeAws(scenario, {now}).fail('lambda', 'getFunction', 'AccessDenied');
    const {byId, timeouts} = await walk(scenario, {fake, skipLogs: true});
    expect(byId('permission-missing')?.title).toBe('Not allowed to call lambda:GetFunction');
    expect(timeouts.advice?.kind).toBe('both');
    expect(byId('lambda-timeout')?.fix?.body).toContain('If the handler is async');
  });

  it('healthy: no problem findings', async () => {
    const {outcome, byId} = await walk(loadScenario('healthy', now));
    expect(outcome.findings.filter(isProblem)).toEqual([]);
    expect(byId('timeouts-ok')?.detail).toMatch(/^9 invocations: p50/);
  });
});
