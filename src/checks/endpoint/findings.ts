// The endpoint stage's Findings, worded for someone who has never opened the API Gateway
// console. Everything that came from AWS or the user is sanitised here, once.
import {sanitizeForTerminal, sanitizeLine} from '../../report/sanitize.js';
import type {Evidence, Finding, Fix} from '../findings.js';
import type {CallProblem} from './aws-calls.js';
import type {LocatedApi, NearbyApi} from './locate-api.js';

const text = (label: string, value: string): Evidence => ({kind: 'text', label, text: sanitizeForTerminal(value)});
const line = sanitizeLine;
const urlFix = (summary: string, url: string): Fix => ({summary: line(summary), body: line(url), kind: 'text'});
const describeApi = (api: LocatedApi) => `${api.kind === 'rest' ? 'REST API' : 'HTTP API'} "${line(api.name)}" (${api.id}, ${api.region})`;
const list = (items: readonly string[]) => (items.length === 0 ? '(none)' : items.map(line).join(', '));

/** REST APIs give one answer to a wrong path, a wrong verb and an unsigned IAM call. */
const missingTokenNote =
  'A REST API answers a path or verb it does not have with 403 {"message":"Missing Authentication Token"}: the name misleads, no token is missing, the route is.';

function finding(id: string, severity: Finding['severity'], title: string, detail: string, evidence: Evidence[], fix?: Fix): Finding {
  return {id, stage: 'endpoint', severity, title: line(title), detail: sanitizeForTerminal(detail), evidence, fix};
}

export function withEvidence(base: Finding, extra: readonly Evidence[], note?: string): Finding {
  return {...base, detail: note ? `${base.detail}\n\n${sanitizeForTerminal(note)}` : base.detail, evidence: [...base.evidence, ...extra]};
}

export function urlInvalid(url: string, reason: string, correctedUrl?: string): Finding {
  return finding(
    'url-invalid',
    'error',
    'The URL cannot name an API Gateway endpoint',
    `${reason}\nAn API Gateway URL looks like https://API_ID.execute-api.REGION.amazonaws.com/STAGE/PATH (or a custom domain mapped to an API). The request cannot reach API Gateway as written.`,
    [text('URL as given', url)],
    correctedUrl ? urlFix('Use the corrected URL', correctedUrl) : {summary: 'Copy the stage\'s Invoke URL from the API Gateway console (Stages → Invoke URL) and add the path', kind: 'text'},
  );
}

export function apiNotFound(args: {apiId: string; region: string; searched: readonly string[]; unsearchable: ReadonlyArray<{region: string; reason: string}>; nearby: readonly NearbyApi[]}): Finding {
  const others = args.searched.filter((region) => region !== args.region);
  const nearby = args.nearby.map((api) => `${api.id}  ${line(api.name)} (${api.kind === 'rest' ? 'REST' : 'HTTP'})`);
  const detail = [
    `No REST or HTTP API has the id ${args.apiId} in ${args.region}${others.length > 0 ? `, nor in the ${others.length} other regions searched` : ''}. The id may be mistyped, the API deleted, or it belongs to another AWS account than the credentials in use.`,
    nearby.length > 0 ? `APIs that do exist in ${args.region}, closest first:\n  ${nearby.join('\n  ')}` : `There are no APIs at all in ${args.region} for this account.`,
    args.unsearchable.length > 0 ? `Could not search ${args.unsearchable.length} region(s): ${args.unsearchable.map((entry) => entry.region).join(', ')}.` : '',
  ];
  return finding(
    'api-not-found',
    'error',
    `No API ${args.apiId} in ${args.region} or any other region searched`,
    detail.filter(Boolean).join('\n'),
    [text('Regions searched', list(args.searched)), ...(args.unsearchable.length > 0 ? [text('Regions not searchable', args.unsearchable.map((entry) => `${entry.region}: ${entry.reason}`).join('\n'))] : [])],
    {summary: `List the APIs this account has in ${args.region}`, body: `aws apigateway get-rest-apis --region ${args.region}\naws apigatewayv2 get-apis --region ${args.region}`, kind: 'command', language: 'sh'},
  );
}

export function customDomainNotFound(args: {host: string; region: string; domains: readonly string[]}): Finding {
  return finding(
    'api-not-found',
    'error',
    `${args.host} is not an API Gateway custom domain in ${args.region}`,
    `The host is neither an execute-api host nor a custom domain name API Gateway knows in ${args.region}. Custom domains are regional: it may live in another region (run with --region), or the host may point at something other than API Gateway.`,
    [text('Custom domains in ' + args.region, list(args.domains))],
    {summary: 'List the custom domains, or use the execute-api URL instead', body: `aws apigatewayv2 get-domain-names --region ${args.region}`, kind: 'command', language: 'sh'},
  );
}

export function customDomainUnmapped(args: {domainName: string; path: string; mappings: ReadonlyArray<{basePath: string; apiId: string; stage: string}>}): Finding {
  return finding(
    'api-not-found',
    'error',
    `No API is mapped to ${args.path} on ${args.domainName}`,
    `The custom domain exists, but none of its base path mappings covers the path ${args.path}, so API Gateway has no API to send the request to.`,
    [text('Mappings on ' + args.domainName, args.mappings.map((mapping) => `/${mapping.basePath || '(none)'} → ${mapping.apiId} stage ${mapping.stage}`).join('\n') || '(none)')],
    {summary: 'Start the path with one of the mapped base paths, or add a mapping', body: `aws apigatewayv2 get-api-mappings --domain-name ${args.domainName}`, kind: 'command', language: 'sh'},
  );
}

export function apiInOtherRegion(args: {api: LocatedApi; urlRegion: string; correctedUrl: string; regionOnlyFix?: string}): Finding {
  return finding(
    'api-in-other-region',
    'error',
    `The API ${args.api.id} lives in ${args.api.region}, not ${args.urlRegion}`,
    `The URL sends the request to API Gateway in ${args.urlRegion}, where no API ${args.api.id} exists, so it never reaches your API (and nothing is logged). The ${describeApi(args.api)} is deployed in ${args.api.region}.`,
    [text('Found in', `${args.api.region}: ${args.api.id} "${args.api.name}"`)],
    args.regionOnlyFix ? {summary: `Run against ${args.api.region}`, body: line(args.regionOnlyFix), kind: 'command', language: 'sh'} : urlFix(`Call the API in ${args.api.region}`, args.correctedUrl),
  );
}

export function stageNotFound(args: {api: LocatedApi; stage?: string; stages: readonly string[]; closest?: string; correctedUrl?: string}): Finding {
  const asked = args.stage === undefined ? 'The URL names no stage' : `The URL names stage "${line(args.stage)}"`;
  const rest = args.api.kind === 'rest';
  return finding(
    'stage-not-found',
    'error',
    args.stage === undefined ? `The URL names no stage of ${args.api.id}` : `Stage "${args.stage}" does not exist on ${args.api.id}`,
    [
      `${asked}, but the ${describeApi(args.api)} has the stage(s): ${list(args.stages)}.${args.closest ? ` You probably meant "${line(args.closest)}".` : ''}`,
      rest
        ? 'API Gateway rejects a request for an unknown stage before running anything (403 Forbidden), so neither an execution log nor a Lambda log records it.'
        : 'An HTTP API falls back to its $default stage only when it has one; this API has none, so API Gateway answers 404 Not Found without calling any integration.',
      'Stage names are case-sensitive and come right after the host.',
    ].join('\n'),
    [text('Stages', list(args.stages))],
    args.correctedUrl ? urlFix(`Use stage "${args.closest ?? ''}"`, args.correctedUrl) : {summary: 'Deploy the API to a stage first', body: `aws apigateway create-deployment --rest-api-id ${args.api.id} --stage-name prod`, kind: 'command', language: 'sh'},
  );
}

export interface RouteContext {
  readonly api: LocatedApi;
  readonly stage: string;
  readonly method: string;
  readonly path: string;
}

const deployCommand = (context: RouteContext) =>
  context.api.kind === 'rest'
    ? `aws apigateway create-deployment --region ${context.api.region} --rest-api-id ${context.api.id} --stage-name ${context.stage}`
    : `aws apigatewayv2 create-deployment --region ${context.api.region} --api-id ${context.api.id} --stage-name '${context.stage}'`;

export function routeNotFound(context: RouteContext, args: {nearest: readonly string[]; correctedUrl?: string; customDomainStageNote?: string}): Finding {
  const rest = context.api.kind === 'rest';
  return finding(
    'route-not-found',
    'error',
    `No ${rest ? 'resource' : 'route'} matches ${context.method} ${context.path}`,
    [
      `Stage "${line(context.stage)}" of the ${describeApi(context.api)} has no ${rest ? 'resource' : 'route'} for the path ${line(context.path)}${args.nearest.length > 0 ? `; the nearest defined: ${list(args.nearest)}` : ''}.`,
      args.customDomainStageNote ?? '',
      rest ? missingTokenNote : 'An HTTP API answers an unmatched path with 404 {"message":"Not Found"}.',
      'API Gateway answers this itself, before any Lambda runs, so there are no Lambda logs for the request.',
    ]
      .filter(Boolean)
      .join('\n'),
    [text(rest ? 'Resources' : 'Routes', list(args.nearest))],
    args.correctedUrl
      ? urlFix('Call the nearest defined path', args.correctedUrl)
      : {summary: `Add the ${rest ? 'resource and method' : 'route'}, then deploy the stage`, body: deployCommand(context), kind: 'command', language: 'sh'},
  );
}

export function methodNotAllowed(context: RouteContext, args: {resourcePath: string; allowed: readonly string[]}): Finding {
  const rest = context.api.kind === 'rest';
  return finding(
    'method-not-allowed',
    'error',
    `${context.path} has no ${context.method} method`,
    [
      `The path matches ${line(args.resourcePath)}, which only answers ${list(args.allowed)}, not ${context.method}.`,
      rest ? missingTokenNote : 'An HTTP API answers a verb no route serves with 404 {"message":"Not Found"}.',
    ].join('\n'),
    [text('Methods on ' + args.resourcePath, list(args.allowed))],
    {summary: `Call it with ${args.allowed.filter((verb) => verb !== 'ANY')[0] ?? args.allowed[0]}, or add ${context.method} to ${args.resourcePath} and deploy`, body: deployCommand(context), kind: 'command', language: 'sh'},
  );
}

export interface EndpointSummary extends RouteContext {
  readonly routeKey: string;
  readonly authorizationType: string;
  readonly integration: string;
}

export function endpointOk(summary: EndpointSummary, notes: readonly string[]): Finding {
  return finding(
    'endpoint-ok',
    'ok',
    `${summary.method} ${summary.path} reaches ${summary.routeKey} on stage ${summary.stage}`,
    [
      `The ${describeApi(summary.api)} has stage "${line(summary.stage)}", and ${line(summary.routeKey)} serves ${summary.method} ${line(summary.path)} with authorization ${summary.authorizationType}.`,
      `Integration: ${line(summary.integration)}.`,
      ...notes,
    ].join('\n'),
    [text('Route', `${summary.routeKey}  (authorization ${summary.authorizationType})`), text('Integration', summary.integration)],
  );
}

export function routeNotDeployed(context: RouteContext, routeKey: string): Finding {
  return finding(
    'route-not-deployed',
    'error',
    `${routeKey} is configured but API Gateway does not serve it on ${context.stage}`,
    `The API's configuration has ${line(routeKey)}, yet API Gateway answered as if the route did not exist. Resource, method and route changes only take effect after a new deployment to the stage (stage settings do not need one).`,
    [],
    {summary: 'Deploy the API to the stage', body: deployCommand(context), kind: 'command', language: 'sh'},
  );
}

export function callProblem(problem: CallProblem): Finding {
  const denied = problem.error.kind === 'AccessDenied';
  return finding(
    denied ? 'access-denied' : 'aws-call-failed',
    'warning',
    denied ? `Missing permission ${problem.permission} (${problem.operation})` : `${problem.operation} failed: ${problem.error.kind}`,
    denied
      ? `Your credentials may not call ${problem.operation} (${problem.permission} on ${problem.resource}), so this part of the endpoint could not be checked; the rest was checked with what could be read.`
      : `${problem.operation} could not be answered (${problem.error.kind}), so this part of the endpoint could not be checked; the rest was checked with what could be read.`,
    [text('AWS said', problem.error.message)],
    denied
      ? {
          summary: `Allow ${problem.permission} on ${problem.resource} for the identity running apigw-doctor`,
          body: JSON.stringify({Version: '2012-10-17', Statement: [{Effect: 'Allow', Action: problem.permission, Resource: problem.resource}]}, null, 2),
          kind: 'policy',
          language: 'json',
        }
      : undefined,
  );
}
