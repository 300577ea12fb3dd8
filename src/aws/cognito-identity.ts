// Cognito Identity: the identity pool whose authenticated role signs the requests (identity stage).
import type {CognitoIdentityPort} from './ports.js';
import {collectPaginator, sendOptions, serviceCaller, type AdapterScope} from './sdk-client.js';

// ListIdentityPools requires MaxResults (1-60).
const maxResults = 60;

export function createCognitoIdentityAdapter(scope: AdapterScope): CognitoIdentityPort {
  const call = serviceCaller(scope, 'cognito-identity', async (options) => {
    const sdk = await import('@aws-sdk/client-cognito-identity');
    return {sdk, client: new sdk.CognitoIdentityClient(options)};
  });
  return {
    listIdentityPools: (o) =>
      call('ListIdentityPools', async ({sdk, client}) =>
        (
          await collectPaginator(sdk.paginateListIdentityPools({client, pageSize: maxResults}, {MaxResults: maxResults}, sendOptions(o)), (page) => page.IdentityPools)
        ).map((pool) => ({identityPoolId: pool.IdentityPoolId ?? '', identityPoolName: pool.IdentityPoolName ?? ''})),
      ),
    describeIdentityPool: (identityPoolId, o) =>
      call('DescribeIdentityPool', async ({sdk, client}) => {
        const pool = await client.send(new sdk.DescribeIdentityPoolCommand({IdentityPoolId: identityPoolId}), sendOptions(o));
        return {
          identityPoolId: pool.IdentityPoolId ?? identityPoolId,
          identityPoolName: pool.IdentityPoolName ?? '',
          allowUnauthenticatedIdentities: pool.AllowUnauthenticatedIdentities ?? false,
          cognitoIdentityProviders: (pool.CognitoIdentityProviders ?? []).map((provider) => ({providerName: provider.ProviderName, clientId: provider.ClientId})),
          supportedLoginProviders: pool.SupportedLoginProviders ?? {},
        };
      }),
    getIdentityPoolRoles: (identityPoolId, o) =>
      call('GetIdentityPoolRoles', async ({sdk, client}) => {
        const out = await client.send(new sdk.GetIdentityPoolRolesCommand({IdentityPoolId: identityPoolId}), sendOptions(o));
        const roleMappings = Object.fromEntries(
          Object.entries(out.RoleMappings ?? {}).map(([provider, mapping]) => [
            provider,
            {type: mapping.Type ?? '', ambiguousRoleResolution: mapping.AmbiguousRoleResolution},
          ]),
        );
        return {
          identityPoolId: out.IdentityPoolId ?? identityPoolId,
          authenticatedRoleArn: out.Roles?.authenticated,
          unauthenticatedRoleArn: out.Roles?.unauthenticated,
          roleMappings,
        };
      }),
  };
}
