// The stage and the route a request lands on, read from the control plane, and the
// integration (which Lambda) behind that route.
import type {AwsPorts, RestIntegration, RestResource, HttpIntegration, HttpRoute} from '../../aws/ports.js';
import type {EndpointFacts, ParsedApiUrl} from '../stage.js';
import {apigatewayArn, attempt, type CallProblem, type Outcome} from './aws-calls.js';
import {lambdaTarget} from './lambda-target.js';
import type {LocatedApi} from './locate-api.js';
import {matchHttpRoute, matchRestResource} from './route-match.js';

export type StageResolution =
  | {readonly kind: 'found'; readonly stage: string; readonly path: string; readonly variables: Readonly<Record<string, string>>; readonly problem?: CallProblem}
  | {readonly kind: 'missing'; readonly stages: readonly string[]; readonly problem?: CallProblem};

/**
 * REST: the first path segment is the stage. HTTP APIs: an explicitly named stage first,
 * else the $default stage, which serves the whole path (the first segment is then part of
 * the path). A custom domain's mapping fixes the stage, so there is no fallback there.
 */
export async function resolveStage(aws: AwsPorts, api: LocatedApi, parsed: ParsedApiUrl, signal: AbortSignal): Promise<StageResolution> {
  const resource = apigatewayArn(api.region, `/${api.kind === 'rest' ? 'restapis' : 'apis'}/${api.id}/stages`);
  const listed = await attempt('GetStages', resource, async () =>
    api.kind === 'rest'
      ? (await aws.apigw.listStages(api.id, {signal})).map((stage) => ({name: stage.stageName, variables: stage.variables}))
      : (await aws.apigwv2.listStages(api.id, {signal})).map((stage) => ({name: stage.stageName, variables: {}})),
  );
  if (listed.kind === 'problem') {
    // Without the stage list, carry on with the stage the URL names.
    return parsed.stage === undefined ? {kind: 'missing', stages: [], problem: listed.problem} : {kind: 'found', stage: parsed.stage, path: parsed.path, variables: {}, problem: listed.problem};
  }
  const stages = listed.kind === 'ok' ? listed.value : [];
  const named = stages.find((stage) => stage.name === parsed.stage && (api.kind === 'rest' || stage.name !== '$default'));
  if (named) return {kind: 'found', stage: named.name, path: parsed.path, variables: named.variables};
  const fallback = stages.find((stage) => stage.name === '$default');
  if (api.kind === 'http' && fallback && parsed.form !== 'custom-domain') {
    const path = parsed.stage === undefined ? parsed.path : `/${parsed.stage}${parsed.path === '/' ? '' : parsed.path}`;
    return {kind: 'found', stage: fallback.name, path, variables: fallback.variables};
  }
  return {kind: 'missing', stages: stages.map((stage) => stage.name)};
}

export type RouteResolution =
  | {readonly kind: 'matched'; readonly route: NonNullable<EndpointFacts['route']>; readonly integration?: NonNullable<EndpointFacts['integration']>; readonly unresolvedVariables: readonly string[]; readonly problems: readonly CallProblem[]}
  | {readonly kind: 'not-found'; readonly nearest: readonly string[]}
  | {readonly kind: 'method-not-allowed'; readonly resourcePath: string; readonly allowed: readonly string[]}
  | {readonly kind: 'unknown'; readonly problems: readonly CallProblem[]};

function integrationFacts(
  integration: {type: string; uri?: string; timeoutInMillis?: number},
  defaultTimeout: number,
  variables: Readonly<Record<string, string>>,
): {facts: NonNullable<EndpointFacts['integration']>; unresolved: readonly string[]} {
  const target = integration.type.startsWith('AWS') ? lambdaTarget(integration.uri, variables) : undefined;
  return {
    facts: {type: integration.type, uri: integration.uri, lambdaArn: target?.lambdaArn, functionName: target?.functionName, qualifier: target?.qualifier, timeoutInMillis: integration.timeoutInMillis ?? defaultTimeout},
    unresolved: target?.unresolved ?? [],
  };
}

// API Gateway's default integration timeouts: 29 s (REST), 30 s (HTTP APIs). aws-facts §5.3.
const restDefaultTimeout = 29_000;
const httpDefaultTimeout = 30_000;

/** The API's resources (REST) or routes (HTTP): they do not depend on the stage. */
export type RouteListing = {readonly kind: 'rest'; readonly listed: Promise<Outcome<RestResource[]>>} | {readonly kind: 'http'; readonly listed: Promise<Outcome<HttpRoute[]>>};

/** Starts listing the API's routes, so the walk can resolve the stage meanwhile. */
export function listRoutes(aws: AwsPorts, api: LocatedApi, signal: AbortSignal): RouteListing {
  const listing: RouteListing =
    api.kind === 'rest'
      ? {kind: 'rest', listed: attempt('GetResources', apigatewayArn(api.region, `/restapis/${api.id}/resources`), () => aws.apigw.listResources(api.id, {signal}))}
      : {kind: 'http', listed: attempt('GetRoutes', apigatewayArn(api.region, `/apis/${api.id}/routes`), () => aws.apigwv2.listRoutes(api.id, {signal}))};
  // Unused when the stage turns out to be missing: a failure then must not go unhandled.
  listing.listed.catch(() => undefined);
  return listing;
}

async function resolveRestRoute(aws: AwsPorts, api: LocatedApi, listing: Promise<Outcome<RestResource[]>>, path: string, method: string, variables: Readonly<Record<string, string>>, signal: AbortSignal): Promise<RouteResolution> {
  const base = `/restapis/${api.id}/resources`;
  const listed = await listing;
  if (listed.kind === 'problem') return {kind: 'unknown', problems: [listed.problem]};
  const resources: RestResource[] = listed.kind === 'ok' ? listed.value : [];
  const match = matchRestResource(resources.map((resource) => ({path: resource.path, methods: Object.keys(resource.methods), ref: resource})), path, method);
  if (match.kind === 'not-found') return match;
  if (match.kind === 'method-not-allowed') return {kind: 'method-not-allowed', resourcePath: match.path, allowed: match.allowedMethods};
  const resource = match.ref;
  const restMethod = resource.methods[match.method];
  const problems: CallProblem[] = [];
  let integration: RestIntegration | undefined = restMethod?.integration;
  if (!integration) {
    const fetched = await attempt('GetIntegration', apigatewayArn(api.region, `${base}/${resource.id}/methods/${match.method}/integration`), () => aws.apigw.getIntegration(api.id, resource.id, match.method, {signal}));
    if (fetched.kind === 'ok') integration = fetched.value;
    if (fetched.kind === 'problem') problems.push(fetched.problem);
  }
  const described = integration && integrationFacts(integration, restDefaultTimeout, variables);
  return {
    kind: 'matched',
    route: {key: `${match.method} ${resource.path}`, resourcePath: resource.path, method: match.method, resourceId: resource.id, authorizationType: restMethod?.authorizationType ?? 'NONE', authorizerId: restMethod?.authorizerId},
    integration: described?.facts,
    unresolvedVariables: described?.unresolved ?? [],
    problems,
  };
}

async function resolveHttpRoute(aws: AwsPorts, api: LocatedApi, listing: Promise<Outcome<HttpRoute[]>>, path: string, method: string, variables: Readonly<Record<string, string>>, signal: AbortSignal): Promise<RouteResolution> {
  const listed = await listing;
  if (listed.kind === 'problem') return {kind: 'unknown', problems: [listed.problem]};
  const routes: HttpRoute[] = listed.kind === 'ok' ? listed.value : [];
  const match = matchHttpRoute(routes.map((route) => ({routeKey: route.routeKey, ref: route})), path, method);
  if (match.kind === 'not-found') return match;
  if (match.kind === 'method-not-allowed') return {kind: 'method-not-allowed', resourcePath: match.path, allowed: match.allowedMethods};
  const route = match.ref;
  const problems: CallProblem[] = [];
  let integration: HttpIntegration | undefined;
  const integrationId = route.target?.replace(/^integrations\//, '');
  if (integrationId) {
    const fetched = await attempt('GetIntegration', apigatewayArn(api.region, `/apis/${api.id}/integrations/${integrationId}`), () => aws.apigwv2.getIntegration(api.id, integrationId, {signal}));
    if (fetched.kind === 'ok') integration = fetched.value;
    if (fetched.kind === 'problem') problems.push(fetched.problem);
  }
  const described = integration && integrationFacts({type: integration.integrationType, uri: integration.integrationUri, timeoutInMillis: integration.timeoutInMillis}, httpDefaultTimeout, variables);
  return {
    kind: 'matched',
    route: {key: route.routeKey, resourcePath: match.path, method: match.method, routeId: route.routeId, authorizationType: route.authorizationType, authorizerId: route.authorizerId},
    integration: described?.facts,
    unresolvedVariables: described?.unresolved ?? [],
    problems,
  };
}

export function resolveRoute(aws: AwsPorts, api: LocatedApi, listing: RouteListing, path: string, method: string, variables: Readonly<Record<string, string>>, signal: AbortSignal): Promise<RouteResolution> {
  return listing.kind === 'rest' ? resolveRestRoute(aws, api, listing.listed, path, method, variables, signal) : resolveHttpRoute(aws, api, listing.listed, path, method, variables, signal);
}
