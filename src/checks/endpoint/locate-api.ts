// Where the API lives: REST (v1) or HTTP (v2) in the URL's region, else in another region,
// else nowhere; and which API and stage a custom domain maps a path to.
import {setMaxListeners} from 'node:events';
import {distance} from 'fastest-levenshtein';
import {isAwsError} from '../../aws/errors.js';
import type {ApiMapping, AwsPorts} from '../../aws/ports.js';
import {apigatewayArn, attempt, type CallProblem} from './aws-calls.js';
import {pathSegments} from './route-match.js';

export interface LocatedApi {
  readonly kind: 'rest' | 'http';
  readonly id: string;
  readonly name: string;
  readonly region: string;
  readonly disableExecuteApiEndpoint: boolean;
}

export interface RegionLookup {
  readonly api?: LocatedApi;
  /** Lookups that could not be made (throttled, denied, unsupported, …). */
  readonly problems: readonly CallProblem[];
  /**
   * Only both lookups answering NotFound prove the API is not in this region: a throttled or
   * denied GetRestApi says nothing about whether the REST API exists.
   */
  readonly absent: boolean;
}

/** GetRestApi and GetApi together: an id names one or the other, never both. */
export async function lookupApiInRegion(aws: AwsPorts, apiId: string, signal: AbortSignal): Promise<RegionLookup> {
  const [rest, http] = await Promise.all([
    attempt('GetRestApi', apigatewayArn(aws.region, `/restapis/${apiId}`), () => aws.apigw.getRestApi(apiId, {signal})),
    attempt('GetApi', apigatewayArn(aws.region, `/apis/${apiId}`), () => aws.apigwv2.getApi(apiId, {signal})),
  ]);
  const problems = [rest, http].flatMap((outcome) => (outcome.kind === 'problem' ? [outcome.problem] : []));
  if (rest.kind === 'ok') return {api: {kind: 'rest', id: rest.value.id, name: rest.value.name, region: aws.region, disableExecuteApiEndpoint: rest.value.disableExecuteApiEndpoint}, problems, absent: false};
  // A WebSocket API is a v2 API too, but not one this tool diagnoses; it is still "the API".
  if (http.kind === 'ok') return {api: {kind: 'http', id: http.value.apiId, name: http.value.name, region: aws.region, disableExecuteApiEndpoint: http.value.disableExecuteApiEndpoint}, problems, absent: false};
  return {problems, absent: problems.length === 0};
}

export interface RegionSearch {
  readonly api?: LocatedApi;
  /** Regions where the API is proven absent (or found). */
  readonly searched: readonly string[];
  /** Regions whose answer is unknown (throttled, opt-in region not enabled, no permission, …). */
  readonly unsearchable: ReadonlyArray<{readonly region: string; readonly reason: string}>;
}

/** Regions asked at once: one wave is one round trip. */
const REGION_WAVE = 6;

/**
 * Looks for the API in each other region, a wave of 6 at a time, and stops after the wave
 * that finds it. That wave is not cut short: its other lookups are already on the wire, and
 * letting them answer keeps the calls made the same from run to run. A region that cannot be
 * asked, or answers one lookup with anything but NotFound, is listed as unknown, not absent:
 * opt-in regions that are not enabled reject even valid credentials, and a throttled lookup
 * proves nothing.
 */
export async function searchOtherRegions(aws: AwsPorts, apiId: string, regions: readonly string[], signal: AbortSignal): Promise<RegionSearch> {
  let api: LocatedApi | undefined;
  const searched: string[] = [];
  const unsearchable: Array<{region: string; reason: string}> = [];
  // One signal for the whole scan keeps dozens of concurrent SDK calls from piling listeners
  // onto the caller's signal.
  const scan = new AbortController();
  setMaxListeners(2 * REGION_WAVE + 4, scan.signal);
  const forward = () => scan.abort();
  signal.addEventListener('abort', forward, {once: true});
  try {
    for (let start = 0; start < regions.length && !api; start += REGION_WAVE) {
      await Promise.all(
        regions.slice(start, start + REGION_WAVE).map(async (region) => {
          try {
            const lookup = await lookupApiInRegion(aws.forRegion(region), apiId, scan.signal);
            api ??= lookup.api;
            const problem = lookup.problems[0];
            if (problem && !lookup.api) unsearchable.push({region, reason: `${problem.operation}: ${problem.error.message}`});
            else searched.push(region);
          } catch (error) {
            if (!isAwsError(error) || signal.aborted) throw error;
            unsearchable.push({region, reason: error.message});
          }
        }),
      );
    }
  } finally {
    signal.removeEventListener('abort', forward);
  }
  return {api, searched, unsearchable};
}

export interface NearbyApi {
  readonly kind: 'rest' | 'http';
  readonly id: string;
  readonly name: string;
}

/** The APIs that do exist in the region, closest id or name first. */
export async function listNearbyApis(aws: AwsPorts, apiId: string, signal: AbortSignal, count = 5): Promise<{apis: NearbyApi[]; problems: CallProblem[]}> {
  const [rest, http] = await Promise.all([
    attempt('GetRestApis', apigatewayArn(aws.region, '/restapis'), () => aws.apigw.listRestApis({signal})),
    attempt('GetApis', apigatewayArn(aws.region, '/apis'), () => aws.apigwv2.listApis({signal})),
  ]);
  const apis: NearbyApi[] = [
    ...(rest.kind === 'ok' ? rest.value.map((api) => ({kind: 'rest' as const, id: api.id, name: api.name})) : []),
    ...(http.kind === 'ok' ? http.value.map((api) => ({kind: 'http' as const, id: api.apiId, name: api.name})) : []),
  ];
  const score = (api: NearbyApi) => Math.min(distance(api.id, apiId), distance(api.name.toLowerCase(), apiId));
  apis.sort((a, b) => score(a) - score(b));
  return {apis: apis.slice(0, count), problems: [rest, http].flatMap((outcome) => (outcome.kind === 'problem' ? [outcome.problem] : []))};
}

export type DomainResolution =
  | {readonly kind: 'resolved'; readonly domainName: string; readonly mapping: ApiMapping; readonly path: string}
  | {readonly kind: 'no-domain'; readonly domains: readonly string[]}
  | {readonly kind: 'no-mapping'; readonly domainName: string; readonly mappings: readonly ApiMapping[]};

function domainMatches(domainName: string, host: string): boolean {
  const name = domainName.toLowerCase();
  // Wildcard custom domains (*.example.com) serve any one label in front.
  return name === host || (name.startsWith('*.') && host.endsWith(name.slice(1)) && !host.slice(0, -name.length + 1).includes('.'));
}

/** The mapping whose base path is the longest prefix (in whole segments) of the path; "" maps the root. */
export function pickMapping(mappings: readonly ApiMapping[], path: string): {mapping: ApiMapping; path: string} | undefined {
  const request = pathSegments(path);
  const candidates = mappings
    .map((mapping) => ({mapping, base: pathSegments(mapping.basePath === '(none)' ? '' : mapping.basePath)}))
    .filter(({base}) => base.every((segment, index) => request[index] === segment))
    .sort((a, b) => b.base.length - a.base.length);
  const best = candidates[0];
  return best && {mapping: {...best.mapping, basePath: best.base.join('/')}, path: '/' + request.slice(best.base.length).join('/')};
}

/** Custom domain → API id + stage, through GetDomainNames and the base path / API mappings. */
export async function resolveCustomDomain(aws: AwsPorts, host: string, path: string, signal: AbortSignal): Promise<{resolution?: DomainResolution; problems: CallProblem[]}> {
  const [v1, v2] = await Promise.all([
    attempt('GetDomainNames', apigatewayArn(aws.region, '/domainnames'), () => aws.apigw.listDomainNames({signal})),
    attempt('GetDomainNames (v2)', apigatewayArn(aws.region, '/domainnames'), () => aws.apigwv2.listDomainNames({signal})),
  ]);
  const problems = [v1, v2].flatMap((outcome) => (outcome.kind === 'problem' ? [outcome.problem] : []));
  const domains = [...(v1.kind === 'ok' ? v1.value : []), ...(v2.kind === 'ok' ? v2.value : [])].map((domain) => domain.domainName);
  const domainName = domains.find((name) => domainMatches(name, host));
  if (domainName === undefined) return {resolution: problems.length === 2 ? undefined : {kind: 'no-domain', domains: [...new Set(domains)]}, problems};

  const resource = apigatewayArn(aws.region, `/domainnames/${domainName}`);
  const [basePaths, apiMappings] = await Promise.all([
    attempt('GetBasePathMappings', `${resource}/basepathmappings`, () => aws.apigw.listBasePathMappings(domainName, {signal})),
    attempt('GetApiMappings', `${resource}/apimappings`, () => aws.apigwv2.listApiMappings(domainName, {signal})),
  ]);
  problems.push(...[basePaths, apiMappings].flatMap((outcome) => (outcome.kind === 'problem' ? [outcome.problem] : [])));
  // The v2 API mappings list REST mappings too; the v1 list adds nothing new but covers a v2 denial.
  const mappings = [...(apiMappings.kind === 'ok' ? apiMappings.value : []), ...(basePaths.kind === 'ok' ? basePaths.value : [])].filter(
    (mapping, index, all) => all.findIndex((other) => other.basePath === mapping.basePath && other.apiId === mapping.apiId && other.stage === mapping.stage) === index,
  );
  const picked = pickMapping(mappings, path);
  if (!picked) return {resolution: {kind: 'no-mapping', domainName, mappings}, problems};
  return {resolution: {kind: 'resolved', domainName, ...picked}, problems};
}
