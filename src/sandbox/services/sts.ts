// STS (awsQuery): only GetCallerIdentity, the tool's "which account am I in" question.
// The sandbox's caller is always the IAM user "sandbox" of the scenario's account.
import type {QueryService} from '../protocol.js';
import {iamUniqueId} from './iam-ids.js';

export const stsService: QueryService = {
  protocol: 'awsQuery',
  signingName: 'sts',
  actionPrefix: 'sts',
  operations: {
    GetCallerIdentity: (_params, ctx) => ({
      UserId: iamUniqueId('AIDA', `${ctx.accountId}/user/sandbox`),
      Account: ctx.accountId,
      Arn: `arn:aws:iam::${ctx.accountId}:user/sandbox`,
    }),
  },
};
