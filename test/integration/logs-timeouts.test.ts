// The logs and timeouts stages over real HTTP: the real SDK clients (through our adapters)
// against the sandbox serving each preset, after the real endpoint stage and probe; and the
// same presets seeded into moto, whose Logs Insights is partial (the search must notice and
// page) and whose filter patterns are simpler (the parsers must cope with extra lines).
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {createAwsPorts, createHttpProbe} from '../../src/aws/index.js';
import {endpointStage} from '../../src/checks/endpoint/index.js';
import {createLogsStage} from '../../src/checks/logs/index.js';
import {INSIGHTS_WINDOW_THRESHOLD_MS} from '../../src/checks/logs/log-search.js';
import {timeoutsStage} from '../../src/checks/timeouts/index.js';
import type {StageContext, WalkInput} from '../../src/checks/stage.js';
import {runAllStages} from '../../src/checks/walk.js';
import {loadScenario} from '../../src/sandbox/scenarios/index.js';
import {seedMoto} from '../../src/sandbox/moto-seeder.js';
import {describeWithMoto, startMoto, type MotoServer} from '../helpers/moto.js';
import {sandboxStopper, startTestSandbox} from '../helpers/sandbox.js';

const stages = [endpointStage, createLogsStage({search: {insightsTiming: {maxWaitMs: 5_000, pollIntervalMs: 50}}}), timeoutsStage];
const credentials = {accessKeyId: 'test', secretAccessKey: 'test'};

async function walk(endpoint: string, scenarioName: string, region: string, options: {sinceMs?: number; probe?: boolean} = {}) {
  const scenario = loadScenario(scenarioName);
  const input: WalkInput = {url: scenario.demo.url, method: scenario.demo.method, sinceMs: options.sinceMs ?? 3_600_000};
  const aws = createAwsPorts({region, endpoint, credentials, maxAttempts: 1});
  const probe = createHttpProbe({endpoint, timeoutMs: 10_000});
  const makeContext = (walkInput: WalkInput, facts: StageContext['facts'], signal: AbortSignal): StageContext => ({aws, probe, input: walkInput, facts, signal, now: () => Date.now()});
  return runAllStages(stages, input, makeContext, new AbortController().signal);
}

const ids = (result: Awaited<ReturnType<typeof walk>>): string[] => result.findings.map((finding) => finding.id);

describe('logs and timeouts against the sandbox', () => {
  const sandboxes = sandboxStopper();
  afterEach(() => sandboxes.stopAll());
  const start = async (name: string) => sandboxes.track(await startTestSandbox(loadScenario(name)));

  it('lambda-error: the TypeError with its stack and the API Gateway request', async () => {
    const sandbox = await start('lambda-error');
    const result = await walk(sandbox.endpoint, 'lambda-error', sandbox.clientConfig.region);
    const finding = result.findings.find((candidate) => candidate.id === 'lambda-error');
    expect(finding, JSON.stringify(result.stages.map((stage) => [stage.id, stage.status, stage.reason]))).toBeDefined();
    expect(finding!.evidence.map((evidence) => evidence.text).join('\n')).toMatch(/at getNote \(file:\/\/\/var\/task\/index\.mjs:\d+:\d+\)/);
    expect(finding!.evidence.some((evidence) => evidence.label.startsWith('API Gateway request '))).toBe(true);
  });

  it('lambda-timeout: durations and the callback + pg advice from the served zip', async () => {
    const sandbox = await start('lambda-timeout');
    const result = await walk(sandbox.endpoint, 'lambda-timeout', sandbox.clientConfig.region);
    const finding = result.findings.find((candidate) => candidate.id === 'lambda-timeout');
    expect(finding, JSON.stringify(ids(result))).toBeDefined();
    expect(finding!.evidence.find((evidence) => evidence.label === 'Observed durations')?.text).toMatch(/p95 6\.0\d s/);
    expect(result.facts.timeouts?.advice?.kind).toBe('callback-event-loop');
  });

  it('logging-off: execution-logging-off with the steps', async () => {
    const sandbox = await start('logging-off');
    const result = await walk(sandbox.endpoint, 'logging-off', sandbox.clientConfig.region);
    expect(result.findings.find((candidate) => candidate.id === 'execution-logging-off')?.fix?.body).toContain('/*/*/logging/loglevel');
  });

  it('healthy: no logs or timeouts problems; a wide window goes through Insights or says why not', async () => {
    const sandbox = await start('healthy');
    const result = await walk(sandbox.endpoint, 'healthy', sandbox.clientConfig.region, {sinceMs: INSIGHTS_WINDOW_THRESHOLD_MS + 3_600_000});
    const problems = result.findings.filter((finding) => (finding.stage === 'logs' || finding.stage === 'timeouts') && (finding.severity === 'error' || finding.severity === 'warning'));
    expect(problems).toEqual([]);
    const search = result.facts.logs?.lambdaLog;
    expect(search?.method === 'insights' || search?.notes.some((note) => note.includes('paged through FilterLogEvents instead'))).toBe(true);
  });
});

describeWithMoto('logs and timeouts against moto', () => {
  let moto: MotoServer;
  beforeAll(async () => {
    moto = await startMoto();
  }, 60_000);
  afterAll(() => moto?.stop());

  async function seedAndWalk(name: string, sinceMs?: number) {
    await moto.reset();
    const scenario = loadScenario(name);
    const report = await seedMoto(scenario, {endpoint: moto.endpoint, credentials});
    const url = Object.entries(report.ids).reduce((text, [ours, theirs]) => text.replaceAll(ours, theirs), scenario.demo.url);
    const aws = createAwsPorts({region: scenario.region, endpoint: moto.endpoint, credentials, maxAttempts: 1});
    const probe = createHttpProbe({endpoint: moto.endpoint, timeoutMs: 5_000});
    const input: WalkInput = {url, method: scenario.demo.method, sinceMs: sinceMs ?? 3_600_000};
    return runAllStages(stages, input, (walkInput, facts, signal) => ({aws, probe, input: walkInput, facts, signal, now: () => Date.now()}), new AbortController().signal);
  }

  it.each([
    ['lambda-error', 'lambda-error'],
    ['lambda-timeout', 'lambda-timeout'],
    ['logging-off', 'execution-logging-off'],
  ])('%s gives %s, as with the sandbox', async (name, id) => {
    const result = await seedAndWalk(name);
    expect(ids(result), JSON.stringify(result.stages.map((stage) => [stage.id, stage.status, stage.reason]))).toContain(id);
  });

  it("a wide window notices moto's partial Insights and pages instead of reporting no errors", async () => {
    const result = await seedAndWalk('lambda-error', INSIGHTS_WINDOW_THRESHOLD_MS + 3_600_000);
    expect(ids(result)).toContain('lambda-error');
    expect(result.facts.logs?.lambdaLog?.method).toBe('filter');
    expect(result.facts.logs?.lambdaLog?.notes.join(' ')).toMatch(/paged through FilterLogEvents instead/);
  });
});
