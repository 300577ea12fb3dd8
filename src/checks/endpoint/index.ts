// Stage 1: does the URL name a deployed API, stage, route and method? The control plane
// (what AWS says is deployed) decides; one unsigned probe of the URL is read as evidence.
import {closest} from 'fastest-levenshtein';
import type {AwsPorts} from '../../aws/ports.js';
import {commercialRegions} from '../../aws/regions.js';
import type {Evidence, Finding} from '../findings.js';
import type {EndpointFacts, ParsedApiUrl, StageContext, StageDefinition, StageOutcome} from '../stage.js';
import * as build from './findings.js';
import {listNearbyApis, lookupApiInRegion, resolveCustomDomain, searchOtherRegions, type LocatedApi} from './locate-api.js';
import {parseApiUrl, rebuildUrl, type ParsedUrlParts, type UrlChange} from './parse-url.js';
import {readProbe, type ProbeReading} from './read-probe.js';
import {listRoutes, resolveRoute, resolveStage, type RouteResolution} from './resolve.js';
import {fillTemplate, pathSegments} from './route-match.js';

const neverReaches = 'The request never reaches API Gateway, so there are no CloudWatch logs or Lambda invocations to look at.';
const unknownStage = 'API Gateway rejects a request for an unknown stage before it logs anything, so there are no CloudWatch logs or Lambda invocations to look at.';
const answeredByGateway = 'API Gateway answers this request itself, before calling any Lambda, so there are no Lambda logs or timeouts to look at.';

type Suggestion = NonNullable<EndpointFacts['suggestions']>[number];

/** What the control plane says, before the probe is read. */
interface Verdict {
  /** The finding the probe reading is attached to comes first. */
  readonly findings: Finding[];
  readonly facts: Omit<EndpointFacts, 'url' | 'method' | 'probe' | 'suggestions'>;
  readonly suggestions: Suggestion[];
  readonly stopReason?: string;
  /** Set when API, stage and route all hold. */
  readonly served?: {readonly context: build.RouteContext; readonly routeKey: string; readonly authorizationType: string; readonly summary: build.EndpointSummary; readonly notes: string[]};
}

interface Walk {
  readonly ctx: StageContext;
  readonly parts: ParsedUrlParts;
  /** For a custom domain, the mapped base path ("v1"), so corrected URLs keep it. */
  readonly basePath: string;
}

function suggest(walk: Walk, label: string, change: UrlChange, region: string, method = walk.ctx.input.method): Suggestion {
  const path = change.path !== undefined && walk.parts.parsed.form === 'custom-domain' && change.stage === undefined && walk.basePath ? `/${walk.basePath}${change.path}` : change.path;
  return {label, url: rebuildUrl(walk.parts, {...change, path}, region), method};
}

function portsFor(aws: AwsPorts, region: string): AwsPorts {
  return region === aws.region ? aws : aws.forRegion(region);
}

async function locate(walk: Walk, apiId: string, region: string): Promise<{api: LocatedApi; findings: Finding[]} | Verdict> {
  const {ctx, parts} = walk;
  const home = await lookupApiInRegion(portsFor(ctx.aws, region), apiId, ctx.signal);
  const problems = home.problems.map(build.callProblem);
  if (home.api) return {api: home.api, findings: problems};
  const base = {parsed: parts.parsed, reachesApiGateway: false};
  // Anything but NotFound from either lookup (throttled, denied, …) leaves it unknown whether
  // the API is here: say which call failed rather than search elsewhere and report it missing.
  if (!home.absent) return {findings: problems, facts: {...base, reachesApiGateway: true}, suggestions: []};

  const others = commercialRegions.includes(region) ? commercialRegions.filter((other) => other !== region) : [];
  const search = await searchOtherRegions(ctx.aws, apiId, others, ctx.signal);
  if (search.api) {
    const api = search.api;
    const suggestion = suggest(walk, `Use ${api.region}`, {region: api.region}, region);
    const regionOnlyFix = parts.parsed.form === 'aws' || parts.parsed.form === 'custom-domain' ? undefined : `apigw-doctor '${ctx.input.url.replaceAll("'", '%27')}' --region ${api.region}`;
    return {
      findings: [build.apiInOtherRegion({api, urlRegion: region, correctedUrl: suggestion.url, regionOnlyFix}), ...problems],
      facts: {...base, api: {kind: api.kind, id: api.id, name: api.name, region: api.region}},
      suggestions: regionOnlyFix ? [] : [suggestion],
      stopReason: neverReaches,
    };
  }
  const nearby = await listNearbyApis(portsFor(ctx.aws, region), apiId, ctx.signal);
  return {
    findings: [build.apiNotFound({apiId, region, searched: [region, ...search.searched], unsearchable: search.unsearchable, nearby: nearby.apis}), ...problems, ...nearby.problems.map(build.callProblem)],
    facts: base,
    suggestions: [],
    stopReason: neverReaches,
  };
}

async function diagnose(ctx: StageContext, parts: ParsedUrlParts): Promise<Verdict> {
  const region = parts.parsed.region ?? ctx.aws.region;
  let parsed: ParsedApiUrl = parts.parsed;
  let basePath = '';
  const findings: Finding[] = [];

  if (parsed.form === 'custom-domain') {
    const domain = await resolveCustomDomain(portsFor(ctx.aws, region), parsed.host, parsed.path, ctx.signal);
    findings.push(...domain.problems.map(build.callProblem));
    const resolution = domain.resolution;
    if (!resolution) return {findings, facts: {parsed, reachesApiGateway: true}, suggestions: []};
    if (resolution.kind === 'no-domain') return {findings: [build.customDomainNotFound({host: parsed.host, region, domains: resolution.domains}), ...findings], facts: {parsed, reachesApiGateway: false}, suggestions: [], stopReason: neverReaches};
    if (resolution.kind === 'no-mapping') return {findings: [build.customDomainUnmapped({domainName: resolution.domainName, path: parsed.path, mappings: resolution.mappings}), ...findings], facts: {parsed, reachesApiGateway: false}, suggestions: [], stopReason: answeredByGateway};
    parsed = {...parsed, apiId: resolution.mapping.apiId, stage: resolution.mapping.stage, path: resolution.path};
    basePath = resolution.mapping.basePath;
  }
  const walk: Walk = {ctx, parts: {...parts, parsed}, basePath};

  const located = await locate(walk, parsed.apiId ?? '', region);
  if ('facts' in located) return {...located, findings: [...located.findings, ...findings]};
  const {api} = located;
  findings.push(...located.findings);
  const apiFacts = {kind: api.kind, id: api.id, name: api.name, region: api.region};
  const ports = portsFor(ctx.aws, api.region);

  // The routes do not depend on the stage: both are asked at once (one call too many when
  // the stage is wrong, one round trip fewer on every other walk).
  const listing = listRoutes(ports, api, ctx.signal);
  const stage = await resolveStage(ports, api, parsed, ctx.signal);
  if (stage.problem) findings.push(build.callProblem(stage.problem));
  if (stage.kind === 'missing') {
    const nearest = stage.stages.length > 0 ? closest(parsed.stage ?? '', [...stage.stages]) : undefined;
    const suggestions = stage.stages.map((name) => suggest(walk, `Stage ${name}`, {stage: name === '$default' ? null : name}, region));
    const best = suggestions.find((suggestion) => suggestion.label === `Stage ${nearest}`);
    return {
      findings: [build.stageNotFound({api, stage: parsed.stage, stages: stage.stages, closest: nearest, correctedUrl: best?.url}), ...findings],
      facts: {parsed, api: apiFacts, reachesApiGateway: false},
      suggestions: best ? [best, ...suggestions.filter((suggestion) => suggestion !== best)] : suggestions,
      stopReason: unknownStage,
    };
  }

  const method = ctx.input.method;
  const context: build.RouteContext = {api, stage: stage.stage, method, path: stage.path};
  const facts = {parsed, api: apiFacts, stage: stage.stage, reachesApiGateway: true};
  const route: RouteResolution = await resolveRoute(ports, api, listing, stage.path, method, stage.variables, ctx.signal);
  if (route.kind === 'unknown') return {findings: [...findings, ...route.problems.map(build.callProblem)], facts, suggestions: []};
  if (route.kind === 'not-found') {
    const suggestions = route.nearest.map((template) => fillTemplate(template, stage.path)).map((path) => suggest(walk, `${method} ${path}`, {path}, region));
    // On a custom domain the mapping replaces the stage; writing it again is a classic 403 (KC api-gateway-403-custom-domain).
    const repeatsStage = parts.parsed.form === 'custom-domain' && pathSegments(stage.path)[0] === stage.stage;
    const withoutStage = repeatsStage ? suggest(walk, 'Without the stage', {path: '/' + pathSegments(stage.path).slice(1).join('/')}, region) : undefined;
    const all = withoutStage ? [withoutStage, ...suggestions] : suggestions;
    const note = repeatsStage ? `A custom domain's mapping already picks the stage "${stage.stage}", so the path must not start with it.` : undefined;
    return {findings: [build.routeNotFound(context, {nearest: route.nearest, correctedUrl: all[0]?.url, customDomainStageNote: note}), ...findings], facts, suggestions: all, stopReason: answeredByGateway};
  }
  if (route.kind === 'method-not-allowed') {
    const suggestions = route.allowed.filter((verb) => verb !== 'ANY').map((verb) => suggest(walk, `${verb} instead of ${method}`, {}, region, verb));
    return {findings: [build.methodNotAllowed(context, {resourcePath: route.resourcePath, allowed: route.allowed}), ...findings], facts, suggestions, stopReason: answeredByGateway};
  }

  findings.push(...route.problems.map(build.callProblem));
  const integration = route.integration;
  const notes: string[] = [];
  if (route.unresolvedVariables.length > 0) notes.push(`The integration names its Lambda through stage variable(s) ${route.unresolvedVariables.join(', ')}, which stage "${stage.stage}" does not define: API Gateway cannot call it.`);
  if (api.disableExecuteApiEndpoint && parsed.form === 'aws') notes.push('This API has its default execute-api endpoint turned off: only its custom domain answers; this URL gets 403 Forbidden.');
  const target = integration?.functionName ? `Lambda ${integration.functionName}${integration.qualifier ? `:${integration.qualifier}` : ''} (${integration.type}, ${integration.lambdaArn})` : integration ? `${integration.type}${integration.uri ? ` ${integration.uri}` : ''}` : 'none could be read';
  const summary: build.EndpointSummary = {...context, routeKey: route.route.key, authorizationType: route.route.authorizationType, integration: target};
  return {
    findings,
    facts: {...facts, route: route.route, integration},
    suggestions: [],
    served: {context, routeKey: route.route.key, authorizationType: route.route.authorizationType, summary, notes},
  };
}

/** Adds what the probe saw to the verdict, and catches what the control plane cannot see. */
function conclude(verdict: Verdict, reading: ProbeReading, apiKind: 'rest' | 'http' | undefined): {findings: Finding[]; stopReason?: string; reachesApiGateway: boolean} {
  const meaning = (text: string): Evidence => ({kind: 'text', label: 'What the probe answer means', text});
  const reachesApiGateway = verdict.facts.reachesApiGateway && reading.verdict !== 'host-not-found';
  const served = verdict.served;
  if (!served) {
    const [main, ...rest] = verdict.findings;
    return {findings: main ? [build.withEvidence(main, [reading.evidence, meaning(reading.summary)]), ...rest] : [], stopReason: verdict.stopReason, reachesApiGateway};
  }
  const iam = served.authorizationType === 'AWS_IAM';
  const unsignedIamAnswer = iam && ((apiKind === 'rest' && reading.verdict === 'missing-auth-token') || (apiKind === 'http' && reading.verdict === 'forbidden'));
  if (!unsignedIamAnswer && (reading.verdict === 'missing-auth-token' || (apiKind === 'http' && reading.verdict === 'not-found'))) {
    const finding = build.withEvidence(build.routeNotDeployed(served.context, served.routeKey), [reading.evidence, meaning(reading.summary)]);
    return {findings: [finding, ...verdict.findings], stopReason: answeredByGateway, reachesApiGateway};
  }
  const explanation = unsignedIamAnswer
    ? `The probe is unsigned and ${served.routeKey} uses AWS_IAM, so API Gateway's ${reading.status} is the expected answer, not a problem: a SigV4-signed request from an allowed role gets through.`
    : reading.verdict === 'host-not-found'
      ? 'The API exists, yet its host name does not resolve from here: a private API (resolvable only inside its VPC) or a DNS problem on this machine.'
      : reading.summary;
  const ok = build.withEvidence(build.endpointOk(served.summary, served.notes), [reading.evidence, meaning(explanation)]);
  return {findings: [ok, ...verdict.findings], reachesApiGateway};
}

async function runEndpointStage(ctx: StageContext): Promise<StageOutcome> {
  const {url, method} = ctx.input;
  const parse = parseApiUrl(url);
  if (!parse.ok) {
    const suggestions = parse.correctedUrl ? [{label: 'Corrected URL', url: parse.correctedUrl, method}] : undefined;
    return {findings: [build.urlInvalid(url, parse.reason, parse.correctedUrl)], facts: {endpoint: {url, method, reachesApiGateway: false, suggestions}}, stopReason: neverReaches};
  }
  // The probe runs while the control plane is read; it never decides alone.
  const probing = ctx.probe.probe({url, method, signal: ctx.signal});
  probing.catch(() => undefined); // read below; keeps an early throw from leaving it unhandled
  const verdict = await diagnose(ctx, parse);
  const probe = await probing;
  const concluded = conclude(verdict, readProbe(probe, method, url), verdict.facts.api?.kind);
  const endpoint: EndpointFacts = {
    url,
    method,
    ...verdict.facts,
    probe,
    suggestions: verdict.suggestions.length > 0 ? verdict.suggestions : undefined,
    reachesApiGateway: concluded.reachesApiGateway,
  };
  return {findings: concluded.findings, facts: {endpoint}, stopReason: concluded.stopReason};
}

export const endpointStage: StageDefinition = {
  id: 'endpoint',
  title: 'Endpoint',
  explain: [
    'Does the URL name something API Gateway serves? It reads the URL (API id, region, stage, path), then asks',
    'API Gateway what is really deployed: the REST or HTTP API (in other regions too), its stages, and the',
    'resource or route API Gateway would pick for this path and verb ({id} params, {proxy+}, ANY, $default).',
    'A wrong API id, region or stage is rejected before API Gateway logs anything, so CloudWatch has nothing',
    'to show and later stages cannot help. One unsigned request to the URL is read as evidence: a REST 403',
    '"Missing Authentication Token" means no such route, or just an unsigned call to an AWS_IAM route.',
  ].join('\n'),
  run: runEndpointStage,
};
