// Cognito Identity (awsJson1_1): the identity stage's questions: which pools exist in this
// region, how a pool is configured, and which roles it hands out. Pools live in one region;
// asking another region's endpoint does not find them, as on AWS.
import {SandboxError, type HandlerContext, type JsonHandler, type JsonService} from '../protocol.js';
import type {IdentityPoolSeed} from '../scenario.js';
import {jsonPage, optionalNumber, optionalString, requiredString} from '../wire/json.js';

function poolsInRegion(ctx: HandlerContext): IdentityPoolSeed[] {
  return ctx.state.scenario.identityPools.filter((pool) => pool.region === ctx.region);
}

function requirePool(input: Record<string, unknown>, ctx: HandlerContext): IdentityPoolSeed {
  const id = requiredString(input, 'IdentityPoolId');
  const pool = poolsInRegion(ctx).find((candidate) => candidate.id === id);
  if (!pool) throw new SandboxError('ResourceNotFoundException', `IdentityPool '${id}' not found.`);
  return pool;
}

const listIdentityPools: JsonHandler = (input, ctx) => {
  const maxResults = optionalNumber(input, 'MaxResults', {min: 1, max: 60});
  if (maxResults === undefined) {
    throw new SandboxError('InvalidParameterException', "1 validation error detected: Value null at 'maxResults' failed to satisfy constraint: Member must not be null");
  }
  const page = jsonPage(poolsInRegion(ctx), optionalString(input, 'NextToken'), maxResults);
  return {IdentityPools: page.items.map((pool) => ({IdentityPoolId: pool.id, IdentityPoolName: pool.name})), NextToken: page.nextToken};
};

const describeIdentityPool: JsonHandler = (input, ctx) => {
  const pool = requirePool(input, ctx);
  return {
    IdentityPoolId: pool.id,
    IdentityPoolName: pool.name,
    AllowUnauthenticatedIdentities: pool.allowUnauthenticatedIdentities,
    AllowClassicFlow: false,
    SupportedLoginProviders: {},
    CognitoIdentityProviders: (pool.cognitoIdentityProviders ?? []).map((provider) => ({ProviderName: provider.providerName, ClientId: provider.clientId, ServerSideTokenCheck: false})),
    OpenIdConnectProviderARNs: [],
    SamlProviderARNs: [],
    IdentityPoolTags: {},
  };
};

const getIdentityPoolRoles: JsonHandler = (input, ctx) => {
  const pool = requirePool(input, ctx);
  const roles: Record<string, string> = {};
  if (pool.authenticatedRoleArn) roles.authenticated = pool.authenticatedRoleArn;
  if (pool.unauthenticatedRoleArn) roles.unauthenticated = pool.unauthenticatedRoleArn;
  const mappings = Object.entries(pool.roleMappings ?? {}).map(([provider, mapping]) => [provider, {Type: mapping.type, AmbiguousRoleResolution: mapping.ambiguousRoleResolution}]);
  return {IdentityPoolId: pool.id, Roles: roles, RoleMappings: mappings.length > 0 ? Object.fromEntries(mappings) : undefined};
};

export const cognitoIdentityService: JsonService = {
  protocol: 'awsJson1_1',
  signingName: 'cognito-identity',
  targetPrefix: 'AWSCognitoIdentityService',
  actionPrefix: 'cognito-identity',
  operations: {
    ListIdentityPools: listIdentityPools,
    DescribeIdentityPool: describeIdentityPool,
    GetIdentityPoolRoles: getIdentityPoolRoles,
  },
};
