// A StageContext over fake ports, with the EndpointFacts the endpoint stage would hand on
// for the scenarios' notes REST API, so later stages can be tested on their own.
import type {ProbeResult} from '../../src/aws/probe.js';
import type {EndpointFacts, StageContext, WalkFacts} from '../../src/checks/stage.js';
import {FUNCTION_NAME, REST_API_ID, REST_RESOURCE_IDS} from '../../src/sandbox/scenarios/ids.js';
import type {Scenario} from '../../src/sandbox/scenario.js';
import {FakeProbe, type FakeAws} from './fake-ports.js';

export function notesEndpointFacts(scenario: Scenario, options: {path?: string; probe?: ProbeResult; timeoutInMillis?: number} = {}): EndpointFacts {
  const path = options.path ?? '/notes/7';
  const resourcePath = path === '/notes' ? '/notes' : '/notes/{id}';
  const lambdaArn = `arn:aws:lambda:${scenario.region}:${scenario.accountId}:function:${FUNCTION_NAME}`;
  return {
    url: `https://${REST_API_ID}.execute-api.${scenario.region}.amazonaws.com/prod${path}`,
    method: 'GET',
    api: {kind: 'rest', id: REST_API_ID, name: 'notes', region: scenario.region},
    stage: 'prod',
    route: {key: `GET ${resourcePath}`, resourcePath, method: 'GET', resourceId: path === '/notes' ? REST_RESOURCE_IDS.notes : REST_RESOURCE_IDS.note, authorizationType: 'AWS_IAM'},
    integration: {type: 'AWS_PROXY', lambdaArn, functionName: FUNCTION_NAME, timeoutInMillis: options.timeoutInMillis ?? 29_000},
    probe: options.probe,
    reachesApiGateway: true,
  };
}

export function stageContext(fake: FakeAws, facts: WalkFacts, options: {now: number; sinceMs?: number}): StageContext {
  return {
    aws: fake.ports(),
    probe: FakeProbe.responding(200, '{}'),
    input: {url: facts.endpoint?.url ?? '', method: 'GET', sinceMs: options.sinceMs ?? 3_600_000},
    facts,
    signal: new AbortController().signal,
    now: () => options.now,
  };
}
