// Is API Gateway writing execution logs for this stage? Two switches must both be on
// (aws-facts §5.4): the account's CloudWatch role (per region) and the stage's logging level
// (the method's own setting overrides "*/*"). HTTP APIs have no execution logs at all.
import type {MethodSetting, RestStage} from '../../aws/ports.js';
import type {Finding} from '../findings.js';

export interface ExecutionLoggingState {
  readonly level: 'OFF' | 'ERROR' | 'INFO';
  /** Which methodSettings key decided it ("*\/*", "~1notes/GET"), if any. */
  readonly settingKey?: string;
  readonly cloudwatchRoleArn?: string;
}

/** methodSettings keys for one method: AWS escapes "/" in the resource path as "~1". */
function methodSettingKeys(resourcePath: string, method: string): string[] {
  const trimmed = resourcePath.replace(/^\//, '');
  return [`${trimmed.replace(/\//g, '~1')}/${method}`, `${trimmed}/${method}`, `${resourcePath}/${method}`];
}

export function stageLoggingLevel(stage: RestStage, route?: {resourcePath: string; method: string}): {level: ExecutionLoggingState['level']; settingKey?: string} {
  const candidates = [...(route ? methodSettingKeys(route.resourcePath, route.method) : []), '*/*'];
  for (const key of candidates) {
    const setting: MethodSetting | undefined = stage.methodSettings[key];
    if (setting?.loggingLevel !== undefined) {
      const level = setting.loggingLevel.toUpperCase();
      return {level: level === 'INFO' || level === 'ERROR' ? level : 'OFF', settingKey: key};
    }
  }
  return {level: 'OFF'};
}

export function executionLogGroupName(apiId: string, stage: string): string {
  return `API-Gateway-Execution-Logs_${apiId}/${stage}`;
}

const apiGatewayTrustPolicy = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"apigateway.amazonaws.com"},"Action":"sts:AssumeRole"}]}';

/** The fix: only the steps still missing, in order. */
export function executionLoggingSteps(input: {region: string; apiId: string; stage: string; account?: string; state: ExecutionLoggingState}): string {
  const steps: string[] = [];
  if (!input.state.cloudwatchRoleArn) {
    const roleArn = `arn:aws:iam::${input.account ?? 'ACCOUNT_ID'}:role/APIGatewayCloudWatchLogs`;
    steps.push(
      `# 1. Once per account AND region: a role API Gateway uses to write to CloudWatch Logs`,
      `aws iam create-role --role-name APIGatewayCloudWatchLogs --assume-role-policy-document '${apiGatewayTrustPolicy}'`,
      'aws iam attach-role-policy --role-name APIGatewayCloudWatchLogs --policy-arn arn:aws:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs',
      // aws-facts §5.4 marks this patch syntax [unverified]; it follows the documented patch-operations shape.
      `aws apigateway update-account --region ${input.region} --patch-operations op=replace,path=/cloudwatchRoleArn,value=${roleArn}`,
    );
  }
  if (input.state.level === 'OFF') {
    steps.push(
      `# ${steps.length > 0 ? 2 : 1}. The stage: INFO execution logs for every method (takes effect without a redeploy)`,
      // Patch path "/*/*/logging/loglevel" is [unverified] in aws-facts §5.4 (the shape CloudFormation's MethodSettings maps to).
      `aws apigateway update-stage --region ${input.region} --rest-api-id ${input.apiId} --stage-name ${input.stage} --patch-operations 'op=replace,path=/*/*/logging/loglevel,value=INFO'`,
    );
  }
  steps.push(
    '# Then call the endpoint again: execution logs exist only from the moment logging is on;',
    `# they appear in the log group ${executionLogGroupName(input.apiId, input.stage)}.`,
  );
  return steps.join('\n');
}

export function executionLoggingOffFinding(input: {region: string; apiId: string; stage: string; account?: string; state: ExecutionLoggingState}): Finding {
  const reasons: string[] = [];
  if (input.state.level === 'OFF') reasons.push(`the stage "${input.stage}" has execution logging OFF${input.state.settingKey ? ` (method setting ${input.state.settingKey})` : ' (no method setting sets a level)'}`);
  if (!input.state.cloudwatchRoleArn) reasons.push(`the account has no CloudWatch Logs role for API Gateway in ${input.region}, so no stage there can write execution logs`);
  return {
    id: 'execution-logging-off',
    stage: 'logs',
    severity: 'warning',
    title: 'API Gateway execution logging is off',
    detail:
      `Without execution logs there is no record of what API Gateway did with a request (which integration it called, what came back, why it answered 5xx): ${reasons.join('; ')}. ` +
      'Logs exist only from the moment logging is switched on; earlier requests cannot be recovered.',
    evidence: [
      {kind: 'text', label: 'Stage logging level', text: `${input.state.level}${input.state.settingKey ? ` (${input.state.settingKey})` : ''}`},
      {kind: 'arn', label: 'Account cloudwatchRoleArn', text: input.state.cloudwatchRoleArn ?? '(not set)'},
    ],
    fix: {summary: 'Give API Gateway its CloudWatch role and turn on INFO logging for the stage', kind: 'command', language: 'sh', body: executionLoggingSteps(input)},
  };
}
