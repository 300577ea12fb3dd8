// Stage 3: may the caller's role call execute-api:Invoke on this API and this method?
// Ask IAM (SimulatePrincipalPolicy); when that is not allowed or not offered, evaluate the
// role's policies offline. For an implicit deny, propose the minimal statement and, on the
// user's confirmation (the apply-fix action), write it and simulate again.
import path from 'node:path';
import {AwsError, isAwsError, isFatalAwsError} from '../../aws/errors.js';
import type {Finding} from '../findings.js';
import {permissionWarning, unlessCallFails} from '../identity/permission-warning.js';
import type {StageContext, StageDefinition, StageOutcome} from '../stage.js';
import {applyPolicyFix} from './apply-fix.js';
import {accountOfArn, apiWideArn, methodArn} from './arns.js';
import type {AnsweredBy, ArnVerdict, SimulateFacts} from './facts.js';
import {buildPolicyFix, chooseInlinePolicy, newPolicyName} from './fix.js';
import {evaluateOffline} from './offline.js';
import {verdictFromSimulation} from './online.js';
import {readRolePolicies, type RolePolicies} from './role-policies.js';
import {verdictFinding} from './verdict-finding.js';

export type {AnsweredBy, ArnVerdict, Decision, DecidingStatement, ProposedPolicyFix, SimulateFacts} from './facts.js';

const action = 'execute-api:Invoke';

const explain = [
  'With AWS_IAM authorization, API Gateway asks IAM whether the caller may call execute-api:Invoke on',
  'arn:aws:execute-api:REGION:ACCOUNT:API_ID/STAGE/METHOD/PATH. This stage asks IAM the same question for the',
  "caller's role (SimulatePrincipalPolicy), or evaluates the role's policies offline when that call is not allowed,",
  'and names the statement that decided. With no matching Allow the answer is an implicit deny (403): the fix adds',
  'one statement, shown as a diff, written only after you confirm, with the old policy saved first. A Deny always',
  'wins over an Allow, so an explicit Deny is explained, never overridden.',
].join(' ');

interface Target {
  readonly roleArn: string;
  readonly roleName: string;
  readonly apiId: string;
  readonly region: string;
  readonly account: string;
  readonly apiWide: string;
  readonly method?: string;
}

async function target(ctx: StageContext, findings: Finding[]): Promise<Target | string> {
  const {identity, endpoint} = ctx.facts;
  const api = endpoint?.api;
  if (!identity || !api) return 'The endpoint and identity stages did not identify the API and the caller.';
  if (identity.authorizationType !== 'AWS_IAM') return `IAM policies decide only for AWS_IAM methods; this one uses ${identity.authorizationType}.`;
  if (!identity.authenticatedRole) return 'No caller role was found, so there is nothing to simulate.';
  const role = identity.authenticatedRole;
  const account =
    ctx.facts.account ??
    (await unlessCallFails('simulate', findings, 'Could not learn the account id; using the role’s account in the method ARN.', () => ctx.aws.sts.getCallerIdentity({signal: ctx.signal})))?.account ??
    accountOfArn(role.arn) ??
    '*';
  const stage = endpoint.stage ?? (api.kind === 'http' ? '$default' : undefined);
  const path = endpoint.parsed?.path ?? endpoint.route?.resourcePath;
  const method = stage && path ? methodArn({region: api.region, account, apiId: api.id, stage, method: endpoint.method, path}) : undefined;
  return {roleArn: role.arn, roleName: role.name, apiId: api.id, region: api.region, account, apiWide: apiWideArn(api.region, api.id), method};
}

interface Answer {
  readonly answeredBy: AnsweredBy;
  readonly how: string;
  readonly apiWide?: ArnVerdict;
  readonly method?: ArnVerdict;
}

/** `policies` is still being read when the simulation starts: the two do not wait for each other. */
async function askIam(ctx: StageContext, t: Target, reading: Promise<RolePolicies>): Promise<Answer | AwsError> {
  try {
    const results = await ctx.aws.iam.simulatePrincipalPolicy(
      {policySourceArn: t.roleArn, actionNames: [action], resourceArns: t.method ? [t.apiWide, t.method] : [t.apiWide]},
      {signal: ctx.signal},
    );
    const policies = await reading;
    return {
      answeredBy: 'SimulatePrincipalPolicy',
      how: `iam:SimulatePrincipalPolicy on ${t.roleArn}`,
      apiWide: verdictFromSimulation(t.apiWide, results, policies),
      method: t.method ? verdictFromSimulation(t.method, results, policies) : undefined,
    };
  } catch (error) {
    if (isFatalAwsError(error) || !(isAwsError(error, 'AccessDenied') || isAwsError(error, 'Unsupported'))) throw error;
    return error;
  }
}

async function evaluateLocally(t: Target, policies: RolePolicies, why: AwsError): Promise<Answer & {unevaluable: string[]}> {
  const unevaluable: string[] = [];
  const evaluate = async (resourceArn: string) => {
    const result = await evaluateOffline({principalArn: t.roleArn, account: t.account, action, resourceArn, policies});
    if (result.ok) return result.verdict;
    unevaluable.push(result.reason);
    return undefined;
  };
  const read = [
    ...policies.inline.map((p) => `inline ${p.name}`),
    ...policies.managed.map((p) => `managed ${p.name}`),
    ...(policies.boundary ? [`boundary ${policies.boundary.name}`] : []),
  ];
  return {
    answeredBy: 'offline',
    how: `offline evaluation (@cloud-copilot/iam-simulate) of ${read.length > 0 ? read.join(', ') : 'no readable policy'}; iam:SimulatePrincipalPolicy was not available (${why.kind}: ${why.message})`,
    apiWide: await evaluate(t.apiWide),
    method: t.method ? await evaluate(t.method) : undefined,
    unevaluable,
  };
}

export async function runSimulate(ctx: StageContext): Promise<StageOutcome> {
  const findings: Finding[] = [];
  const t = await target(ctx, findings);
  if (typeof t === 'string') return {findings, facts: {}, skippedReason: t};
  const reading = readRolePolicies('simulate', findings, {iam: ctx.aws.iam, signal: ctx.signal}, t.roleName);
  const [policies, asked] = await Promise.all([reading, askIam(ctx, t, reading)]);

  let answer = asked;
  let notes: string[] = [];
  if (!('answeredBy' in answer) || !answer.apiWide) {
    const why = 'answeredBy' in answer ? undefined : answer;
    if (isAwsError(why, 'AccessDenied')) findings.push(permissionWarning('simulate', why, "Evaluated the role's policies offline instead."));
    const local = await evaluateLocally(t, policies, why ?? missingResult(t.apiWide));
    answer = local;
    notes = local.unevaluable;
  }
  const decisive = answer.method ?? answer.apiWide;
  if (!decisive || !answer.apiWide) {
    return {findings, facts: {}, skippedReason: `The policies could not be evaluated: ${notes.join(' ')}`};
  }
  const base: SimulateFacts = {
    roleArn: t.roleArn,
    roleName: t.roleName,
    answeredBy: answer.answeredBy,
    apiWide: answer.apiWide,
    method: answer.method,
    decision: decisive.decision,
  };
  const fixable = decisive.decision === 'implicitDeny' && !decisive.blockedByBoundary;
  const simulate: SimulateFacts = fixable
    ? {...base, proposedFix: buildPolicyFix({roleName: t.roleName, policyName: newPolicyName(t.apiId), apiWideArn: t.apiWide, target: chooseInlinePolicy(policies.inline)})}
    : base;
  const how = notes.length > 0 ? `${answer.how}. ${notes.join(' ')}` : answer.how;
  return {findings: [verdictFinding(simulate, how), ...findings], facts: {simulate}};
}

/** SimulatePrincipalPolicy answered, but not for the ARN asked about. */
function missingResult(arn: string): AwsError {
  return new AwsError({kind: 'Unexpected', action: 'iam:SimulatePrincipalPolicy', message: `the answer had no result for ${arn}`});
}

export function createSimulateStage(options: {backupDir?: () => string} = {}): StageDefinition {
  const backupDir = options.backupDir ?? (() => path.resolve(process.cwd(), '.apigw-doctor', 'backups'));
  return {
    id: 'simulate',
    title: 'Policy simulation',
    explain,
    run: runSimulate,
    actions: {
      /** Only ever triggered after the user confirmed the diff on screen. */
      'apply-fix': (ctx, payload) => applyPolicyFix(ctx, payload, {backupDir: backupDir(), resimulate: runSimulate}),
    },
  };
}

export const simulateStage: StageDefinition = createSimulateStage();
