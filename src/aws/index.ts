// The real AWS ports for one region. No SDK client module is loaded until a check makes
// the first call of that service (each adapter imports its client dynamically).
import type {AwsPorts} from './ports.js';
import {missingRegionError, resolveRegion, type AwsConfig} from './config.js';
import {createApiGatewayAdapter} from './api-gateway.js';
import {createApiGatewayV2Adapter} from './api-gateway-v2.js';
import {createLambdaAdapter} from './lambda.js';
import {createCloudWatchLogsAdapter} from './cloudwatch-logs.js';
import {createIamAdapter} from './iam.js';
import {createCognitoIdentityAdapter} from './cognito-identity.js';
import {createStsAdapter} from './sts.js';

export {ConfigError, resolveRegion, type AwsConfig} from './config.js';
export {createHttpProbe} from './http-probe.js';

/**
 * Ports for config.region, else AWS_REGION. A region that only the profile names is found by
 * `loadAwsPorts`, which asks the SDK. Throws ConfigError when there is no region at all.
 */
export function createAwsPorts(config: AwsConfig): AwsPorts {
  const region = config.region ?? process.env.AWS_REGION;
  if (!region) throw missingRegionError();
  return portsForRegion(config, region, new Map());
}

/** Like createAwsPorts, with the region resolved the SDK's way (AWS_REGION, then the profile). */
export async function loadAwsPorts(config: AwsConfig): Promise<AwsPorts> {
  return createAwsPorts({...config, region: await resolveRegion(config)});
}

function portsForRegion(config: AwsConfig, region: string, byRegion: Map<string, AwsPorts>): AwsPorts {
  const existing = byRegion.get(region);
  if (existing) return existing;
  const scope = {config, region};
  const ports: AwsPorts = {
    region,
    profile: config.profile,
    apigw: createApiGatewayAdapter(scope),
    apigwv2: createApiGatewayV2Adapter(scope),
    lambda: createLambdaAdapter(scope),
    logs: createCloudWatchLogsAdapter(scope),
    iam: createIamAdapter(scope),
    cognito: createCognitoIdentityAdapter(scope),
    sts: createStsAdapter(scope),
    forRegion: (other) => portsForRegion(config, other, byRegion),
  };
  byRegion.set(region, ports);
  return ports;
}
