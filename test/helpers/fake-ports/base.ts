// What every fake port shares: the scenario state, its region, the fault book that records
// calls and fires injected AwsErrors, and the IAM action a call needs (so an injected
// AccessDenied names a permission, as the real adapters' errors do).
import {AwsError, type AwsErrorKind} from '../../../src/aws/errors.js';
import type * as P from '../../../src/aws/ports.js';
import type {Scenario} from '../../../src/sandbox/scenario.js';
import type {SandboxState} from '../../../src/sandbox/state.js';

export type PortName = 'apigw' | 'apigwv2' | 'lambda' | 'logs' | 'iam' | 'cognito' | 'sts';

export interface FaultRule {
  readonly port: PortName;
  /** Port method name, e.g. "listStages", or "*" for every method of the port. */
  readonly method: string;
  readonly error: AwsError;
  /** Only in this region; default every region. */
  readonly region?: string;
  /** Fires this many times, then the call behaves again; default always. */
  readonly times?: number;
}

export interface RecordedCall {
  readonly region: string;
  readonly port: PortName;
  readonly method: string;
  readonly args: readonly unknown[];
}

export interface FakeAwsOptions {
  /** The home region of the ports; default the scenario's. */
  readonly region?: string;
  /** Scenario "load" moment, for log timestamps; default Date.now(). */
  readonly now?: number;
  readonly profile?: string;
  readonly testInvoke?: (input: Parameters<P.ApiGatewayV1Port['testInvokeMethod']>[0]) => P.TestInvokeResult;
  readonly simulate?: (input: Parameters<P.IamPort['simulatePrincipalPolicy']>[0]) => P.EvaluationResult[];
  readonly queryResults?: (query: {logGroupNames: readonly string[]; queryString: string}) => P.QueryResults;
}

/** The IAM action each port's calls need, to name a missing permission like the adapters do. */
const actionPrefix: Record<PortName, string> = {apigw: 'apigateway', apigwv2: 'apigateway', lambda: 'lambda', logs: 'logs', iam: 'iam', cognito: 'cognito-identity', sts: 'sts'};

export function actionFor(port: PortName, method: string): string {
  if (port === 'apigw' || port === 'apigwv2') return method === 'updateStageLogging' ? 'apigateway:PATCH' : method === 'testInvokeMethod' ? 'apigateway:POST' : 'apigateway:GET';
  const operation = method.replace(/^list/, port === 'logs' ? 'describe' : 'list');
  return `${actionPrefix[port]}:${operation.charAt(0).toUpperCase()}${operation.slice(1)}`;
}

export function awsError(kind: AwsErrorKind, action: string, message = `${kind} (injected by the test)`): AwsError {
  return new AwsError({kind, action, message, code: kind === 'AccessDenied' ? 'AccessDeniedException' : kind});
}

export class FaultBook {
  private readonly rules: Array<{rule: FaultRule; remaining: number}> = [];
  readonly calls: RecordedCall[] = [];

  add(rule: FaultRule): void {
    this.rules.push({rule, remaining: rule.times ?? Number.POSITIVE_INFINITY});
  }

  /** Records the call and throws the first matching fault still armed. */
  enter(region: string, port: PortName, method: string, args: readonly unknown[]): void {
    this.calls.push({region, port, method, args});
    const armed = this.rules.find(({rule, remaining}) => remaining > 0 && rule.port === port && (rule.method === method || rule.method === '*') && (rule.region === undefined || rule.region === region));
    if (!armed) return;
    armed.remaining -= 1;
    throw armed.rule.error;
  }
}

export interface PortContext {
  readonly state: SandboxState;
  /** `${region}/${apiId}/${stageName}` → when updateStageLogging last changed it. */
  readonly stageUpdatedAt: Map<string, Date>;
  readonly region: string;
  readonly faults: FaultBook;
  readonly options: FakeAwsOptions;
}

export abstract class FakePort {
  protected abstract readonly port: PortName;
  constructor(protected readonly context: PortContext) {}
  protected get scenario(): Scenario {
    return this.context.state.scenario;
  }
  protected get region(): string {
    return this.context.region;
  }
  protected enter(method: string, ...args: unknown[]): void {
    this.context.faults.enter(this.region, this.port, method, args);
  }
  protected notFound(method: string, message: string): AwsError {
    return new AwsError({kind: 'NotFound', action: actionFor(this.port, method), message, code: 'NotFoundException', httpStatus: 404});
  }
  protected unsupported(method: string, hint: string): AwsError {
    return new AwsError({kind: 'Unsupported', action: actionFor(this.port, method), message: `The fake AWS does not compute ${method}; ${hint}`});
  }
}

export const toDate = (iso: string): Date => new Date(iso);
