// The one account every preset starts from: the "notes" app (REST API + HTTP API in front of
// the notes-api Lambda, a Cognito identity pool whose authenticated role calls the API with
// SigV4, execution and access logging), plus an unrelated "inventory" pool. Presets change
// it through the few knobs in AccountOptions, so each preset reads as "healthy, except …".
import type {FunctionSeed, IdentityPoolSeed, ManagedPolicySeed, PolicyDocument, ResourceSeed, RestApiSeed, RoleSeed, Scenario} from '../scenario.js';
import {notesApiCode, type HandlerKind} from './code.js';
import {
  ACCOUNT_ID,
  CUSTOM_DOMAIN,
  FUNCTION_NAME,
  HOME_REGION,
  HTTP_API_ID,
  HTTP_INTEGRATION_ID,
  HTTP_ROUTE_IDS,
  INVENTORY_POOL_UUID,
  NOTES_POOL_UUID,
  REST_API_ID,
  REST_DEPLOYMENT_ID,
  REST_RESOURCE_IDS,
  functionArn,
  lambdaIntegrationUri,
  logGroupArn,
  roleArn,
} from './ids.js';
import {accessLogFormat} from './log-lines.js';
import {notesApiLogGroups} from './notes-traffic.js';

export interface AccountOptions {
  /** Epoch ms the scenario is built at; log times and ISO stamps in messages follow it. */
  readonly now: number;
  /** Where the whole account lives. */
  readonly region?: string;
  /** Whether the REST API has the `/{proxy+}` catch-all resource. */
  readonly catchAll?: boolean;
  /** false: stage logging OFF, no execution log group, no access log, no account CloudWatch role. */
  readonly executionLogging?: boolean;
  /** false: the auth role keeps only the console's default inline policy (no execute-api:Invoke). */
  readonly authRoleMayInvoke?: boolean;
  /** How notes-api behaves: the code it runs and the logs it has left. */
  readonly lambda?: 'ok' | 'throws' | 'timeout';
}

export type Account = Omit<Scenario, 'name' | 'title' | 'description' | 'demo' | 'expectedFindings'>;

const LAMBDA_TIMEOUT_SECONDS = 6;
const LAMBDA_MEMORY_MB = 256;
const INTEGRATION_TIMEOUT_MS = 29_000;
const REST_CREATED = '2025-03-14T09:26:53.000Z';

const AWS_MANAGED = {
  lambdaBasic: 'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole',
  pushToCloudWatch: 'arn:aws:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs',
} as const;

const allow = (Action: string | string[], Resource: string | string[], extra: Record<string, unknown> = {}): Record<string, unknown> => ({Effect: 'Allow', Action, Resource, ...extra});
const policy = (...Statement: Record<string, unknown>[]): PolicyDocument => ({Version: '2012-10-17', Statement});

/** The trust policy the Cognito console writes for a pool's authenticated/unauthenticated role. */
function cognitoTrust(poolId: string, amr: 'authenticated' | 'unauthenticated'): PolicyDocument {
  return policy({
    Effect: 'Allow',
    Principal: {Federated: 'cognito-identity.amazonaws.com'},
    Action: 'sts:AssumeRoleWithWebIdentity',
    Condition: {
      StringEquals: {'cognito-identity.amazonaws.com:aud': poolId},
      'ForAnyValue:StringLike': {'cognito-identity.amazonaws.com:amr': amr},
    },
  });
}

const serviceTrust = (service: string): PolicyDocument => policy({Effect: 'Allow', Principal: {Service: service}, Action: 'sts:AssumeRole'});

/** The console's generated inline policy for Cognito roles (the boilerplate every such role has). */
const cognitoBoilerplate = allow(['mobileanalytics:PutEvents', 'cognito-sync:*', 'cognito-identity:*'], '*');

function restApi(region: string, catchAll: boolean, logging: boolean): RestApiSeed {
  const fnUri = lambdaIntegrationUri(region, functionArn(region));
  const lambdaMethod = {
    authorizationType: 'AWS_IAM' as const,
    integration: {type: 'AWS_PROXY' as const, uri: fnUri, httpMethod: 'POST', timeoutInMillis: INTEGRATION_TIMEOUT_MS},
  };
  const ids = REST_RESOURCE_IDS;
  const resources: ResourceSeed[] = [
    {id: ids.root, path: '/', methods: {}},
    {id: ids.notes, parentId: ids.root, pathPart: 'notes', path: '/notes', methods: {GET: lambdaMethod, POST: lambdaMethod}},
    {id: ids.note, parentId: ids.notes, pathPart: '{id}', path: '/notes/{id}', methods: {GET: lambdaMethod, PUT: lambdaMethod, DELETE: lambdaMethod}},
    ...(catchAll ? [{id: ids.proxy, parentId: ids.root, pathPart: '{proxy+}', path: '/{proxy+}', methods: {ANY: lambdaMethod}}] : []),
  ];
  const methodSettings = {'*/*': {loggingLevel: logging ? ('INFO' as const) : ('OFF' as const), dataTraceEnabled: false, metricsEnabled: true}};
  return {
    id: REST_API_ID,
    name: 'notes',
    region,
    description: 'Notes app REST API (Cognito identity pool + SigV4)',
    createdDate: REST_CREATED,
    resources,
    stages: [
      {
        stageName: 'prod',
        deploymentId: REST_DEPLOYMENT_ID,
        methodSettings,
        ...(logging ? {accessLogSettings: {destinationArn: logGroupArn(region, '/aws/apigateway/notes-prod-access'), format: accessLogFormat}} : {}),
        tracingEnabled: false,
      },
      {stageName: 'dev', deploymentId: REST_DEPLOYMENT_ID, methodSettings, variables: {notesTable: 'notes-dev'}},
    ],
  };
}

function notesFunction(region: string, kind: HandlerKind, execRoleArn: string): FunctionSeed {
  const restSource = `arn:aws:execute-api:${region}:${ACCOUNT_ID}:${REST_API_ID}/*`;
  const httpSource = `arn:aws:execute-api:${region}:${ACCOUNT_ID}:${HTTP_API_ID}/*`;
  const invokeFrom = (Sid: string, sourceArn: string): Record<string, unknown> => ({
    Sid,
    Effect: 'Allow',
    Principal: {Service: 'apigateway.amazonaws.com'},
    Action: 'lambda:InvokeFunction',
    Resource: functionArn(region),
    Condition: {ArnLike: {'AWS:SourceArn': sourceArn}},
  });
  return {
    name: FUNCTION_NAME,
    region,
    runtime: 'nodejs20.x',
    handler: 'index.handler',
    roleArn: execRoleArn,
    timeout: LAMBDA_TIMEOUT_SECONDS,
    memorySize: LAMBDA_MEMORY_MB,
    logFormat: 'Text',
    behaviour: kind === 'async' ? 'ok' : kind === 'async-unguarded' ? 'throws' : 'timeout',
    resourcePolicy: policy(invokeFrom('apigateway-notes-rest', restSource), invokeFrom('apigateway-notes-http', httpSource)),
    code: notesApiCode(kind),
    okResponse: {statusCode: 200, body: JSON.stringify({id: '42', title: 'Note 42', updatedAt: '2026-11-20T17:04:11.000Z'})},
  };
}

export function buildAccount(options: AccountOptions): Account {
  const o: Required<AccountOptions> = {region: HOME_REGION, catchAll: true, executionLogging: true, authRoleMayInvoke: true, lambda: 'ok', ...options};
  const region = o.region;
  const notesPoolId = `${region}:${NOTES_POOL_UUID}`;
  const inventoryPoolId = `${region}:${INVENTORY_POOL_UUID}`;
  const attachmentsPolicyArn = `arn:aws:iam::${ACCOUNT_ID}:policy/notes-attachments-read`;
  const execRole: RoleSeed = {
    name: 'notes-api-role-7f3kq2xw',
    path: '/service-role/',
    assumeRolePolicy: serviceTrust('lambda.amazonaws.com'),
    inlinePolicies: {'notes-table-access': policy(allow(['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Scan'], `arn:aws:dynamodb:${region}:${ACCOUNT_ID}:table/notes`))},
    attachedPolicyArns: [AWS_MANAGED.lambdaBasic],
  };
  const notesInvoke = allow('execute-api:Invoke', `arn:aws:execute-api:${region}:*:${REST_API_ID}/*`, {Sid: 'InvokeNotesApi'});
  const roles: RoleSeed[] = [
    execRole,
    {
      name: 'Cognito_notesAuth_Role',
      assumeRolePolicy: cognitoTrust(notesPoolId, 'authenticated'),
      inlinePolicies: {oneClick_Cognito_notesAuth_Role_1709052834417: policy(cognitoBoilerplate, ...(o.authRoleMayInvoke ? [notesInvoke] : []))},
      attachedPolicyArns: [attachmentsPolicyArn],
      description: 'Signed-in users of the notes app',
    },
    {
      name: 'Cognito_notesUnauth_Role',
      assumeRolePolicy: cognitoTrust(notesPoolId, 'unauthenticated'),
      inlinePolicies: {oneClick_Cognito_notesUnauth_Role_1709052834417: policy(allow(['mobileanalytics:PutEvents', 'cognito-sync:*'], '*'))},
      attachedPolicyArns: [],
    },
    {
      name: 'Cognito_inventoryAuth_Role',
      assumeRolePolicy: cognitoTrust(inventoryPoolId, 'authenticated'),
      inlinePolicies: {
        oneClick_Cognito_inventoryAuth_Role_1688403312950: policy(cognitoBoilerplate, allow('dynamodb:Query', `arn:aws:dynamodb:${region}:${ACCOUNT_ID}:table/inventory`)),
      },
      attachedPolicyArns: [],
    },
    ...(o.executionLogging
      ? [{name: 'APIGatewayCloudWatchLogsRole', assumeRolePolicy: serviceTrust('apigateway.amazonaws.com'), inlinePolicies: {}, attachedPolicyArns: [AWS_MANAGED.pushToCloudWatch]}]
      : []),
  ];
  const managedPolicies: ManagedPolicySeed[] = [
    {
      name: 'notes-attachments-read',
      arn: attachmentsPolicyArn,
      document: policy(allow('s3:GetObject', `arn:aws:s3:::notes-attachments-${ACCOUNT_ID}/private/\${cognito-identity.amazonaws.com:sub}/*`)),
    },
    {name: 'AWSLambdaBasicExecutionRole', arn: AWS_MANAGED.lambdaBasic, path: '/service-role/', document: policy(allow(['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'], '*'))},
    ...(o.executionLogging
      ? [
          {
            name: 'AmazonAPIGatewayPushToCloudWatchLogs',
            arn: AWS_MANAGED.pushToCloudWatch,
            path: '/service-role/',
            document: policy(
              allow(['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:DescribeLogGroups', 'logs:DescribeLogStreams', 'logs:PutLogEvents', 'logs:GetLogEvents', 'logs:FilterLogEvents'], '*'),
            ),
          },
        ]
      : []),
  ];
  const userPool = (poolSuffix: string, clientId: string): IdentityPoolSeed['cognitoIdentityProviders'] => [
    {providerName: `cognito-idp.${region}.amazonaws.com/${region}_${poolSuffix}`, clientId},
  ];
  const kind: HandlerKind = o.lambda === 'ok' ? 'async' : o.lambda === 'throws' ? 'async-unguarded' : 'callback-pool';
  const fn = notesFunction(region, kind, roleArn(execRole.name, execRole.path));
  return {
    accountId: ACCOUNT_ID,
    region,
    restApis: [restApi(region, o.catchAll, o.executionLogging)],
    httpApis: [
      {
        id: HTTP_API_ID,
        name: 'notes-http',
        region,
        createdDate: '2025-06-02T14:11:07.000Z',
        routes: [
          {routeId: HTTP_ROUTE_IDS.list, routeKey: 'GET /items', authorizationType: 'AWS_IAM', target: `integrations/${HTTP_INTEGRATION_ID}`},
          {routeId: HTTP_ROUTE_IDS.get, routeKey: 'GET /items/{id}', authorizationType: 'AWS_IAM', target: `integrations/${HTTP_INTEGRATION_ID}`},
          {routeId: HTTP_ROUTE_IDS.fallback, routeKey: '$default', authorizationType: 'AWS_IAM', target: `integrations/${HTTP_INTEGRATION_ID}`},
        ],
        integrations: [{integrationId: HTTP_INTEGRATION_ID, integrationType: 'AWS_PROXY', integrationUri: functionArn(region), payloadFormatVersion: '2.0', timeoutInMillis: 30_000}],
        stages: [{stageName: '$default', autoDeploy: true}],
      },
    ],
    functions: [fn],
    roles,
    managedPolicies,
    identityPools: [
      {
        id: notesPoolId,
        name: 'notes_identity_pool',
        region,
        allowUnauthenticatedIdentities: false,
        authenticatedRoleArn: roleArn('Cognito_notesAuth_Role'),
        unauthenticatedRoleArn: roleArn('Cognito_notesUnauth_Role'),
        cognitoIdentityProviders: userPool('Xk3L9pQ2m', '4f1k2j3h4g5f6d7s8a9q0w1e2r'),
      },
      {
        id: inventoryPoolId,
        name: 'inventory_identity_pool',
        region,
        allowUnauthenticatedIdentities: false,
        authenticatedRoleArn: roleArn('Cognito_inventoryAuth_Role'),
        cognitoIdentityProviders: userPool('Pq8W2nR5t', '7h2j9k4l1m6n3b8v5c0x2z7a4s'),
      },
    ],
    logGroups: notesApiLogGroups(o, fn),
    domainNames: [
      {
        domainName: CUSTOM_DOMAIN,
        region,
        regionalDomainName: `d-4k7q2m9x1z.execute-api.${region}.amazonaws.com`,
        mappings: [{basePath: 'v1', apiId: REST_API_ID, stage: 'prod'}],
      },
    ],
    apiGatewayAccounts: {[region]: o.executionLogging ? {cloudwatchRoleArn: roleArn('APIGatewayCloudWatchLogsRole')} : {}},
  };
}

/** The invoke URL a user would paste: https://API.execute-api.REGION.amazonaws.com/STAGE/PATH */
export function invokeUrl(parts: {readonly path: string; readonly stage?: string; readonly region?: string; readonly apiId?: string}): string {
  return `https://${parts.apiId ?? REST_API_ID}.execute-api.${parts.region ?? HOME_REGION}.amazonaws.com/${parts.stage ?? 'prod'}${parts.path}`;
}
