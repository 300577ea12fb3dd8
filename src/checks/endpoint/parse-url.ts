// Turns the URL the user pasted into what it names (API id, region, stage, path), in every
// form API Gateway and LocalStack serve, or says precisely why it cannot name an API.
// Pure: no AWS calls. Custom domains are only recognised here; locate-api resolves them.
import {isIP} from 'node:net';
import {closest} from 'fastest-levenshtein';
import {sanitizeLine} from '../../report/sanitize.js';
import {commercialRegions, isKnownCommercialRegion, isRegionName} from '../../aws/regions.js';
import type {ParsedApiUrl} from '../stage.js';

/**
 * A region the URL may name: a commercial region the tool knows, or one shaped like a China
 * or GovCloud region (their own partitions, which the tool cannot enumerate).
 */
export function isKnownRegion(region: string): boolean {
  return isKnownCommercialRegion(region) || (isRegionName(region) && /^(cn|us-gov)-/.test(region));
}

export interface ParsedUrlParts {
  readonly parsed: ParsedApiUrl;
  /** scheme://host[:port], to rebuild corrected URLs in the same form. */
  readonly origin: string;
  /** "?a=b" or "": kept for the corrected URLs, ignored for route matching. */
  readonly query: string;
}

export type UrlParse = ({readonly ok: true} & ParsedUrlParts) | {readonly ok: false; readonly reason: string; readonly correctedUrl?: string};

const awsHost = /^([^.]+)\.execute-api\.([^.]+)\.amazonaws\.com(\.cn)?$/;
const localstackHost = /^([^.]+)\.execute-api\.localhost\.localstack\.cloud$/;
const awsApiId = /^[a-z0-9]{10}$/;
// LocalStack lets a tag choose the id (_custom_id_), so only forbid what cannot be an id.
const localApiId = /^[A-Za-z0-9_-]{1,128}$/;

function isLocalHost(host: string): boolean {
  return host === 'localhost' || host === '127.0.0.1' || host === '[::1]' || host === 'localhost.localstack.cloud' || host.endsWith('.localhost.localstack.cloud');
}

const invalid = (reason: string, correctedUrl?: string): UrlParse => ({ok: false, reason, correctedUrl});

/** User text quoted in a reason: one sanitised line, cut so a pasted megabyte stays a readable reason. */
function shown(text: string): string {
  const line = sanitizeLine(text);
  return line.length > 120 ? `${line.slice(0, 119)}…` : line;
}

/** Splits and percent-decodes the path; undefined when an escape is malformed. */
function decodeSegments(pathname: string): string[] | undefined {
  const segments = pathname.split('/').slice(1);
  if (segments.at(-1) === '') segments.pop(); // a trailing slash names the same resource
  try {
    return segments.map((segment) => decodeURIComponent(segment));
  } catch {
    return undefined;
  }
}

function joinPath(segments: readonly string[]): string {
  return '/' + segments.join('/');
}

/**
 * The stage is the first segment. A URL with no segment at all leaves it undefined (valid for
 * an HTTP API's $default stage); an empty first segment ("//path") is a typo.
 */
function splitStage(segments: readonly string[]): {stage?: string; path: string} | 'empty-stage' {
  if (segments.length === 0) return {path: '/'};
  if (segments[0] === '') return 'empty-stage';
  return {stage: segments[0], path: joinPath(segments.slice(1).filter((segment) => segment !== ''))};
}

export function parseApiUrl(input: string): UrlParse {
  const text = input.trim();
  if (text === '') return invalid('The URL is empty.');
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    if (/^[a-z0-9-]+(\.[a-z0-9-]+)+(:\d+)?(\/|$)/i.test(text)) {
      return invalid(`"${shown(text)}" has no scheme: API Gateway URLs start with https://.`, `https://${text}`);
    }
    return invalid(`"${shown(text)}" is not a URL.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return invalid(`The URL uses ${shown(url.protocol)}// but API Gateway only answers https:// (http:// only for a local emulator).`);
  }
  const host = url.hostname;
  const segments = decodeSegments(url.pathname);
  if (segments === undefined) return invalid(`The path "${shown(url.pathname)}" has a malformed percent-escape (a % not followed by two hex digits).`);
  const common = {origin: url.origin, query: url.search};
  const https = new URL(url.href);
  https.protocol = 'https:';

  const aws = awsHost.exec(host);
  if (aws) {
    const [, apiId = '', region = '', china] = aws;
    if (url.protocol === 'http:') return invalid('API Gateway only answers https://, not http://.', https.href);
    if (url.port !== '') return invalid(`API Gateway answers on port 443 only; the URL asks for port ${url.port}.`);
    if (!isKnownRegion(region)) {
      return invalid(`"${shown(region)}" is not an AWS region (closest: ${closest(region, commercialRegions)}).`, url.href.replace(`.${region}.`, `.${closest(region, commercialRegions)}.`));
    }
    const chinaRegion = region.startsWith('cn-');
    if (chinaRegion !== (china !== undefined)) {
      return invalid(chinaRegion ? `${region} is a China region: its hosts end in .amazonaws.com.cn.` : `Only China regions are served from .amazonaws.com.cn; ${region} is not one.`);
    }
    if (!awsApiId.test(apiId)) return invalid(`"${shown(apiId)}" is not an API Gateway API id: ids are 10 lowercase letters and digits (e.g. a1b2c3d4e5).`);
    const split = splitStage(segments);
    if (split === 'empty-stage') return invalid('The stage is empty: the URL has "//" where the stage name belongs.');
    return {ok: true, ...common, parsed: {form: 'aws', host, apiId, region, ...split, rawPath: url.pathname}};
  }

  const localstack = localstackHost.exec(host);
  if (localstack) {
    const apiId = localstack[1] ?? '';
    if (!localApiId.test(apiId)) return invalid(`"${shown(apiId)}" is not an API id.`);
    const split = splitStage(segments);
    if (split === 'empty-stage') return invalid('The stage is empty: the URL has "//" where the stage name belongs.');
    return {ok: true, ...common, parsed: {form: 'localstack-host', host, apiId, ...split, rawPath: url.pathname}};
  }

  // LocalStack's path forms are its own, so any host serving them is a LocalStack host.
  const pathForm = localstackPathForm(segments);
  if (pathForm) {
    if ('reason' in pathForm) return invalid(pathForm.reason);
    return {ok: true, ...common, parsed: {host, ...pathForm, rawPath: url.pathname}};
  }

  if (isLocalHost(host)) {
    return invalid('A local URL must use a LocalStack form: http://API.execute-api.localhost.localstack.cloud:4566/STAGE/PATH, http://localhost:4566/_aws/execute-api/API/STAGE/PATH or …/restapis/API/STAGE/_user_request_/PATH.');
  }
  if (/(^|\.)amazonaws\.com(\.cn)?$/.test(host)) {
    return invalid(`${shown(host)} is not an API Gateway invoke host: those look like API_ID.execute-api.REGION.amazonaws.com.`);
  }
  if (url.protocol === 'http:') return invalid('API Gateway custom domains only answer https://, not http://.', https.href);
  if (isIP(host.replace(/^\[|\]$/g, '')) !== 0) return invalid(`${shown(host)} is an IP address; an API Gateway URL names a host (API_ID.execute-api.REGION.amazonaws.com or a custom domain).`);
  return {ok: true, ...common, parsed: {form: 'custom-domain', host, path: joinPath(segments.filter((segment) => segment !== '')), rawPath: url.pathname}};
}

type PathForm = Pick<ParsedApiUrl, 'form' | 'apiId' | 'stage' | 'path'>;

function localstackPathForm(segments: readonly string[]): PathForm | {reason: string} | undefined {
  const [first, second, third, fourth] = segments;
  let form: 'localstack-path' | 'localstack-legacy';
  let apiId: string | undefined;
  let stage: string | undefined;
  let rest: readonly string[];
  if (first === '_aws' && second === 'execute-api') {
    form = 'localstack-path';
    [apiId, stage] = [third, fourth];
    rest = segments.slice(4);
  } else if (first === 'restapis' && segments[3] === '_user_request_') {
    form = 'localstack-legacy';
    [apiId, stage] = [second, third];
    rest = segments.slice(4);
  } else {
    return undefined;
  }
  if (apiId === undefined || !localApiId.test(apiId)) return {reason: `"${shown(apiId ?? '')}" is not an API id.`};
  if (stage === '') return {reason: 'The stage is empty: the URL has "//" where the stage name belongs.'};
  return {form, apiId, stage, path: joinPath(rest.filter((segment) => segment !== ''))};
}

function encodeSegment(segment: string): string {
  // Keep route templates ({id}, {proxy+}) and $default readable in suggested URLs.
  return encodeURIComponent(segment).replace(/%7B/g, '{').replace(/%7D/g, '}').replace(/%24/g, '$').replace(/%2B/g, '+');
}

function encodePath(path: string): string {
  return path.split('/').map(encodeSegment).join('/');
}

export interface UrlChange {
  readonly region?: string;
  /** null: no stage segment (an HTTP API's $default stage). */
  readonly stage?: string | null;
  readonly path?: string;
}

/**
 * The same URL with one thing corrected, in the form the user wrote it. A custom domain
 * cannot carry another stage, so a stage change there gives the execute-api URL instead.
 * A region change is only expressible in the AWS form (LocalStack forms take it from --region).
 */
export function rebuildUrl(base: ParsedUrlParts, change: UrlChange, region: string): string {
  const {parsed, origin, query} = base;
  const stage = change.stage === undefined ? parsed.stage : change.stage ?? undefined;
  const path = change.path ?? parsed.path;
  const stagePath = (stage === undefined ? '' : '/' + encodeSegment(stage)) + (stage !== undefined && path === '/' ? '' : encodePath(path));
  const apiId = parsed.apiId ?? '';
  switch (parsed.form) {
    case 'aws': {
      const host = parsed.host.replace(`.execute-api.${parsed.region}.`, `.execute-api.${change.region ?? parsed.region}.`);
      return `https://${host}${stagePath}${query}`;
    }
    case 'localstack-host':
      return `${origin}${stagePath}${query}`;
    case 'localstack-path':
      return `${origin}/_aws/execute-api/${encodeSegment(apiId)}${stagePath}${query}`;
    case 'localstack-legacy':
      return `${origin}/restapis/${encodeSegment(apiId)}/${encodeSegment(stage ?? '')}/_user_request_${encodePath(path)}${query}`;
    case 'custom-domain': {
      if (change.stage === undefined && change.region === undefined) return `${origin}${encodePath(path)}${query}`;
      const suffix = (change.region ?? region).startsWith('cn-') ? '.cn' : '';
      return `https://${apiId}.execute-api.${change.region ?? region}.amazonaws.com${suffix}${stagePath}${query}`;
    }
  }
}
