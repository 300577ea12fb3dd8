// Lambda, IAM and STS: the function configuration and resource policy the logs/timeouts and
// endpoint stages read, and the roles and policies the identity and simulate stages read,
// asked of the sandbox and of moto with the healthy preset loaded in both.
import {
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  IAMClient,
  ListAttachedRolePoliciesCommand,
  ListRolePoliciesCommand,
  ListRolesCommand,
  PutRolePolicyCommand,
} from '@aws-sdk/client-iam';
import {GetFunctionCommand, GetFunctionConfigurationCommand, GetPolicyCommand as GetFunctionPolicyCommand, LambdaClient, type FunctionConfiguration} from '@aws-sdk/client-lambda';
import {GetCallerIdentityCommand, STSClient} from '@aws-sdk/client-sts';
import {expect, it} from 'vitest';
import {ACCOUNT_ID} from '../../src/sandbox/scenarios/ids.js';
import {byKey, contractSuite, policyJson, type Backend} from './backends.js';

const lambda = (b: Backend, region?: string) => new LambdaClient(b.config(region));
const iam = (b: Backend) => new IAMClient(b.config());
const authRole = 'Cognito_notesAuth_Role';
const attachmentsPolicy = `arn:aws:iam::${ACCOUNT_ID}:policy/notes-attachments-read`;
const pushToCloudWatch = 'arn:aws:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs';

contractSuite('contract: Lambda, IAM, STS', 'healthy', (backends) => {
  it('GetFunctionConfiguration and GetFunction give runtime, handler, role, timeout and memory', async () => {
    const {sandbox, moto} = await backends().both(async (b) => {
      const config = await lambda(b).send(new GetFunctionConfigurationCommand({FunctionName: 'notes-api'}));
      const fn = await lambda(b).send(new GetFunctionCommand({FunctionName: 'notes-api'}));
      const view = (c: FunctionConfiguration) => ({
        FunctionName: c.FunctionName,
        FunctionArn: c.FunctionArn,
        Runtime: c.Runtime,
        Handler: c.Handler,
        Role: c.Role,
        Timeout: c.Timeout,
        MemorySize: c.MemorySize,
        PackageType: c.PackageType,
        lastModified: typeof c.LastModified,
      });
      return {config: view(config), function: fn.Configuration && view(fn.Configuration), codeType: fn.Code?.RepositoryType, hasLocation: typeof fn.Code?.Location};
    });
    expect(sandbox).toEqual(moto);
    expect(sandbox.config).toMatchObject({Runtime: 'nodejs20.x', Handler: 'index.handler', Timeout: 6, MemorySize: 256});
  });

  it('GetFunctionConfiguration names the log group (sandbox only)', async () => {
    // AWS returns LoggingConfig {LogFormat, LogGroup} for every function (API reference,
    // FunctionConfiguration.LoggingConfig; default group /aws/lambda/<name>). moto 5.2.1
    // neither stores nor returns it.
    const {sandbox} = backends();
    const config = await lambda(sandbox).send(new GetFunctionConfigurationCommand({FunctionName: 'notes-api'}));
    expect(config.LoggingConfig).toMatchObject({LogFormat: 'Text', LogGroup: '/aws/lambda/notes-api'});
  });

  it('GetPolicy gives the resource policy that lets API Gateway invoke the function', async () => {
    const {sandbox, moto} = await backends().both(async (b) => {
      const out = await lambda(b).send(new GetFunctionPolicyCommand({FunctionName: 'notes-api'}));
      const policy = JSON.parse(out.Policy ?? '{}') as {Statement: Array<Record<string, unknown>>};
      return byKey(policy.Statement, (st) => String(st.Sid)).map((st) => ({Sid: st.Sid, Effect: st.Effect, Principal: st.Principal, Action: st.Action, Resource: st.Resource, Condition: st.Condition}));
    });
    expect(sandbox).toEqual(moto);
    expect(sandbox.map((st) => st.Principal)).toEqual([{Service: 'apigateway.amazonaws.com'}, {Service: 'apigateway.amazonaws.com'}]);
  });

  it('Lambda answers ResourceNotFoundException 404 for a function that is not there (or in another region)', async () => {
    for (const [FunctionName, region] of [['notes-api-v2', undefined], ['notes-api', 'eu-west-1']] as const) {
      const errors = await backends().bothFail((b) => lambda(b, region).send(new GetFunctionConfigurationCommand({FunctionName})));
      expect(errors.sandbox).toEqual(errors.moto);
      expect(errors.sandbox).toEqual({name: 'ResourceNotFoundException', status: 404});
    }
  });

  it('GetRole gives the trust policy (URL-encoded, as IAM sends it) naming the identity pool', async () => {
    const {sandbox, moto} = await backends().both(async (b) => {
      const out = await iam(b).send(new GetRoleCommand({RoleName: authRole}));
      const role = out.Role!;
      return {RoleName: role.RoleName, Path: role.Path, Arn: role.Arn, Description: role.Description, encoded: role.AssumeRolePolicyDocument?.startsWith('%7B'), trust: policyJson(role.AssumeRolePolicyDocument)};
    });
    expect(sandbox).toEqual(moto);
    expect(sandbox.encoded).toBe(true);
    const pool = backends().scenario.identityPools[0]!.id;
    expect(JSON.stringify(sandbox.trust)).toContain(pool);
    const missing = await backends().bothFail((b) => iam(b).send(new GetRoleCommand({RoleName: 'Cognito_notesAuth_Role_old'})));
    expect(missing.sandbox).toEqual(missing.moto);
    expect(missing.sandbox).toEqual({name: 'NoSuchEntityException', status: 404});
  });

  it('ListRoles pages with MaxItems/Marker and finds every seeded role', async () => {
    const {sandbox, moto} = await backends().both(async (b) => {
      const names: string[] = [];
      let Marker: string | undefined;
      let pages = 0;
      do {
        const page = await iam(b).send(new ListRolesCommand({MaxItems: 2, Marker}));
        names.push(...(page.Roles ?? []).map((r) => `${r.Path}${r.RoleName}`));
        Marker = page.IsTruncated ? page.Marker : undefined;
        pages += 1;
      } while (Marker !== undefined && pages < 20);
      return {names: names.sort(), pages};
    });
    expect(sandbox).toEqual(moto);
    expect(sandbox.pages).toBe(Math.ceil(backends().scenario.roles.length / 2));
  });

  it('ListRolePolicies, GetRolePolicy, ListAttachedRolePolicies give the auth role its permissions', async () => {
    const {sandbox, moto} = await backends().both(async (b) => {
      const names = (await iam(b).send(new ListRolePoliciesCommand({RoleName: authRole}))).PolicyNames ?? [];
      const inline = await Promise.all(names.map(async (PolicyName) => {
        const out = await iam(b).send(new GetRolePolicyCommand({RoleName: authRole, PolicyName}));
        return {RoleName: out.RoleName, PolicyName: out.PolicyName, encoded: out.PolicyDocument?.startsWith('%7B'), document: policyJson(out.PolicyDocument)};
      }));
      const attached = (await iam(b).send(new ListAttachedRolePoliciesCommand({RoleName: authRole}))).AttachedPolicies ?? [];
      return {names, inline, attached: attached.map((p) => ({PolicyName: p.PolicyName, PolicyArn: p.PolicyArn}))};
    });
    expect(sandbox).toEqual(moto);
    expect(JSON.stringify(sandbox.inline)).toContain('execute-api:Invoke');
    expect(sandbox.attached).toEqual([{PolicyName: 'notes-attachments-read', PolicyArn: attachmentsPolicy}]);
    const missing = await backends().bothFail((b) => iam(b).send(new GetRolePolicyCommand({RoleName: authRole, PolicyName: 'no-such-policy'})));
    expect(missing.sandbox).toEqual(missing.moto);
    expect(missing.sandbox).toEqual({name: 'NoSuchEntityException', status: 404});
  });

  it('GetPolicy and GetPolicyVersion give customer and AWS managed policy documents', async () => {
    const {sandbox, moto} = await backends().both(async (b) =>
      Promise.all(
        [attachmentsPolicy, pushToCloudWatch].map(async (PolicyArn) => {
          const policy = (await iam(b).send(new GetPolicyCommand({PolicyArn}))).Policy!;
          const version = (await iam(b).send(new GetPolicyVersionCommand({PolicyArn, VersionId: policy.DefaultVersionId}))).PolicyVersion!;
          return {
            policy: {PolicyName: policy.PolicyName, Arn: policy.Arn, Path: policy.Path, DefaultVersionId: policy.DefaultVersionId, IsAttachable: policy.IsAttachable},
            version: {VersionId: version.VersionId, IsDefaultVersion: version.IsDefaultVersion, document: policyJson(version.Document)},
          };
        }),
      ),
    );
    expect(sandbox).toEqual(moto);
    const missing = await backends().bothFail((b) => iam(b).send(new GetPolicyCommand({PolicyArn: `arn:aws:iam::${ACCOUNT_ID}:policy/nope`})));
    expect(missing.sandbox).toEqual(missing.moto);
    expect(missing.sandbox).toEqual({name: 'NoSuchEntityException', status: 404});
  });

  it('GetPolicyVersion documents come URL-encoded from the sandbox, as from AWS', async () => {
    // AWS URL-encodes (RFC 3986) the Document of GetPolicyVersion like GetRolePolicy's (API
    // reference, PolicyVersion.Document). moto 5.2.1 returns it as plain JSON.
    const {sandbox, moto} = backends();
    const documentOf = async (b: Backend) =>
      (await iam(b).send(new GetPolicyVersionCommand({PolicyArn: attachmentsPolicy, VersionId: 'v1'}))).PolicyVersion?.Document ?? '';
    expect(await documentOf(sandbox)).toMatch(/^%7B/);
    expect(await documentOf(moto)).toMatch(/^\{/);
  });

  it('PutRolePolicy adds the invoke statement the fix writes, and GetRolePolicy reads it back', async () => {
    const document = {Version: '2012-10-17', Statement: [{Sid: 'ApigwDoctorFix', Effect: 'Allow', Action: 'execute-api:Invoke', Resource: 'arn:aws:execute-api:us-east-1:*:a1b2c3d4e5/*'}]};
    const {sandbox, moto} = await backends().both(async (b) => {
      await iam(b).send(new PutRolePolicyCommand({RoleName: 'Cognito_notesUnauth_Role', PolicyName: 'apigw-doctor-invoke', PolicyDocument: JSON.stringify(document)}));
      const out = await iam(b).send(new GetRolePolicyCommand({RoleName: 'Cognito_notesUnauth_Role', PolicyName: 'apigw-doctor-invoke'}));
      return policyJson(out.PolicyDocument);
    });
    expect(sandbox).toEqual(moto);
    expect(sandbox).toEqual(document);
    const malformed = await backends().bothFail((b) =>
      iam(b).send(new PutRolePolicyCommand({RoleName: 'Cognito_notesUnauth_Role', PolicyName: 'broken', PolicyDocument: '{"Version":"2012-10-17","Statement":'})),
    );
    expect(malformed.sandbox).toEqual(malformed.moto);
    expect(malformed.sandbox).toEqual({name: 'MalformedPolicyDocumentException', status: 400});
  });

  it('STS GetCallerIdentity names the account', async () => {
    const {sandbox, moto} = await backends().both(async (b) => (await new STSClient(b.config()).send(new GetCallerIdentityCommand({}))).Account);
    expect(sandbox).toEqual(moto);
    expect(sandbox).toBe(ACCOUNT_ID);
  });
});
