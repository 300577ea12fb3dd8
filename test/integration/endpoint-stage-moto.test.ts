// The endpoint stage against moto seeded with the same presets: the control plane gives the
// same findings as with the sandbox, and since moto cannot serve the API's own URL, the probe
// is read as inconclusive rather than as API Gateway's answer.
import {afterAll, beforeAll, expect, it} from 'vitest';
import {createAwsPorts, createHttpProbe} from '../../src/aws/index.js';
import {endpointStage} from '../../src/checks/endpoint/index.js';
import type {StageOutcome} from '../../src/checks/stage.js';
import {seedMoto} from '../../src/sandbox/moto-seeder.js';
import {loadScenario} from '../../src/sandbox/scenarios/index.js';
import {describeWithMoto, startMoto, testClientConfig, type MotoServer} from '../helpers/moto.js';

describeWithMoto('endpoint stage against moto', () => {
  let moto: MotoServer;
  beforeAll(async () => {
    moto = await startMoto();
  }, 60_000);
  afterAll(() => moto?.stop());

  async function walk(name: string, region?: string): Promise<StageOutcome> {
    await moto.reset();
    const scenario = loadScenario(name);
    await seedMoto(scenario, testClientConfig(moto.endpoint, scenario.region));
    const aws = createAwsPorts(testClientConfig(moto.endpoint, region ?? scenario.region));
    const probe = createHttpProbe({endpoint: moto.endpoint, timeoutMs: 5_000});
    return endpointStage.run({aws, probe, input: {url: scenario.demo.url, method: scenario.demo.method, sinceMs: 3_600_000}, facts: {}, signal: new AbortController().signal, now: Date.now});
  }

  const probeNote = (outcome: StageOutcome) => outcome.findings[0]?.evidence.at(-1)?.text ?? '';

  it('healthy: endpoint-ok, the verdict resting on the control plane', async () => {
    const outcome = await walk('healthy');
    expect(outcome.findings.map((finding) => finding.id)).toEqual(['endpoint-ok']);
    expect(outcome.facts.endpoint).toMatchObject({stage: 'prod', route: {key: 'GET /notes/{id}', authorizationType: 'AWS_IAM'}, integration: {functionName: 'notes-api'}});
    expect(probeNote(outcome)).toMatch(/inconclusive/);
  });

  it.each([
    ['wrong-stage', undefined, 'stage-not-found'],
    ['wrong-path', undefined, 'route-not-found'],
    ['wrong-region', 'us-east-1', 'api-in-other-region'],
  ])('%s (region %s): %s', async (name, region, id) => {
    const outcome = await walk(name, region);
    expect(outcome.findings.map((finding) => finding.id)).toEqual([id]);
    expect(probeNote(outcome)).toMatch(/inconclusive/);
  });
});
