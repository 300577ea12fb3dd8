// AWS faults injected by a sandbox started here, seen twice through the same real stages and
// real SDK adapters: on the screens of the App, and in the JSON report the --json run prints
// (buildJsonReport over runAllStages, as src/run does). The Logs Insights poll budget is
// the logs stage's own option, shortened so a query that never completes costs a second.
import {afterAll, afterEach, describe, expect, it} from 'vitest';
import {createAwsPorts} from '../../src/aws/index.js';
import {createHttpProbe} from '../../src/aws/http-probe.js';
import {endpointStage} from '../../src/checks/endpoint/index.js';
import {identityStage} from '../../src/checks/identity/index.js';
import {createLogsStage} from '../../src/checks/logs/index.js';
import {createSimulateStage} from '../../src/checks/simulate/index.js';
import type {StageContext, StageDefinition, WalkInput} from '../../src/checks/stage.js';
import {timeoutsStage} from '../../src/checks/timeouts/index.js';
import {runAllStages} from '../../src/checks/walk.js';
import {buildJsonReport, type JsonReport} from '../../src/report/json.js';
import type {FaultSpec, ScenarioName} from '../../src/sandbox/scenario.js';
import {loadScenario} from '../../src/sandbox/scenarios/index.js';
import {startSandbox, type RunningSandbox} from '../../src/sandbox/server.js';
import {App} from '../../src/ui/App.js';
import {ARROW_RIGHT, cleanupInk, ENTER, press, renderInk, waitForText} from '../helpers/ink.js';

const DAY_MS = 86_400_000;
const INSIGHTS_BUDGET = {maxWaitMs: 1_000, pollIntervalMs: 20};
const stages: StageDefinition[] = [endpointStage, identityStage, createSimulateStage({backupDir: () => '/nonexistent/never-written'}), createLogsStage({search: {insightsTiming: INSIGHTS_BUDGET}}), timeoutsStage];

const running: RunningSandbox[] = [];
afterAll(() => Promise.all(running.map((sandbox) => sandbox.stop())));
afterEach(cleanupInk);

interface FaultyWalk {
  readonly sandbox: RunningSandbox;
  /** The last frame of each stage's screen, once it finished, by stage number (1-5). */
  readonly screens: Map<number, string>;
  readonly json: JsonReport;
}

/** Sets the stored queries' status as AWS would report a query its engine gave up on. */
function failEveryInsightsQuery(sandbox: RunningSandbox): void {
  const queries = sandbox.state.queries;
  const store = queries.set.bind(queries);
  queries.set = (id, query) => store(id, Object.assign(query, {status: 'Failed' as const}));
}

async function walk(name: ScenarioName, faults: FaultSpec[], options: {sinceMs?: number; arrange?: (sandbox: RunningSandbox) => void} = {}): Promise<FaultyWalk> {
  const scenario = loadScenario(name);
  const sandbox = await startSandbox({scenario, faults});
  running.push(sandbox);
  options.arrange?.(sandbox);
  const aws = createAwsPorts({region: scenario.region, endpoint: sandbox.endpoint, credentials: {accessKeyId: 'test', secretAccessKey: 'test'}});
  const probe = createHttpProbe({endpoint: sandbox.endpoint});
  const makeContext = (walkInput: WalkInput, facts: StageContext['facts'], signal: AbortSignal): StageContext => ({aws, probe, input: walkInput, facts, signal, now: Date.now});
  const input: WalkInput = {url: scenario.demo.url, method: 'GET', sinceMs: options.sinceMs ?? 3_600_000};

  const result = await runAllStages(stages, input, makeContext, new AbortController().signal);
  const json = buildJsonReport(result, {url: input.url, method: 'GET', region: scenario.region, account: scenario.accountId, mode: 'aws'}, {version: 'test', sinceMs: input.sinceMs, now: new Date()});

  const app = renderInk(<App stages={stages} input={input} makeContext={makeContext} header={{url: input.url, region: scenario.region, account: scenario.accountId, mode: 'aws'}} />, {columns: 120, rows: 50});
  const screens = new Map<number, string>();
  for (let stage = 1; stage <= 5; stage += 1) {
    await waitForText(app, `Stage ${stage} of 5`, 10_000);
    const frame = await waitForText(app, /(→|Enter) next/, 15_000);
    screens.set(stage, frame);
    await press(app, frame.includes('→ next') ? ARROW_RIGHT : ENTER, 5_000);
  }
  return {sandbox, screens, json};
}

const ids = (json: JsonReport) => json.findings.map((finding) => finding.id);
const count = (sandbox: RunningSandbox, action: string) => sandbox.calls.filter((call) => call.action === action).length;

describe('faults on the screen and in the JSON report', {timeout: 60_000}, () => {
  it('throttling: the SDK retries, then a clear message naming the throttled call; the stage and the others carry on', async () => {
    const {sandbox, screens, json} = await walk('lambda-error', [{action: 'lambda:GetFunctionConfiguration', kind: 'throttle'}]);
    expect(count(sandbox, 'lambda:GetFunctionConfiguration')).toBeGreaterThanOrEqual(3);
    const clear = /AWS kept throttling lambda:GetFunctionConfiguration \(TooManyRequestsException\) after 3 attempts\. Wait a minute and try again/;
    const throttled = json.findings.find((finding) => finding.stage === 'logs' && finding.id === 'aws-call-failed');
    expect(throttled?.title).toContain('lambda:GetFunctionConfiguration');
    expect(throttled?.evidence.map((evidence) => evidence.text).join('\n')).toMatch(clear);
    expect(screens.get(4)?.replace(/\s+/g, ' ')).toMatch(/lambda:GetFunctionConfiguration failed \(Throttled\)/);
    // One throttled call no longer ends the logs stage: the search still ran.
    expect(ids(json)).toEqual(expect.arrayContaining(['endpoint-ok', 'caller-role-found', 'invoke-allowed', 'lambda-error']));
  });

  it('AccessDenied on GetFunctionConfiguration: the missing permission is named, the other stages still run', async () => {
    const {screens, json} = await walk('lambda-error', [{action: 'lambda:GetFunctionConfiguration', kind: 'access-denied'}]);
    expect(JSON.stringify(json.findings)).toContain('lambda:GetFunctionConfiguration');
    expect(screens.get(4)).toContain('lambda:GetFunctionConfiguration');
    expect(ids(json)).toContain('lambda-error');
    expect(json.stages.map((stage) => stage.status)).not.toContain('skipped');
    expect(screens.get(3)).toContain('Stage 3 of 5');
  });

  it('a Logs Insights query that fails (status Failed): the stage pages instead and says so', async () => {
    const {sandbox, screens, json} = await walk('lambda-error', [], {sinceMs: DAY_MS, arrange: failEveryInsightsQuery});
    expect(count(sandbox, 'logs:StartQuery')).toBeGreaterThanOrEqual(1);
    expect(count(sandbox, 'logs:FilterLogEvents')).toBeGreaterThanOrEqual(1);
    // The errors are still found: by paging, not by the failed query.
    expect(ids(json)).toContain('lambda-error');
    expect(screens.get(4)).toMatch(/Logs Insights the query ended with status Failed; paged through FilterLogEvents instead/);
    expect(screens.get(4)).toMatch(/FilterLogEvents, \d+ lines/);
  });

  it('a clean log whose Insights query failed is only called clean after paging really ran', async () => {
    const {screens, json} = await walk('healthy', [], {sinceMs: DAY_MS, arrange: failEveryInsightsQuery});
    const verdict = json.findings.find((finding) => finding.id === 'lambda-logs-clean' || finding.id === 'lambda-logs-partly-searched');
    expect(verdict?.detail).toMatch(/read with FilterLogEvents.*Logs Insights the query ended with status Failed; paged through FilterLogEvents instead/s);
    expect(screens.get(4)).toContain('paged through FilterLogEvents instead');
  });

  it('a Logs Insights query that never completes: bounded wait, the query is stopped, the stage pages instead', async () => {
    const started = Date.now();
    const {sandbox, screens, json} = await walk('lambda-error', [{action: 'logs:GetQueryResults', kind: 'latency', latencyMs: INSIGHTS_BUDGET.maxWaitMs + 200}], {sinceMs: DAY_MS});
    expect(count(sandbox, 'logs:StopQuery')).toBeGreaterThanOrEqual(1);
    expect(ids(json)).toContain('lambda-error');
    expect(screens.get(4)).toMatch(/Logs Insights the query did not complete within 1 s; paged through FilterLogEvents instead/);
    // Two walks (JSON and screen), each waiting once for the budget, far from the 60 s default.
    expect(Date.now() - started).toBeLessThan(20_000);
  });
});
