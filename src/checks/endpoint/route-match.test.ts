import {describe, expect, it} from 'vitest';
import {matchHttpRoute, matchRestResource, nearestPaths, type RouteCandidate} from './route-match.js';

const rest: RouteCandidate<string>[] = [
  {path: '/', methods: [], ref: 'root'},
  {path: '/notes', methods: ['GET', 'POST'], ref: 'notes'},
  {path: '/notes/{id}', methods: ['GET', 'DELETE'], ref: 'note'},
  {path: '/notes/archive', methods: ['GET'], ref: 'archive'},
  {path: '/files', methods: [], ref: 'files'},
  {path: '/files/{proxy+}', methods: ['ANY'], ref: 'files-proxy'},
  {path: '/admin/{proxy+}', methods: ['GET', 'ANY'], ref: 'admin-proxy'},
];

describe('matchRestResource', () => {
  it.each([
    ['GET', '/notes', 'notes', 'GET'],
    ['GET', '/notes/', 'notes', 'GET'],
    ['GET', '/notes/42', 'note', 'GET'],
    ['GET', '/notes/archive', 'archive', 'GET'],
    ['PUT', '/files/a/b/c.txt', 'files-proxy', 'ANY'],
    ['GET', '/admin/x', 'admin-proxy', 'GET'],
    ['POST', '/admin/x/y', 'admin-proxy', 'ANY'],
  ])('%s %s → %s (%s)', (method, path, ref, verb) => {
    expect(matchRestResource(rest, path, method)).toEqual({kind: 'matched', path: expect.any(String), method: verb, ref});
  });

  it('literal beats {param} even when the literal lacks the verb (no fallback)', () => {
    expect(matchRestResource(rest, '/notes/archive', 'DELETE')).toEqual({kind: 'method-not-allowed', path: '/notes/archive', allowedMethods: ['GET']});
  });

  it('{proxy+} does not serve its own parent path, and a parent without methods is not served', () => {
    expect(matchRestResource(rest, '/files', 'GET')).toMatchObject({kind: 'not-found'});
    expect(matchRestResource(rest, '/', 'GET')).toMatchObject({kind: 'not-found'});
  });

  it('a path nothing serves is not found, with the nearest defined paths', () => {
    expect(matchRestResource(rest, '/note', 'GET')).toEqual({kind: 'not-found', nearest: ['/notes', '/notes/archive', '/notes/{id}']});
  });

  it('compares the nearest paths with the request\'s own values filled in', () => {
    const match = matchRestResource(rest, '/note/42', 'GET');
    expect(match.kind === 'not-found' && match.nearest[0]).toBe('/notes/{id}');
  });

  it('a {param} takes exactly one segment', () => {
    expect(matchRestResource(rest, '/notes/1/2', 'GET')).toMatchObject({kind: 'not-found'});
  });

  it('a root resource with a method serves "/"', () => {
    expect(matchRestResource([{path: '/', methods: ['GET'], ref: 'root'}, {path: '/{proxy+}', methods: ['ANY'], ref: 'proxy'}], '/', 'GET')).toMatchObject({kind: 'matched', ref: 'root'});
  });
});

const http = [
  {routeKey: 'GET /pets/dog/1', ref: 'dog-1'},
  {routeKey: 'GET /pets/dog/{id}', ref: 'dog-id'},
  {routeKey: 'GET /pets/{proxy+}', ref: 'pets-proxy'},
  {routeKey: 'ANY /pets/{proxy+}', ref: 'pets-any'},
  {routeKey: 'POST /orders', ref: 'orders-post'},
  {routeKey: 'DELETE /orders', ref: 'orders-delete'},
];

describe('matchHttpRoute', () => {
  it.each([
    ['GET', '/pets/dog/1', 'dog-1', 'GET'],
    ['GET', '/pets/dog/2', 'dog-id', 'GET'],
    ['GET', '/pets/cat/1', 'pets-proxy', 'GET'],
    ['POST', '/pets/dog/1', 'pets-any', 'ANY'],
    ['POST', '/orders', 'orders-post', 'POST'],
  ])('%s %s → %s', (method, path, ref, verb) => {
    expect(matchHttpRoute(http, path, method)).toMatchObject({kind: 'matched', ref, method: verb});
  });

  it('names the verbs a path does serve', () => {
    expect(matchHttpRoute(http, '/orders', 'GET')).toEqual({kind: 'method-not-allowed', path: '/orders', allowedMethods: ['POST', 'DELETE']});
  });

  it('falls back to $default last', () => {
    const withDefault = [...http, {routeKey: '$default', ref: 'default'}];
    expect(matchHttpRoute(withDefault, '/orders', 'GET')).toMatchObject({kind: 'matched', ref: 'default', path: '$default'});
    expect(matchHttpRoute(withDefault, '/pets/dog/1', 'GET')).toMatchObject({ref: 'dog-1'});
  });

  it('an unknown path is not found, with the nearest routes', () => {
    expect(matchHttpRoute(http, '/order', 'POST')).toEqual({kind: 'not-found', nearest: ['/orders', '/pets/dog/1', '/pets/{proxy+}']});
  });
});

describe('nearestPaths', () => {
  it('ranks by edit distance, case-insensitively, without duplicates', () => {
    expect(nearestPaths(['/Notes', '/notes', '/users', '/notes/{id}'], '/notse', 2)).toEqual(['/Notes', '/notes']);
  });
});
