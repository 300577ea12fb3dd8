// One walk's memory of what AWS already answered: every read port call is made at most once
// per walk (same method, same arguments, same region), so stages can ask for what they need
// without threading earlier answers through the facts. Writes pass through and drop the
// reads they change. Created per walk (src/run/runtime.ts): a restarted walk asks again.
import {isAwsError, type AwsErrorKind} from './errors.js';
import type {AwsPorts} from './ports.js';

type ServiceName = 'apigw' | 'apigwv2' | 'lambda' | 'logs' | 'iam' | 'cognito' | 'sts';

/**
 * The memoised reads, each with the number of arguments before its CallOptions (the key).
 * Not listed, so never memoised: the writes, FilterLogEvents (it streams pages to a callback;
 * keeping them would hold the whole window), StartQuery/GetQueryResults/StopQuery (a query
 * is polled until done) and TestInvokeMethod (it runs the integration).
 */
const memoisedReads: {readonly [S in ServiceName]: Partial<Record<keyof AwsPorts[S], number>>} = {
  apigw: {getRestApi: 1, listRestApis: 0, listStages: 1, getStage: 2, listResources: 1, getMethod: 3, getIntegration: 3, listAuthorizers: 1, listDomainNames: 0, listBasePathMappings: 1, getAccount: 0, listGatewayResponses: 1},
  apigwv2: {getApi: 1, listApis: 0, listStages: 1, listRoutes: 1, getIntegration: 2, listIntegrations: 1, listAuthorizers: 1, listDomainNames: 0, listApiMappings: 1},
  lambda: {getFunctionConfiguration: 2, getFunction: 2, getPolicy: 2},
  logs: {describeLogGroups: 1, describeLogStreams: 2, getLogEvents: 3},
  iam: {getRole: 1, listRoles: 0, listRolePolicies: 1, getRolePolicy: 2, listAttachedRolePolicies: 1, getPolicy: 1, getPolicyVersion: 2, simulatePrincipalPolicy: 1},
  cognito: {listIdentityPools: 0, describeIdentityPool: 1, getIdentityPoolRoles: 1},
  sts: {getCallerIdentity: 0},
};

/** Answers that would be the same if asked again; anything else (throttling, a cancel) is asked again. */
const settledErrorKinds: readonly AwsErrorKind[] = ['NotFound', 'AccessDenied', 'Unsupported'];

interface Entry {
  readonly service: ServiceName;
  readonly method: string;
  readonly args: readonly unknown[];
  readonly answer: Promise<unknown>;
}

type AnyMethod = (...args: unknown[]) => Promise<unknown>;
type Invalidation = (entry: Entry) => boolean;

/**
 * After a write, the reads it may have changed (in every region: IAM is global, and a stage
 * name alone is enough to be safe).
 */
const invalidatedBy: Partial<Record<`${ServiceName}.${string}`, (args: readonly unknown[]) => Invalidation>> = {
  'iam.putRolePolicy': ([roleName]) => (e) =>
    e.service === 'iam' && (e.method === 'simulatePrincipalPolicy' || (['getRolePolicy', 'listRolePolicies'].includes(e.method) && e.args[0] === roleName)),
  'apigw.updateStageLogging': ([apiId, stageName]) => (e) =>
    e.service === 'apigw' && e.args[0] === apiId && (e.method === 'listStages' || (e.method === 'getStage' && e.args[1] === stageName)),
};

export interface CachedPorts extends AwsPorts {
  /** How many read calls were answered from memory (for the bench and tests). */
  readonly hits: () => number;
}

export function createCachedPorts(ports: AwsPorts): CachedPorts {
  const entries = new Map<string, Entry>();
  const byRegion = new Map<string, CachedPorts>();
  let hits = 0;

  const invalidate = (matches: Invalidation) => {
    for (const [key, entry] of entries) if (matches(entry)) entries.delete(key);
  };

  function memoise(region: string, service: ServiceName, method: string, arity: number, call: AnyMethod): AnyMethod {
    return (...args) => {
      const keyArgs = args.slice(0, arity);
      const key = `${region} ${service}.${method} ${JSON.stringify(keyArgs)}`;
      const known = entries.get(key);
      if (known) {
        hits += 1;
        return known.answer;
      }
      const answer = call(...args);
      entries.set(key, {service, method, args: keyArgs, answer});
      answer.catch((error: unknown) => {
        if (!(isAwsError(error) && settledErrorKinds.includes(error.kind)) && entries.get(key)?.answer === answer) entries.delete(key);
      });
      return answer;
    };
  }

  function writeThrough(service: ServiceName, method: string, call: AnyMethod): AnyMethod {
    const affected = invalidatedBy[`${service}.${method}`];
    if (!affected) return call;
    return async (...args) => {
      try {
        return await call(...args);
      } finally {
        // Also after a failed write: AWS may have applied it before the answer was lost.
        invalidate(affected(args));
      }
    };
  }

  function wrapService<S extends ServiceName>(region: string, service: S, port: AwsPorts[S]): AwsPorts[S] {
    const reads = memoisedReads[service] as Record<string, number | undefined>;
    const wrapped: Record<string, AnyMethod> = {};
    for (const method of Object.keys(port) as string[]) {
      const call = (port as unknown as Record<string, AnyMethod>)[method]!.bind(port);
      const arity = reads[method];
      wrapped[method] = arity === undefined ? writeThrough(service, method, call) : memoise(region, service, method, arity, call);
    }
    return wrapped as unknown as AwsPorts[S];
  }

  function wrap(inner: AwsPorts): CachedPorts {
    const existing = byRegion.get(inner.region);
    if (existing) return existing;
    const r = inner.region;
    const cached: CachedPorts = {
      region: r,
      profile: inner.profile,
      apigw: wrapService(r, 'apigw', inner.apigw),
      apigwv2: wrapService(r, 'apigwv2', inner.apigwv2),
      lambda: wrapService(r, 'lambda', inner.lambda),
      logs: wrapService(r, 'logs', inner.logs),
      iam: wrapService(r, 'iam', inner.iam),
      cognito: wrapService(r, 'cognito', inner.cognito),
      sts: wrapService(r, 'sts', inner.sts),
      forRegion: (other) => (other === r ? cached : wrap(inner.forRegion(other))),
      hits: () => hits,
    };
    byRegion.set(r, cached);
    return cached;
  }

  return wrap(ports);
}
