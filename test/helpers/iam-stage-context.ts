// StageContexts for the identity and simulate stage tests: the endpoint facts the endpoint
// stage would hand on for the notes REST API (GET /notes/42 on stage prod), over FakeAws.
import type {AwsPorts} from '../../src/aws/ports.js';
import type {EndpointFacts, StageContext, WalkFacts} from '../../src/checks/stage.js';
import {HOME_REGION, REST_API_ID} from '../../src/sandbox/scenarios/ids.js';
import {FakeProbe} from './fake-ports.js';

export function notesEndpoint(authorizationType = 'AWS_IAM'): EndpointFacts {
  const url = `https://${REST_API_ID}.execute-api.${HOME_REGION}.amazonaws.com/prod/notes/42`;
  return {
    url,
    method: 'GET',
    parsed: {form: 'aws', host: `${REST_API_ID}.execute-api.${HOME_REGION}.amazonaws.com`, apiId: REST_API_ID, region: HOME_REGION, stage: 'prod', path: '/notes/42', rawPath: '/prod/notes/42'},
    api: {kind: 'rest', id: REST_API_ID, name: 'notes', region: HOME_REGION},
    stage: 'prod',
    route: {key: 'GET /notes/{id}', resourcePath: '/notes/{id}', method: 'GET', authorizationType},
    reachesApiGateway: true,
  };
}

export function stageContext(aws: AwsPorts, facts: WalkFacts, input: {identityPoolId?: string} = {}): StageContext {
  return {
    aws,
    probe: FakeProbe.responding(403, '{"message":"Forbidden"}'),
    input: {url: facts.endpoint?.url ?? '', method: 'GET', sinceMs: 3_600_000, ...input},
    facts,
    signal: new AbortController().signal,
    now: () => Date.UTC(2025, 0, 2, 3, 4, 5),
  };
}
