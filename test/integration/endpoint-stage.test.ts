// The endpoint stage end to end: real SDK clients over HTTP to the sandbox, and the probe
// through the sandbox's data plane (execute-api URLs rewritten to its LocalStack path form).
import {afterEach, describe, expect, it} from 'vitest';
import {createAwsPorts, createHttpProbe} from '../../src/aws/index.js';
import {endpointStage} from '../../src/checks/endpoint/index.js';
import type {StageOutcome} from '../../src/checks/stage.js';
import {loadScenario} from '../../src/sandbox/scenarios/index.js';
import {sandboxStopper, startTestSandbox} from '../helpers/sandbox.js';

const sandboxes = sandboxStopper();
afterEach(() => sandboxes.stopAll());

async function walkPreset(name: string, region?: string): Promise<StageOutcome> {
  const scenario = loadScenario(name);
  const sandbox = sandboxes.track(await startTestSandbox(scenario));
  const aws = createAwsPorts({...sandbox.clientConfig, region: region ?? scenario.region});
  const probe = createHttpProbe({endpoint: sandbox.endpoint});
  const input = {url: scenario.demo.url, method: scenario.demo.method, sinceMs: 3_600_000};
  return endpointStage.run({aws, probe, input, facts: {}, signal: new AbortController().signal, now: Date.now});
}

describe('endpointStage against the sandbox', () => {
  it('healthy: endpoint-ok; the sandbox answers the unsigned request like API Gateway', async () => {
    const outcome = await walkPreset('healthy');
    expect(outcome.findings.map((finding) => finding.id)).toEqual(['endpoint-ok']);
    expect(outcome.facts.endpoint).toMatchObject({stage: 'prod', route: {key: 'GET /notes/{id}', authorizationType: 'AWS_IAM'}, integration: {functionName: 'notes-api'}, reachesApiGateway: true});
    expect(outcome.facts.endpoint?.probe).toMatchObject({kind: 'response', status: 403});
  });

  it('wrong-stage: stage-not-found, closest prod', async () => {
    const outcome = await walkPreset('wrong-stage');
    expect(outcome.findings.map((finding) => finding.id)).toEqual(['stage-not-found']);
    expect(outcome.facts.endpoint?.suggestions?.[0]?.url).toContain('/prod/notes/42');
  });

  it('wrong-path: route-not-found', async () => {
    const outcome = await walkPreset('wrong-path');
    expect(outcome.findings.map((finding) => finding.id)).toEqual(['route-not-found']);
    expect(outcome.facts.endpoint?.probe).toMatchObject({kind: 'response', status: 403});
  });

  it('wrong-region: api-in-other-region, found in eu-west-1 from us-east-1', async () => {
    const outcome = await walkPreset('wrong-region', 'us-east-1');
    expect(outcome.findings.map((finding) => finding.id)).toEqual(['api-in-other-region']);
    expect(outcome.facts.endpoint?.suggestions?.[0]?.url).toContain('.execute-api.eu-west-1.amazonaws.com/prod/notes/42');
  });
});
