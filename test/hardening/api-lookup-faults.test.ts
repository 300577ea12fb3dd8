// Only NotFound means "no API here". A throttled, denied, unsupported or failing GetRestApi /
// GetApi leaves the question open: the endpoint stage must say which call failed, never
// report api-not-found for an API that may well exist, and a region scan must list such a
// region as unknown rather than searched.
import {describe, expect, it} from 'vitest';
import type {AwsErrorKind} from '../../src/aws/errors.js';
import {endpointStage} from '../../src/checks/endpoint/index.js';
import {lookupApiInRegion, searchOtherRegions} from '../../src/checks/endpoint/locate-api.js';
import type {StageOutcome} from '../../src/checks/stage.js';
import {loadScenario} from '../../src/sandbox/scenarios/index.js';
import {FakeAws, FakeProbe, type PortName} from '../helpers/fake-ports.js';

const now = Date.parse('2025-07-01T12:00:00Z');
const signal = () => new AbortController().signal;
const failures: AwsErrorKind[] = ['Throttled', 'AccessDenied', 'Unsupported', 'Unexpected'];
const lookups: Array<[PortName, string, string]> = [
  ['apigw', 'getRestApi', 'GetRestApi'],
  ['apigwv2', 'getApi', 'GetApi'],
];

async function walkEndpoint(fake: FakeAws, url: string): Promise<StageOutcome> {
  const probe = FakeProbe.responding(403, '{"message":"Missing Authentication Token"}');
  return endpointStage.run({aws: fake.ports(), probe, input: {url, method: 'GET', sinceMs: 3_600_000}, facts: {}, signal: signal(), now: () => now});
}

describe('lookupApiInRegion: absent only on two NotFounds', () => {
  it('both NotFound: absent', async () => {
    const lookup = await lookupApiInRegion(new FakeAws(loadScenario('healthy', now)).ports(), 'zzzzzzzzzz', signal());
    expect(lookup).toEqual({problems: [], absent: true});
  });

  it.each(failures.flatMap((kind) => lookups.map(([port, method, operation]) => [kind, port, method, operation] as const)))('%s on %s.%s: not absent, the problem is kept', async (kind, port, method, operation) => {
    const lookup = await lookupApiInRegion(new FakeAws(loadScenario('healthy', now)).fail(port, method, kind).ports(), 'zzzzzzzzzz', signal());
    expect(lookup.absent).toBe(false);
    expect(lookup.problems.map((problem) => [problem.operation, problem.error.kind])).toEqual([[operation, kind]]);
  });
});

describe('searchOtherRegions: a failing lookup makes a region unknown, not searched', () => {
  it('throttled GetRestApi in one region, NotFound elsewhere', async () => {
    const fake = new FakeAws(loadScenario('healthy', now)).fail('apigw', 'getRestApi', 'Throttled', {region: 'eu-west-1'});
    const search = await searchOtherRegions(fake.ports(), 'zzzzzzzzzz', ['eu-west-1', 'eu-central-1'], signal());
    expect(search.searched).toEqual(['eu-central-1']);
    expect(search.unsearchable).toEqual([{region: 'eu-west-1', reason: expect.stringMatching(/^GetRestApi: Throttled/)}]);
  });

  it('the API found in a region where the other lookup failed still counts as found', async () => {
    const fake = new FakeAws(loadScenario('wrong-region', now)).fail('apigwv2', 'getApi', 'Throttled');
    const search = await searchOtherRegions(fake.ports('us-east-1'), 'a1b2c3d4e5', ['eu-west-1'], signal());
    expect(search.api?.region).toBe('eu-west-1');
    expect(search.searched).toEqual(['eu-west-1']);
  });
});

describe('endpoint stage: a failed lookup in the URL\'s region is reported, not read as "no such API"', () => {
  it.each(failures.flatMap((kind) => lookups.map(([port, method, operation]) => [kind, port, method, operation] as const)))('%s on %s.%s', async (kind, port, method, operation) => {
    const scenario = loadScenario('healthy', now);
    const fake = new FakeAws(scenario).fail(port, method, kind);
    const outcome = await walkEndpoint(fake, 'https://zzzzzzzzzz.execute-api.us-east-1.amazonaws.com/prod/notes/7');
    const ids = outcome.findings.map((finding) => finding.id);
    expect(ids).not.toContain('api-not-found');
    expect(ids).toEqual([kind === 'AccessDenied' ? 'access-denied' : 'aws-call-failed']);
    expect(outcome.findings[0]?.title).toContain(operation);
    if (kind === 'AccessDenied') expect(outcome.findings[0]?.fix?.body).toContain(`arn:aws:apigateway:us-east-1::/${operation === 'GetApi' ? 'apis' : 'restapis'}/zzzzzzzzzz`);
    // No region scan: nothing was asked outside the URL's region.
    expect(new Set(fake.calls.map((call) => call.region))).toEqual(new Set(['us-east-1']));
  });

  it('throttled GetRestApi on an API that exists: aws-call-failed, the API is not declared missing', async () => {
    const scenario = loadScenario('healthy', now);
    const outcome = await walkEndpoint(new FakeAws(scenario).fail('apigw', 'getRestApi', 'Throttled'), scenario.demo.url);
    expect(outcome.findings.map((finding) => `${finding.id}:${finding.severity}`)).toEqual(['aws-call-failed:warning']);
    expect(outcome.findings[0]?.title).toBe('GetRestApi failed: Throttled');
  });

  it('a throttled region in the scan is named in api-not-found as not checked', async () => {
    const fake = new FakeAws(loadScenario('healthy', now)).fail('apigw', 'getRestApi', 'Throttled', {region: 'eu-west-1'});
    const outcome = await walkEndpoint(fake, 'https://zzzzzzzzzz.execute-api.us-east-1.amazonaws.com/prod/notes/7');
    const notFound = outcome.findings.find((finding) => finding.id === 'api-not-found');
    expect(notFound?.detail).toMatch(/Could not search 1 region\(s\): eu-west-1\./);
    const evidence = notFound?.evidence.map((item) => `${item.label}: ${item.text}`).join('\n');
    expect(evidence).toMatch(/Regions not searchable: eu-west-1: GetRestApi: Throttled/);
    expect(evidence).not.toMatch(/Regions searched: [^\n]*eu-west-1/);
  });
});
