// STS: who the credentials belong to (account id for ARNs, and proof the credentials work).
import type {StsPort} from './ports.js';
import {sendOptions, serviceCaller, type AdapterScope} from './sdk-client.js';

export function createStsAdapter(scope: AdapterScope): StsPort {
  const call = serviceCaller(scope, 'sts', async (options) => {
    const sdk = await import('@aws-sdk/client-sts');
    return {sdk, client: new sdk.STSClient(options)};
  });
  return {
    getCallerIdentity: (o) =>
      call('GetCallerIdentity', async ({sdk, client}) => {
        const out = await client.send(new sdk.GetCallerIdentityCommand({}), sendOptions(o));
        return {account: out.Account ?? '', arn: out.Arn ?? '', userId: out.UserId ?? ''};
      }),
  };
}
