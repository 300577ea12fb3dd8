// Picks the resource (REST) or route (HTTP API) API Gateway would pick for a path and verb.
// Both use the same template syntax: literal segments, {param} (exactly one segment) and a
// last {proxy+} (one or more segments). The most specific template wins, segment by segment:
// literal before {param} before {proxy+}. Sources: http-api-develop-routes.md; KC "Missing
// Authentication Token" (a {proxy+} resource does not serve its parent path).
import {distance} from 'fastest-levenshtein';

type Segment = {readonly kind: 'literal'; readonly text: string} | {readonly kind: 'param'} | {readonly kind: 'greedy'};

const rank = {literal: 0, param: 1, greedy: 2} as const;

function parseTemplate(path: string): Segment[] {
  return path
    .split('/')
    .filter((part) => part !== '')
    .map((part): Segment => {
      if (/^\{[^}]+\+\}$/.test(part)) return {kind: 'greedy'};
      if (/^\{[^}]+\}$/.test(part)) return {kind: 'param'};
      return {kind: 'literal', text: part};
    });
}

export function pathSegments(path: string): string[] {
  return path.split('/').filter((part) => part !== '');
}

/** Per-segment ranks when the template matches the request path, else undefined. */
function specificity(template: readonly Segment[], request: readonly string[]): number[] | undefined {
  const ranks: number[] = [];
  for (const [index, segment] of template.entries()) {
    if (segment.kind === 'greedy') {
      // Greedy only as the last segment, and it needs at least one segment to swallow.
      return index === template.length - 1 && request.length > index ? [...ranks, rank.greedy] : undefined;
    }
    const part = request[index];
    if (part === undefined) return undefined;
    if (segment.kind === 'literal' && segment.text !== part) return undefined;
    ranks.push(rank[segment.kind]);
  }
  return template.length === request.length ? ranks : undefined;
}

function compareRanks(a: readonly number[], b: readonly number[]): number {
  for (let index = 0; index < Math.min(a.length, b.length); index += 1) {
    const difference = (a[index] ?? 0) - (b[index] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}

/** A template (resource path or route path) with the verbs it serves. */
export interface RouteCandidate<Ref> {
  readonly path: string;
  /** Upper-case verbs, or ANY. */
  readonly methods: readonly string[];
  readonly ref: Ref;
}

export type RouteMatch<Ref> =
  | {readonly kind: 'matched'; readonly path: string; readonly method: string; readonly ref: Ref}
  | {readonly kind: 'method-not-allowed'; readonly path: string; readonly allowedMethods: readonly string[]}
  | {readonly kind: 'not-found'; readonly nearest: readonly string[]};

function mostSpecific<Ref>(candidates: readonly RouteCandidate<Ref>[], request: readonly string[]): RouteCandidate<Ref>[] {
  const scored = candidates.flatMap((candidate) => {
    const ranks = specificity(parseTemplate(candidate.path), request);
    return ranks ? [{candidate, ranks}] : [];
  });
  scored.sort((a, b) => compareRanks(a.ranks, b.ranks));
  const best = scored[0];
  return best ? scored.filter((entry) => compareRanks(entry.ranks, best.ranks) === 0).map((entry) => entry.candidate) : [];
}

const verbOf = (methods: readonly string[], method: string): string | undefined =>
  methods.includes(method) ? method : methods.includes('ANY') ? 'ANY' : undefined;

/** A template with the request's own segments put where it has {params} ("/notes/{id}" → "/notes/42"). */
export function fillTemplate(template: string, requestPath: string): string {
  const request = pathSegments(requestPath);
  const filled = parseTemplate(template).map((segment, index) =>
    segment.kind === 'literal' ? segment.text : segment.kind === 'param' ? (request[index] ?? '{param}') : request.slice(index).join('/') || '{proxy+}',
  );
  return '/' + filled.join('/');
}

/** The defined paths closest to the request path (for "did you mean"), compared with the request's values filled in. */
export function nearestPaths(paths: readonly string[], requestPath: string, count = 3): string[] {
  return [...new Set(paths)]
    .map((path) => ({path, score: distance(fillTemplate(path, requestPath).toLowerCase(), requestPath.toLowerCase())}))
    .sort((a, b) => a.score - b.score || (a.path < b.path ? -1 : 1))
    .slice(0, count)
    .map((entry) => entry.path);
}

/**
 * REST: the resource is chosen by path alone (resources without methods are not served),
 * then the verb on that resource, exact before ANY. A missing verb is not retried on a less
 * specific resource: API Gateway answers 403 Missing Authentication Token.
 */
export function matchRestResource<Ref>(resources: readonly RouteCandidate<Ref>[], path: string, method: string): RouteMatch<Ref> {
  const served = resources.filter((resource) => resource.methods.length > 0);
  const [resource] = mostSpecific(served, pathSegments(path));
  if (!resource) return {kind: 'not-found', nearest: nearestPaths(served.map((entry) => entry.path), path)};
  const verb = verbOf(resource.methods, method);
  if (verb === undefined) return {kind: 'method-not-allowed', path: resource.path, allowedMethods: resource.methods};
  return {kind: 'matched', path: resource.path, method: verb, ref: resource.ref};
}

export interface HttpRouteRef<Ref> {
  readonly routeKey: string;
  readonly ref: Ref;
}

/**
 * HTTP APIs: the verb is part of the route key, so only routes serving this verb (or ANY)
 * compete; the most specific path wins, an exact verb beats ANY on the same path; the
 * $default route catches everything else.
 */
export function matchHttpRoute<Ref>(routes: readonly HttpRouteRef<Ref>[], path: string, method: string): RouteMatch<Ref> {
  const keyed = routes.flatMap((route) => {
    const [verb, routePath] = route.routeKey.split(' ');
    return verb && routePath ? [{path: routePath, methods: [verb.toUpperCase()], ref: route.ref}] : [];
  });
  const request = pathSegments(path);
  const serving = keyed.filter((candidate) => verbOf(candidate.methods, method) !== undefined);
  const best = mostSpecific(serving, request);
  const chosen = best.find((candidate) => candidate.methods.includes(method)) ?? best[0];
  if (chosen) return {kind: 'matched', path: chosen.path, method: chosen.methods[0] ?? method, ref: chosen.ref};
  const fallback = routes.find((route) => route.routeKey === '$default');
  if (fallback) return {kind: 'matched', path: '$default', method: 'ANY', ref: fallback.ref};
  const samePath = mostSpecific(keyed, request);
  const [first] = samePath;
  if (first) return {kind: 'method-not-allowed', path: first.path, allowedMethods: [...new Set(samePath.flatMap((candidate) => candidate.methods))]};
  return {kind: 'not-found', nearest: nearestPaths(keyed.map((candidate) => candidate.path), path)};
}
