// How the tool reaches AWS: region, profile, an optional endpoint (the demo sandbox), and
// the options every SDK client gets. Credentials, retries and AWS_ENDPOINT_URL handling stay
// the SDK's own: we only pass what the user named explicitly.

export interface AwsConfig {
  readonly region?: string;
  /** --profile: handed to each client's `profile` option, the SDK resolves the rest. */
  readonly profile?: string;
  /** An explicit endpoint (the embedded sandbox). Unset: the SDK honours AWS_ENDPOINT_URL(_<SERVICE>). */
  readonly endpoint?: string;
  readonly credentials?: {readonly accessKeyId: string; readonly secretAccessKey: string; readonly sessionToken?: string};
  readonly maxAttempts?: number;
}

/** A configuration problem the user fixes with a flag or an environment variable (exit 2). */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

export function missingRegionError(env: NodeJS.ProcessEnv = process.env): ConfigError {
  const defaultRegion = env.AWS_DEFAULT_REGION;
  const note = defaultRegion
    ? ` AWS_DEFAULT_REGION=${defaultRegion} is set, but the AWS SDK for JavaScript ignores it (only the AWS CLI and boto3 read it): set AWS_REGION=${defaultRegion} instead.`
    : '';
  return new ConfigError(`No AWS region configured. Pass --region REGION, set AWS_REGION, or set region in your AWS profile.${note}`);
}

/**
 * The region the SDK itself would use: config.region, else AWS_REGION, else the profile's
 * `region` in ~/.aws/config. Asking an (unused) STS client for it keeps the lookup the SDK's
 * own rather than a re-implementation of its config-file rules.
 */
export async function resolveRegion(config: AwsConfig): Promise<string> {
  if (config.region) return config.region;
  const {STSClient} = await import('@aws-sdk/client-sts');
  const client = new STSClient(config.profile ? {profile: config.profile} : {});
  try {
    const region = await client.config.region();
    if (region) return region;
  } catch {
    // "Region is missing": fall through to our own message, which says what to do.
  } finally {
    client.destroy();
  }
  throw missingRegionError();
}

/** The SDK client options every adapter shares, for one region. */
export function baseClientOptions(config: AwsConfig, region: string) {
  return {
    region,
    ...(config.profile ? {profile: config.profile} : {}),
    ...(config.endpoint ? {endpoint: config.endpoint} : {}),
    ...(config.credentials ? {credentials: config.credentials} : {}),
    ...(config.maxAttempts ? {maxAttempts: config.maxAttempts} : {}),
  };
}

/**
 * Whether CloudWatch Logs calls go to a non-AWS endpoint. The SDK prepends host prefixes
 * (StartLiveTail's `stream-`) even to custom endpoints, which breaks `127.0.0.1`
 * (aws-facts §2.3), so the Logs client turns them off then.
 */
export function logsEndpointIsCustom(config: AwsConfig, env: NodeJS.ProcessEnv = process.env): boolean {
  if (config.endpoint) return true;
  if (env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS === 'true') return false;
  return Boolean(env.AWS_ENDPOINT_URL_CLOUDWATCH_LOGS || env.AWS_ENDPOINT_URL);
}
