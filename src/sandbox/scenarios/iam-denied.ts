import type {Scenario} from '../scenario.js';
import {buildAccount, invokeUrl} from './base.js';

/** The auth role still has only the Cognito console's boilerplate policy. */
export function iamDenied(now: number): Scenario {
  return {
    ...buildAccount({now, authRoleMayInvoke: false}),
    name: 'iam-denied',
    title: 'Cognito auth role may not invoke the API',
    description:
      "Cognito_notesAuth_Role has the console's default inline policy (mobileanalytics, cognito-sync, cognito-identity) and an S3 read policy, but no execute-api:Invoke. Signed requests get 403 \"User … is not authorized to perform: execute-api:Invoke\"; the fix is one statement on the role.",
    demo: {url: invokeUrl({path: '/notes/42'}), method: 'GET'},
    expectedFindings: ['invoke-denied'],
  };
}
