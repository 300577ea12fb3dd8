// Region, credentials and endpoint come from the SDK's own chain: these tests set the
// environment the way a user would (no ~/.aws, no IMDS) and check what the adapters do.
import {mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {ConfigError, createAwsPorts, loadAwsPorts, resolveRegion} from '../../src/aws/index.js';
import {AwsError} from '../../src/aws/errors.js';
import {answeringServerForFile, deadPortUrl} from '../helpers/aws-answering-server.js';

const savedEnv = {...process.env};
const server = answeringServerForFile(() => ({
  status: 200,
  headers: {'content-type': 'text/xml'},
  body: '<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult><Arn>arn:aws:iam::123456789012:user/dev</Arn><UserId>AIDAEXAMPLE</UserId><Account>123456789012</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>1</RequestId></ResponseMetadata></GetCallerIdentityResponse>',
}));

beforeEach(() => {
  // A machine with nothing configured: no config files, no instance metadata, no env keys.
  for (const name of Object.keys(process.env)) if (name.startsWith('AWS_')) delete process.env[name];
  Object.assign(process.env, {
    AWS_CONFIG_FILE: '/nonexistent/config',
    AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/credentials',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  });
});
afterEach(() => {
  for (const name of Object.keys(process.env)) if (!(name in savedEnv)) delete process.env[name];
  Object.assign(process.env, savedEnv);
});

describe('region', () => {
  it('without any region, says to pass --region or set AWS_REGION', async () => {
    expect(() => createAwsPorts({})).toThrow(ConfigError);
    await expect(resolveRegion({})).rejects.toThrow(/Pass --region REGION, set AWS_REGION/);
  });

  it('explains that AWS_DEFAULT_REGION alone is ignored by the JavaScript SDK', async () => {
    process.env.AWS_DEFAULT_REGION = 'eu-west-1';
    await expect(resolveRegion({})).rejects.toThrow(/AWS_DEFAULT_REGION=eu-west-1 is set, but the AWS SDK for JavaScript ignores it.*AWS_REGION=eu-west-1/);
  });

  it('takes AWS_REGION the way the SDK does, and --region over it', async () => {
    process.env.AWS_REGION = 'ap-southeast-2';
    await expect(resolveRegion({})).resolves.toBe('ap-southeast-2');
    expect(createAwsPorts({}).region).toBe('ap-southeast-2');
    expect((await loadAwsPorts({region: 'us-west-2'})).region).toBe('us-west-2');
  });

  it("finds the region a profile names in the config file, as the SDK does", async () => {
    const configFile = join(mkdtempSync(join(tmpdir(), 'apigw-doctor-')), 'config');
    writeFileSync(configFile, '[profile dev]\nregion = eu-north-1\n');
    process.env.AWS_CONFIG_FILE = configFile;
    await expect(resolveRegion({profile: 'dev'})).resolves.toBe('eu-north-1');
    expect((await loadAwsPorts({profile: 'dev'})).region).toBe('eu-north-1');
  });

  it('forRegion gives cached ports for another region with the same settings', () => {
    const ports = createAwsPorts({region: 'us-east-1', profile: 'dev'});
    const other = ports.forRegion('eu-central-1');
    expect(other).toMatchObject({region: 'eu-central-1', profile: 'dev'});
    expect(ports.forRegion('eu-central-1')).toBe(other);
    expect(other.forRegion('us-east-1')).toBe(ports);
  });
});

describe('credentials', () => {
  it('with no credentials anywhere, fails as CredentialsMissing before sending anything', async () => {
    const error = await createAwsPorts({region: 'us-east-1', endpoint: server.url}).sts.getCallerIdentity().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AwsError);
    expect(error).toMatchObject({kind: 'CredentialsMissing', action: 'sts:GetCallerIdentity'});
    expect((error as AwsError).message).toContain('AWS_ACCESS_KEY_ID');
    expect(server.requests).toHaveLength(0);
  });

  it('a named profile that gives nothing is CredentialsMissing naming that profile', async () => {
    const error = await createAwsPorts({region: 'us-east-1', profile: 'staging', endpoint: server.url}).sts.getCallerIdentity().catch((e: unknown) => e);
    expect(error).toMatchObject({kind: 'CredentialsMissing'});
    expect((error as AwsError).message).toContain('Profile "staging"');
  });

  it('uses the environment keys through the SDK chain', async () => {
    Object.assign(process.env, {AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test'});
    const identity = await createAwsPorts({region: 'us-east-1', endpoint: server.url}).sts.getCallerIdentity();
    expect(identity).toEqual({account: '123456789012', arn: 'arn:aws:iam::123456789012:user/dev', userId: 'AIDAEXAMPLE'});
    expect(server.requests[0]?.headers.authorization).toContain('Credential=test/');
  });
});

describe('endpoint variables (no endpoint option: the SDK reads them itself)', () => {
  beforeEach(() => Object.assign(process.env, {AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test'}));

  it('honours AWS_ENDPOINT_URL', async () => {
    process.env.AWS_ENDPOINT_URL = server.url;
    await createAwsPorts({region: 'us-east-1'}).sts.getCallerIdentity();
    expect(server.requests[0]?.body).toContain('Action=GetCallerIdentity');
  });

  it('AWS_ENDPOINT_URL_<SERVICE> wins over the global variable', async () => {
    process.env.AWS_ENDPOINT_URL = await deadPortUrl();
    process.env.AWS_ENDPOINT_URL_STS = server.url;
    process.env.AWS_ENDPOINT_URL_LAMBDA = server.url;
    server.answer = (request) =>
      request.url.startsWith('/2015-03-31/')
        ? {status: 200, headers: {'content-type': 'application/json'}, body: JSON.stringify({FunctionName: 'f', Timeout: 10, MemorySize: 256})}
        : {status: 200, headers: {'content-type': 'text/xml'}, body: '<GetCallerIdentityResponse><GetCallerIdentityResult><Account>1</Account></GetCallerIdentityResult></GetCallerIdentityResponse>'};
    const ports = createAwsPorts({region: 'us-east-1', maxAttempts: 1});
    await expect(ports.sts.getCallerIdentity()).resolves.toMatchObject({account: '1'});
    await expect(ports.lambda.getFunctionConfiguration('f')).resolves.toMatchObject({functionName: 'f', timeout: 10, logGroup: '/aws/lambda/f'});
    // Logs has no service variable here, so it goes to the dead global one.
    await expect(ports.logs.describeLogGroups('/aws/lambda/')).rejects.toMatchObject({kind: 'Network'});
    expect(server.requests.map((request) => request.url)).toEqual(['/', '/2015-03-31/functions/f/configuration']);
  });
});
