import {describe, expect, it} from 'vitest';
import {loadScenario} from '../../sandbox/scenarios/index.js';
import {FakeAws} from '../../../test/helpers/fake-ports.js';
import {pickMapping, resolveCustomDomain, searchOtherRegions} from './locate-api.js';

describe('pickMapping', () => {
  const mappings = [
    {basePath: '', apiId: 'root', stage: 'prod'},
    {basePath: 'v1', apiId: 'one', stage: 'prod'},
    {basePath: 'v1/orders', apiId: 'orders', stage: 'live'},
  ];

  it.each([
    ['/v1/orders/7', 'orders', '/7'],
    ['/v1/notes', 'one', '/notes'],
    ['/v10/x', 'root', '/v10/x'],
    ['/', 'root', '/'],
  ])('%s → %s %s', (path, apiId, rest) => {
    expect(pickMapping(mappings, path)).toMatchObject({mapping: {apiId}, path: rest});
  });

  it('reads v1\'s "(none)" as the root mapping, and finds nothing without one', () => {
    expect(pickMapping([{basePath: '(none)', apiId: 'root', stage: 'prod'}], '/a')).toMatchObject({mapping: {apiId: 'root', basePath: ''}, path: '/a'});
    expect(pickMapping([{basePath: 'v1', apiId: 'one', stage: 'prod'}], '/v2/a')).toBeUndefined();
  });
});

describe('resolveCustomDomain', () => {
  it('finds the domain and its mapping', async () => {
    const aws = new FakeAws(loadScenario('healthy')).ports();
    const {resolution, problems} = await resolveCustomDomain(aws, 'api.notes.example.com', '/v1/notes', new AbortController().signal);
    expect(problems).toEqual([]);
    expect(resolution).toMatchObject({kind: 'resolved', mapping: {apiId: 'a1b2c3d4e5', stage: 'prod', basePath: 'v1'}, path: '/notes'});
  });

  it('still resolves when one of the two domain listings is denied', async () => {
    const aws = new FakeAws(loadScenario('healthy')).fail('apigwv2', 'listDomainNames', 'AccessDenied').ports();
    const {resolution, problems} = await resolveCustomDomain(aws, 'api.notes.example.com', '/v1/notes', new AbortController().signal);
    expect(resolution?.kind).toBe('resolved');
    expect(problems.map((problem) => problem.operation)).toEqual(['GetDomainNames (v2)']);
  });
});

describe('searchOtherRegions', () => {
  it('lists a region it could not ask instead of failing the search', async () => {
    const fake = new FakeAws(loadScenario('wrong-region')).fail('apigw', 'getRestApi', 'CredentialsExpired', {region: 'af-south-1'});
    const search = await searchOtherRegions(fake.ports('us-east-1'), 'a1b2c3d4e5', ['af-south-1', 'eu-west-1'], new AbortController().signal);
    expect(search.api?.region).toBe('eu-west-1');
    expect(search.unsearchable.map((entry) => entry.region)).toEqual(['af-south-1']);
  });
});
