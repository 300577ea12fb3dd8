// Each preset tells one consistent story: everything one part of the account names exists
// in another part, the logs agree with each other, and the preset's fault is really there.
import {describe, expect, it} from 'vitest';
import {scenarioNames, type PolicyDocument, type Scenario} from '../../src/sandbox/scenario.js';
import {loadScenario, scenarios} from '../../src/sandbox/scenarios/index.js';
import {generateLambdaLogGroup} from '../../src/sandbox/scenarios/generate.js';

// design.md "Finding ids (a public contract)".
const designFindingIds = new Set([
  'url-invalid', 'api-not-found', 'api-in-other-region', 'stage-not-found', 'route-not-found', 'method-not-allowed', 'endpoint-ok',
  'no-iam-auth', 'identity-pool-not-found', 'role-not-found',
  'invoke-denied', 'invoke-allowed',
  'execution-logging-off', 'lambda-error', 'lambda-init-error', 'lambda-out-of-memory',
  'lambda-timeout', 'integration-timeout',
]);

const INVOKE_URL = /^https:\/\/(?<api>[a-z0-9]{10})\.execute-api\.(?<region>[a-z0-9-]+)\.amazonaws\.com\/(?<stage>[^/]+)(?<path>\/.*)$/;
const LAMBDA_URI = /^arn:aws:apigateway:(?<region>[a-z0-9-]+):lambda:path\/2015-03-31\/functions\/(?<fn>arn:aws:lambda:[^/]+)\/invocations$/;
const LAMBDA_STREAM = /^\d{4}\/\d{2}\/\d{2}\/\[\$LATEST\][0-9a-f]{32}$/;

const roleArns = (s: Scenario): Set<string> => new Set(s.roles.map((r) => `arn:aws:iam::${s.accountId}:role${r.path ?? '/'}${r.name}`));
const fnArn = (s: Scenario, fn: Scenario['functions'][number]): string => `arn:aws:lambda:${fn.region}:${s.accountId}:function:${fn.name}`;
const messages = (s: Scenario, group: string): string[] => s.logGroups.find((g) => g.name === group)?.streams.flatMap((st) => st.events.map((e) => e.message)) ?? [];
const statements = (doc: PolicyDocument): Array<Record<string, unknown>> => doc.Statement.map((st) => ({...st}));
const asList = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : v === undefined ? [] : [String(v)]);
const authRole = (s: Scenario) => s.roles.find((r) => r.name === 'Cognito_notesAuth_Role')!;
const grantsInvoke = (s: Scenario): boolean =>
  Object.values(authRole(s).inlinePolicies)
    .concat(s.managedPolicies.filter((p) => authRole(s).attachedPolicyArns.includes(p.arn)).map((p) => p.document))
    .some((doc) => statements(doc).some((st) => st.Effect === 'Allow' && asList(st.Action).includes('execute-api:Invoke')));

describe.each(scenarioNames.map((name) => [name]))('scenario %s', (name) => {
  const s = loadScenario(name);

  it('is named for its key and promises only design.md finding ids', () => {
    expect(s.name).toBe(name);
    expect(s.expectedFindings.length).toBeGreaterThan(0);
    for (const id of s.expectedFindings) expect(designFindingIds, id).toContain(id);
  });

  it('has a demo URL that parses and names the seeded REST API', () => {
    const match = INVOKE_URL.exec(s.demo.url);
    expect(match, s.demo.url).not.toBeNull();
    expect(s.restApis.map((a) => a.id)).toContain(match!.groups!.api);
    expect(['GET', 'POST', 'PUT', 'DELETE', 'PATCH']).toContain(s.demo.method);
  });

  it('only references roles and managed policies that exist', () => {
    const roles = roleArns(s);
    for (const pool of s.identityPools) {
      for (const arn of [pool.authenticatedRoleArn, pool.unauthenticatedRoleArn].filter((a) => a !== undefined)) expect(roles, arn).toContain(arn);
      expect(pool.id.startsWith(`${pool.region}:`)).toBe(true);
    }
    for (const fn of s.functions) expect(roles, fn.roleArn).toContain(fn.roleArn);
    const policies = new Set(s.managedPolicies.map((p) => p.arn));
    for (const role of s.roles) for (const arn of role.attachedPolicyArns) expect(policies, arn).toContain(arn);
    for (const arn of Object.values(s.apiGatewayAccounts).map((a) => a.cloudwatchRoleArn)) if (arn !== undefined) expect(roles).toContain(arn);
  });

  it("gives each pool role a trust policy for that pool's identities", () => {
    for (const pool of s.identityPools) {
      for (const [arn, amr] of [[pool.authenticatedRoleArn, 'authenticated'], [pool.unauthenticatedRoleArn, 'unauthenticated']] as const) {
        const role = s.roles.find((r) => arn?.endsWith(`:role${r.path ?? '/'}${r.name}`));
        if (role === undefined) continue;
        const trust = statements(role.assumeRolePolicy)[0]!;
        expect(trust.Action).toBe('sts:AssumeRoleWithWebIdentity');
        expect(trust.Condition).toEqual({
          StringEquals: {'cognito-identity.amazonaws.com:aud': pool.id},
          'ForAnyValue:StringLike': {'cognito-identity.amazonaws.com:amr': amr},
        });
      }
    }
  });

  it('wires every integration to a seeded function in the same region', () => {
    const functions = new Set(s.functions.map((fn) => fnArn(s, fn)));
    for (const api of s.restApis) {
      const byId = new Map(api.resources.map((r) => [r.id, r]));
      for (const resource of api.resources) {
        if (resource.parentId !== undefined) {
          const parent = byId.get(resource.parentId);
          expect(parent, resource.path).toBeDefined();
          expect(resource.path).toBe(`${parent!.path === '/' ? '' : parent!.path}/${resource.pathPart}`);
        }
        for (const method of Object.values(resource.methods)) {
          const uri = LAMBDA_URI.exec(method.integration?.uri ?? '');
          expect(uri, method.integration?.uri).not.toBeNull();
          expect(uri!.groups!.region).toBe(api.region);
          expect(functions).toContain(uri!.groups!.fn);
          expect(uri!.groups!.fn).toMatch(new RegExp(`^arn:aws:lambda:${api.region}:`));
        }
      }
    }
    for (const api of s.httpApis) {
      const integrations = new Set(api.integrations.map((i) => `integrations/${i.integrationId}`));
      for (const route of api.routes) expect(integrations).toContain(route.target);
      for (const integration of api.integrations) expect(functions).toContain(integration.integrationUri);
    }
  });

  it('lets API Gateway invoke each function it integrates with', () => {
    for (const fn of s.functions) {
      const sources = statements(fn.resourcePolicy!).map((st) => (st.Condition as {ArnLike: Record<string, string>}).ArnLike['AWS:SourceArn']);
      for (const api of [...s.restApis, ...s.httpApis]) expect(sources).toContain(`arn:aws:execute-api:${fn.region}:${s.accountId}:${api.id}/*`);
    }
  });

  it("keeps each function's log group, with Lambda-style stream names", () => {
    for (const fn of s.functions) {
      const group = s.logGroups.find((g) => g.name === (fn.logGroup ?? `/aws/lambda/${fn.name}`) && g.region === fn.region);
      expect(group, fn.name).toBeDefined();
      for (const stream of group!.streams) expect(stream.name).toMatch(LAMBDA_STREAM);
    }
  });

  it('has execution log groups exactly for stages that log, and access-log groups that exist', () => {
    const groups = new Set(s.logGroups.map((g) => `arn:aws:logs:${g.region}:${s.accountId}:log-group:${g.name}`));
    for (const api of s.restApis) {
      for (const stage of api.stages) {
        if (stage.accessLogSettings !== undefined) expect(groups).toContain(stage.accessLogSettings.destinationArn);
      }
      const logged = api.stages.filter((st) => st.methodSettings['*/*']?.loggingLevel !== 'OFF').map((st) => `API-Gateway-Execution-Logs_${api.id}/${st.stageName}`);
      for (const group of s.logGroups.filter((g) => g.name.startsWith('API-Gateway-Execution-Logs_'))) expect(logged).toContain(group.name);
    }
  });

  it('joins API Gateway execution logs to Lambda logs by Lambda request id', () => {
    const lambdaIds = new Set(messages(s, '/aws/lambda/notes-api').flatMap((m) => /^START RequestId: (\S+)/.exec(m)?.slice(1) ?? []));
    const execution = s.logGroups.filter((g) => g.name.startsWith('API-Gateway-Execution-Logs_')).flatMap((g) => messages(s, g.name));
    const quoted = execution.flatMap((m) => [...m.matchAll(/(?:Lambda request id: |x-amzn-RequestId=)([0-9a-f-]{36})/g)].map((x) => x[1]!));
    for (const id of quoted) expect(lambdaIds, id).toContain(id);
    if (execution.length > 0) expect(new Set(quoted).size).toBe(lambdaIds.size);
  });

  it('keeps log events within the last hour and in time order per stream (as PutLogEvents needs)', () => {
    for (const group of s.logGroups) {
      for (const stream of group.streams) {
        const ago = stream.events.map((e) => e.agoMs);
        expect(ago.every((a) => a >= 0 && a < 3_600_000)).toBe(true);
        expect(ago).toEqual([...ago].sort((a, b) => b - a));
      }
    }
  });

  it('maps the custom domain onto a seeded API stage', () => {
    for (const domain of s.domainNames) {
      for (const m of domain.mappings) expect(s.restApis.find((a) => a.id === m.apiId)?.stages.map((st) => st.stageName)).toContain(m.stage);
    }
  });
});

describe('each preset carries its fault', () => {
  const demo = (s: Scenario) => INVOKE_URL.exec(s.demo.url)!.groups!;
  const lambdaLog = (s: Scenario) => messages(s, '/aws/lambda/notes-api');

  it('healthy: the demo request resolves and Lambda only succeeds', () => {
    const s = scenarios.healthy;
    expect(s.restApis[0]!.stages.map((st) => st.stageName)).toContain(demo(s).stage);
    expect(grantsInvoke(s)).toBe(true);
    expect(lambdaLog(s).some((m) => /ERROR|timed out/.test(m))).toBe(false);
    expect(lambdaLog(s).filter((m) => m.startsWith('REPORT ')).length).toBeGreaterThan(5);
  });

  it('wrong-stage: the URL stage is not deployed', () => {
    const s = scenarios['wrong-stage'];
    expect(demo(s).stage).toBe('prd');
    expect(s.restApis[0]!.stages.map((st) => st.stageName).sort()).toEqual(['dev', 'prod']);
  });

  it('wrong-path: no resource (and no catch-all) matches the URL path', () => {
    const s = scenarios['wrong-path'];
    const paths = s.restApis[0]!.resources.map((r) => r.path);
    expect(paths).not.toContain('/{proxy+}');
    expect(demo(s).path).toBe('/note/42');
    expect(paths.some((p) => p.split('/')[1] === 'note')).toBe(false);
  });

  it('wrong-region: the API exists only in another region than the URL names', () => {
    const s = scenarios['wrong-region'];
    expect(demo(s).region).toBe('us-east-1');
    expect(s.restApis.map((a) => a.region)).toEqual(['eu-west-1']);
    expect(s.functions.every((fn) => fn.region === 'eu-west-1')).toBe(true);
  });

  it('iam-denied: the auth role grants no execute-api:Invoke, the healthy one does', () => {
    expect(grantsInvoke(scenarios['iam-denied'])).toBe(false);
    expect(grantsInvoke(scenarios.healthy)).toBe(true);
  });

  it('lambda-error: Invoke Error lines with a stack into the real code, 502s for the same requests', () => {
    const s = scenarios['lambda-error'];
    const errors = lambdaLog(s).filter((m) => m.includes('\tERROR\tInvoke Error \t'));
    expect(errors.length).toBeGreaterThanOrEqual(3);
    const payload = JSON.parse(errors[0]!.split('\tInvoke Error \t')[1]!) as {errorType: string; stack: string[]};
    expect(payload.errorType).toBe('TypeError');
    const [, line] = /index\.mjs:(\d+):\d+/.exec(payload.stack[1]!)!;
    expect(s.functions[0]!.code['index.mjs']!.split('\n')[Number(line) - 1]).toContain('note.id');
    const execution = messages(s, 'API-Gateway-Execution-Logs_a1b2c3d4e5/prod');
    expect(execution.filter((m) => m.includes('due to customer function error: Cannot read properties of undefined')).length).toBe(errors.length);
    expect(execution.filter((m) => m.endsWith('Method completed with status: 502')).length).toBe(errors.length);
    expect(lambdaLog(s).filter((m) => m.startsWith('REPORT ')).length).toBeGreaterThan(errors.length);
  });

  it('lambda-timeout: a callback handler with an open pool times out at 6 s, under the 29 s integration timeout', () => {
    const s = scenarios['lambda-timeout'];
    const fn = s.functions[0]!;
    expect(fn.timeout).toBe(6);
    expect(fn.code['index.mjs']).toMatch(/handler = \(event, context, callback\)/);
    expect(fn.code['index.mjs']).toContain('new pg.Pool');
    expect(fn.code['index.mjs']).not.toContain('callbackWaitsForEmptyEventLoop');
    const timeouts = s.restApis[0]!.resources.flatMap((r) => Object.values(r.methods).map((m) => m.integration?.timeoutInMillis));
    expect(new Set(timeouts)).toEqual(new Set([29_000]));
    expect(lambdaLog(s).filter((m) => m.includes('Task timed out after 6.01 seconds')).length).toBeGreaterThan(3);
    for (const report of lambdaLog(s).filter((m) => m.startsWith('REPORT '))) {
      expect(Number(/Duration: ([\d.]+) ms/.exec(report)![1])).toBeGreaterThan(6000);
      expect(report).toContain('Billed Duration: 6000 ms');
    }
  });

  it('logging-off: stage logging OFF, no execution log group, no CloudWatch role on the account', () => {
    const s = scenarios['logging-off'];
    expect(s.restApis[0]!.stages.map((st) => st.methodSettings['*/*']?.loggingLevel)).toEqual(['OFF', 'OFF']);
    expect(s.logGroups.map((g) => g.name)).toEqual(['/aws/lambda/notes-api']);
    expect(s.apiGatewayAccounts[s.region]?.cloudwatchRoleArn).toBeUndefined();
  });
});

describe('loadScenario', () => {
  it('names the valid scenarios when asked for an unknown one', () => {
    expect(() => loadScenario('prod-outage')).toThrow(/Unknown scenario "prod-outage"\. Valid scenarios: healthy, wrong-stage, .*logging-off/);
  });

  it('stamps ISO times in messages from the moment it is loaded', () => {
    const now = Date.parse('2026-03-01T12:00:00.000Z');
    const s = loadScenario('lambda-error', now);
    const stream = s.logGroups[0]!.streams[0]!;
    const app = stream.events.find((e) => e.message.includes('\tINFO\t'))!;
    expect(Date.parse(app.message.split('\t')[0]!)).toBe(now - app.agoMs);
    expect(stream.name.startsWith('2026/03/01/')).toBe(true);
  });
});

describe('generateLambdaLogGroup', () => {
  it('writes exactly N events over M streams, deterministically, with errors every n-th invocation', () => {
    const options = {events: 1001, streams: 7, errorEvery: 10, seed: 42, now: Date.parse('2026-03-01T12:00:00.000Z')};
    const group = generateLambdaLogGroup(options);
    const all = group.streams.flatMap((st) => st.events);
    expect(all.length).toBe(1001);
    expect(group.streams.length).toBe(7);
    const invocations = all.filter((e) => e.message.startsWith('START ')).length;
    expect(all.filter((e) => e.message.includes('Invoke Error')).length).toBe(Math.floor(invocations / 10));
    expect(generateLambdaLogGroup(options)).toEqual(group);
  });
});
