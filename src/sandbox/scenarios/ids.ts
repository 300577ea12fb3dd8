// Identifiers shared by every preset, and a seeded source of the random-looking ones
// (request ids, stream suffixes) so a scenario is the same data every time it is built.

export const ACCOUNT_ID = '123456789012';
export const HOME_REGION = 'us-east-1';

/** The "notes" REST API and its resources: 10-character API id, 6-character resource ids. */
export const REST_API_ID = 'a1b2c3d4e5';
export const REST_RESOURCE_IDS = {root: 'k3m9x0p2qa', notes: 'n7t3s1', note: 'q4d8f2', proxy: 'p9x7y3'} as const;
export const REST_DEPLOYMENT_ID = 'x7k2p9';
/** The "notes-http" HTTP API (v2). */
export const HTTP_API_ID = 'h7k2m9p4q1';
export const HTTP_INTEGRATION_ID = 'itg4k2q';
export const HTTP_ROUTE_IDS = {list: 'rt1a2b3', get: 'rt4c5d6', fallback: 'rt7e8f9'} as const;

export const FUNCTION_NAME = 'notes-api';
export const NOTES_POOL_UUID = '3f9c2a1e-8b47-4d2e-9a61-5c0e7b2d4f18';
/** The unrelated pool that makes "which pool calls this API?" a real choice. */
export const INVENTORY_POOL_UUID = 'b52e8d90-17c4-4f3a-8e6b-0d9a41c7e325';

export const CUSTOM_DOMAIN = 'api.notes.example.com';

// ---- ARNs and names derived from the ids ----------------------------------------------

export const roleArn = (name: string, path = '/'): string => `arn:aws:iam::${ACCOUNT_ID}:role${path}${name}`;
export const functionArn = (region: string, name = FUNCTION_NAME): string => `arn:aws:lambda:${region}:${ACCOUNT_ID}:function:${name}`;
export const lambdaIntegrationUri = (region: string, fnArn: string): string => `arn:aws:apigateway:${region}:lambda:path/2015-03-31/functions/${fnArn}/invocations`;
export const executionLogGroupName = (apiId: string, stage: string): string => `API-Gateway-Execution-Logs_${apiId}/${stage}`;
export const logGroupArn = (region: string, name: string): string => `arn:aws:logs:${region}:${ACCOUNT_ID}:log-group:${name}`;

/** mulberry32: a tiny deterministic PRNG; only used to make ids that look random. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface IdSource {
  readonly random: () => number;
  hex(length: number): string;
  /** A version-4-shaped UUID, as Lambda and API Gateway use for request ids. */
  uuid(): string;
}

export function idSource(seed: number): IdSource {
  const random = seededRandom(seed);
  const hex = (length: number): string => Array.from({length}, () => Math.floor(random() * 16).toString(16)).join('');
  return {
    random,
    hex,
    uuid: () => `${hex(8)}-${hex(4)}-4${hex(3)}-${'89ab'[Math.floor(random() * 4)]}${hex(3)}-${hex(12)}`,
  };
}
