// Lambda, restJson1: the function's configuration, its code package and its resource policy.
// FunctionName may be a name, a full or partial ARN (URL-encoded in the path) with an optional
// ":qualifier"; only $LATEST exists in the sandbox. Errors use Lambda's {"Type","Message"} body.
import {createHash} from 'node:crypto';
import {SandboxError, type HandlerContext, type RestHandler, type RestRequest, type RestRoute, type RestService} from '../protocol.js';
import {codeLocation, codePackage, codeSha256} from '../lambda-code.js';
import {findFunction, functionArn, parseFunctionReference} from '../lambda-functions.js';
import type {FunctionSeed} from '../scenario.js';

/** Lambda's LastModified: "2024-01-01T00:00:00.000+0000". */
function lambdaTimestamp(epochMs: number): string {
  return new Date(epochMs).toISOString().replace('Z', '+0000');
}

function revisionId(fn: FunctionSeed, salt: string): string {
  const hex = createHash('sha256').update(`${fn.region}/${fn.name}/${salt}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

function functionOf(request: RestRequest, ctx: HandlerContext): FunctionSeed {
  const reference = parseFunctionReference(request.params.FunctionName ?? '');
  const qualifier = request.query.get('Qualifier') ?? reference.qualifier;
  const fn =
    (reference.region ?? ctx.region) === ctx.region && (reference.accountId ?? ctx.accountId) === ctx.accountId
      ? findFunction(ctx.state, ctx.region, reference.name)
      : undefined;
  if (!fn || (qualifier !== undefined && qualifier !== '$LATEST')) {
    const arn = `arn:aws:lambda:${ctx.region}:${ctx.accountId}:function:${reference.name}${qualifier ? `:${qualifier}` : ''}`;
    throw new SandboxError('ResourceNotFoundException', `Function not found: ${arn}`, 404);
  }
  return fn;
}

function configurationView(fn: FunctionSeed, ctx: HandlerContext): Record<string, unknown> {
  const logFormat = fn.logFormat ?? 'Text';
  return {
    FunctionName: fn.name,
    FunctionArn: functionArn(ctx.accountId, fn),
    Runtime: fn.runtime,
    Role: fn.roleArn,
    Handler: fn.handler,
    CodeSize: codePackage(fn).length,
    Description: '',
    Timeout: fn.timeout,
    MemorySize: fn.memorySize,
    LastModified: lambdaTimestamp(ctx.state.loadedAt - 7 * 86_400_000),
    CodeSha256: codeSha256(fn),
    Version: '$LATEST',
    TracingConfig: {Mode: 'PassThrough'},
    RevisionId: revisionId(fn, 'configuration'),
    State: 'Active',
    LastUpdateStatus: 'Successful',
    PackageType: 'Zip',
    Architectures: ['x86_64'],
    EphemeralStorage: {Size: 512},
    SnapStart: {ApplyOn: 'None', OptimizationStatus: 'Off'},
    RuntimeVersionConfig: {RuntimeVersionArn: `arn:aws:lambda:${fn.region}::runtime:${createHash('sha256').update(fn.runtime).digest('hex')}`},
    LoggingConfig:
      logFormat === 'JSON'
        ? {LogFormat: 'JSON', ApplicationLogLevel: 'INFO', SystemLogLevel: 'INFO', LogGroup: fn.logGroup ?? `/aws/lambda/${fn.name}`}
        : {LogFormat: 'Text', LogGroup: fn.logGroup ?? `/aws/lambda/${fn.name}`},
  };
}

const getFunctionConfiguration: RestHandler = (request, ctx) => ({body: configurationView(functionOf(request, ctx), ctx)});

const getFunction: RestHandler = (request, ctx) => {
  const fn = functionOf(request, ctx);
  return {body: {Configuration: configurationView(fn, ctx), Code: {RepositoryType: 'S3', Location: codeLocation(ctx.baseUrl, fn)}, Tags: {}}};
};

const getPolicy: RestHandler = (request, ctx) => {
  const fn = functionOf(request, ctx);
  if (!fn.resourcePolicy) throw new SandboxError('ResourceNotFoundException', 'The resource you requested does not exist.', 404);
  return {body: {Policy: JSON.stringify({Version: fn.resourcePolicy.Version, Id: 'default', Statement: fn.resourcePolicy.Statement}), RevisionId: revisionId(fn, 'policy')}};
};

const route = (pattern: string, operation: string, handler: RestHandler): RestRoute => ({method: 'GET', pattern, action: `lambda:${operation}`, handler});

export const lambdaService: RestService = {
  protocol: 'restJson1',
  signingName: 'lambda',
  routes: [
    route('/2015-03-31/functions/{FunctionName}/configuration', 'GetFunctionConfiguration', getFunctionConfiguration),
    route('/2015-03-31/functions/{FunctionName}/policy', 'GetPolicy', getPolicy),
    route('/2015-03-31/functions/{FunctionName}', 'GetFunction', getFunction),
  ],
};
