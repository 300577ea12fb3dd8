// Every preset, on both backends: the facts the walk reads to reach the preset's finding
// (API in the URL's region, its stages and resources, logging settings, the auth role's
// permissions, the function's timeout, what the logs hold) come out the same from the
// sandbox and from moto, and they carry the preset's fault.
import {APIGatewayClient, GetAccountCommand, GetResourcesCommand, GetRestApiCommand, GetStagesCommand} from '@aws-sdk/client-api-gateway';
import {CloudWatchLogsClient, DescribeLogGroupsCommand, FilterLogEventsCommand} from '@aws-sdk/client-cloudwatch-logs';
import {GetRolePolicyCommand, IAMClient, ListRolePoliciesCommand} from '@aws-sdk/client-iam';
import {GetFunctionConfigurationCommand, LambdaClient} from '@aws-sdk/client-lambda';
import {expect, it} from 'vitest';
import {scenarioNames, type ScenarioName} from '../../src/sandbox/scenario.js';
import {REST_API_ID} from '../../src/sandbox/scenarios/ids.js';
import {contractSuite, policyJson, type Backend, type Backends} from './backends.js';

const URL_PARTS = /^https:\/\/(?<api>[a-z0-9]+)\.execute-api\.(?<region>[a-z0-9-]+)\.amazonaws\.com\/(?<stage>[^/]+)(?<path>\/.*)$/;

async function countMatches(logs: CloudWatchLogsClient, logGroupName: string, filterPattern: string): Promise<number> {
  let count = 0;
  let nextToken: string | undefined;
  do {
    const page = await logs.send(new FilterLogEventsCommand({logGroupName, filterPattern, nextToken}));
    count += page.events?.length ?? 0;
    nextToken = page.nextToken;
  } while (nextToken !== undefined);
  return count;
}

/** What the walk learns about the demo URL's API, read the way the stages read it. */
async function factSheet(b: Backend, all: Backends) {
  const {scenario} = all;
  const url = URL_PARTS.exec(scenario.demo.url)!.groups!;
  const home = scenario.region;
  const apigw = new APIGatewayClient(b.config(home));
  const apiInUrlRegion = await new APIGatewayClient(b.config(url.region))
    .send(new GetRestApiCommand({restApiId: url.api}))
    .then(() => 'found', (e: Error) => e.name);
  const stages = (await apigw.send(new GetStagesCommand({restApiId: REST_API_ID}))).item ?? [];
  const resources = (await apigw.send(new GetResourcesCommand({restApiId: REST_API_ID, limit: 500}))).items ?? [];
  const logs = new CloudWatchLogsClient(b.config(home));
  const groups = ((await logs.send(new DescribeLogGroupsCommand({}))).logGroups ?? []).map((g) => g.logGroupName ?? '').sort();
  const iam = new IAMClient(b.config(home));
  const inlineNames = (await iam.send(new ListRolePoliciesCommand({RoleName: 'Cognito_notesAuth_Role'}))).PolicyNames ?? [];
  const inline = await Promise.all(inlineNames.map(async (PolicyName) => policyJson((await iam.send(new GetRolePolicyCommand({RoleName: 'Cognito_notesAuth_Role', PolicyName}))).PolicyDocument)));
  const fn = await new LambdaClient(b.config(home)).send(new GetFunctionConfigurationCommand({FunctionName: 'notes-api'}));
  return {
    apiInUrlRegion,
    stages: stages.map((s) => `${s.stageName}:${s.methodSettings?.['*/*']?.loggingLevel ?? 'unset'}`).sort(),
    paths: resources.map((r) => r.path ?? '').sort(),
    cloudwatchRoleArn: (await apigw.send(new GetAccountCommand({}))).cloudwatchRoleArn ?? null,
    groups,
    authRoleMayInvoke: JSON.stringify(inline).includes('execute-api:Invoke'),
    functionTimeout: fn.Timeout,
    invokeErrors: await countMatches(logs, '/aws/lambda/notes-api', '"Invoke Error"'),
    timeouts: await countMatches(logs, '/aws/lambda/notes-api', '"Task timed out"'),
  };
}

type Facts = Awaited<ReturnType<typeof factSheet>>;

/** What each preset's facts must show (the rest equals the healthy account). */
const faults: Record<ScenarioName, (facts: Facts) => void> = {
  healthy: (f) => expect(f).toMatchObject({apiInUrlRegion: 'found', authRoleMayInvoke: true, invokeErrors: 0, timeouts: 0}),
  'wrong-stage': (f) => expect(f.stages).toEqual(['dev:INFO', 'prod:INFO']),
  'wrong-path': (f) => expect(f.paths).toEqual(['/', '/notes', '/notes/{id}']),
  'wrong-region': (f) => expect(f.apiInUrlRegion).toBe('NotFoundException'),
  'iam-denied': (f) => expect(f.authRoleMayInvoke).toBe(false),
  'lambda-error': (f) => expect(f).toMatchObject({invokeErrors: 5, timeouts: 0}),
  'lambda-timeout': (f) => expect(f).toMatchObject({functionTimeout: 6, timeouts: 9}),
  'logging-off': (f) => expect(f).toMatchObject({stages: ['dev:OFF', 'prod:OFF'], cloudwatchRoleArn: null, groups: ['/aws/lambda/notes-api']}),
};

for (const preset of scenarioNames) {
  contractSuite('contract: preset facts', preset, (backends) => {
    it('reads the same facts from sandbox and moto, and they carry the fault', async () => {
      const {sandbox, moto} = await backends().both((b) => factSheet(b, backends()));
      expect(sandbox).toEqual(moto);
      faults[preset](sandbox);
    });
  });
}
