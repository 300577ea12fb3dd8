// A StageContext for testing one stage on its own: the EndpointFacts the endpoint stage would
// hand on for the scenarios' notes REST API (GET /notes/42 on stage prod, a Lambda proxy
// integration of notes-api), over whatever AwsPorts the test gives (FakeAws or real adapters).
import type {AwsPorts} from '../../src/aws/ports.js';
import type {ProbeResult} from '../../src/aws/probe.js';
import type {EndpointFacts, StageContext, WalkFacts} from '../../src/checks/stage.js';
import {FUNCTION_NAME, functionArn, HOME_REGION, REST_API_ID, REST_RESOURCE_IDS} from '../../src/sandbox/scenarios/ids.js';
import {FakeProbe} from './fake-ports.js';

export interface NotesEndpointOptions {
  /** Below the stage: '/notes' (the list) or '/notes/ID' (one note, the default /notes/42). */
  readonly path?: string;
  readonly authorizationType?: string;
  /** What the endpoint stage's probe saw. */
  readonly probe?: ProbeResult;
  readonly timeoutInMillis?: number;
}

export function notesEndpoint({path = '/notes/42', authorizationType = 'AWS_IAM', probe, timeoutInMillis = 29_000}: NotesEndpointOptions = {}): EndpointFacts {
  const host = `${REST_API_ID}.execute-api.${HOME_REGION}.amazonaws.com`;
  const list = path === '/notes';
  const resourcePath = list ? '/notes' : '/notes/{id}';
  return {
    url: `https://${host}/prod${path}`,
    method: 'GET',
    parsed: {form: 'aws', host, apiId: REST_API_ID, region: HOME_REGION, stage: 'prod', path, rawPath: `/prod${path}`},
    api: {kind: 'rest', id: REST_API_ID, name: 'notes', region: HOME_REGION},
    stage: 'prod',
    route: {key: `GET ${resourcePath}`, resourcePath, method: 'GET', resourceId: list ? REST_RESOURCE_IDS.notes : REST_RESOURCE_IDS.note, authorizationType},
    integration: {type: 'AWS_PROXY', lambdaArn: functionArn(HOME_REGION), functionName: FUNCTION_NAME, timeoutInMillis},
    probe,
    reachesApiGateway: true,
  };
}

export interface StageContextOptions {
  /** The stage's clock (epoch ms); scenarios built with loadScenario(name, now) want the same now. */
  readonly now?: number;
  readonly sinceMs?: number;
  readonly identityPoolId?: string;
}

export function stageContext(aws: AwsPorts, facts: WalkFacts, {now = Date.UTC(2025, 0, 2, 3, 4, 5), sinceMs = 3_600_000, identityPoolId}: StageContextOptions = {}): StageContext {
  return {
    aws,
    // Only the endpoint stage probes; later stages read what it saw from facts.endpoint.probe.
    probe: FakeProbe.responding(403, '{"message":"Forbidden"}'),
    input: {url: facts.endpoint?.url ?? '', method: 'GET', sinceMs, ...(identityPoolId === undefined ? {} : {identityPoolId})},
    facts,
    signal: new AbortController().signal,
    now: () => now,
  };
}
