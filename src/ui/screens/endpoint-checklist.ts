// What the endpoint stage checked, as rows with a verdict each: the URL, the API, the
// stage, the route and method, and the probe's answer. A row whose finding is present is
// the failing one; a row without facts or finding was not reached.
import type {Finding} from '../../checks/findings.js';
import type {EndpointFacts} from '../../checks/stage.js';
import {sanitizeLine} from '../../report/sanitize.js';

export type ChecklistVerdict = 'ok' | 'problem' | 'neutral' | 'unchecked';

export interface ChecklistRow {
  readonly label: string;
  readonly verdict: ChecklistVerdict;
  readonly text: string;
}

const findingsByRow = {
  url: ['url-invalid'],
  api: ['api-not-found', 'api-in-other-region'],
  stage: ['stage-not-found'],
  route: ['route-not-found', 'method-not-allowed'],
} as const;

export function endpointChecklist(endpoint: EndpointFacts | undefined, findings: readonly Finding[]): ChecklistRow[] {
  const failure = (ids: readonly string[]) => findings.find((finding) => ids.includes(finding.id));
  const row = (label: string, ids: readonly string[], okText: string | undefined): ChecklistRow => {
    const found = failure(ids);
    if (found) return {label, verdict: 'problem', text: sanitizeLine(found.title)};
    if (okText !== undefined) return {label, verdict: 'ok', text: sanitizeLine(okText)};
    return {label, verdict: 'unchecked', text: 'not checked'};
  };
  const parsed = endpoint?.parsed;
  const api = endpoint?.api;
  const route = endpoint?.route;
  return [
    row('URL', findingsByRow.url, parsed ? `${parsed.host}${parsed.apiId ? ` · API id ${parsed.apiId}` : ''}` : undefined),
    row('API', findingsByRow.api, api ? `${api.kind === 'rest' ? 'REST' : 'HTTP'} API “${api.name}” (${api.id}) in ${api.region}` : undefined),
    row('Stage', findingsByRow.stage, endpoint?.stage),
    row('Route', findingsByRow.route, route ? `${route.key} · auth ${route.authorizationType}` : undefined),
    probeRow(endpoint),
  ];
}

function probeRow(endpoint: EndpointFacts | undefined): ChecklistRow {
  const probe = endpoint?.probe;
  if (!probe) return {label: 'Probe', verdict: 'unchecked', text: 'not sent'};
  if (probe.kind === 'failed') return {label: 'Probe', verdict: 'problem', text: sanitizeLine(`${endpoint.method} failed (${probe.reason}): ${probe.message}`)};
  const errorType = probe.headers['x-amzn-errortype'];
  const text = sanitizeLine(`${endpoint.method} → HTTP ${probe.status}${errorType ? ` · ${errorType}` : ''} · ${probe.elapsedMs} ms`);
  // A 4xx can be the expected answer (e.g. 403 without IAM signature): shown, not judged.
  const verdict: ChecklistVerdict = probe.status >= 500 ? 'problem' : probe.status >= 400 ? 'neutral' : 'ok';
  return {label: 'Probe', verdict, text};
}
