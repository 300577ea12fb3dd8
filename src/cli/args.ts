// Command-line arguments → a typed command. The CLI's flags are a public contract
// (shared/design.md § Command line); meow rejects unknown flags with exit 2.
import meow from 'meow';
import {scenarioNames, type ScenarioName} from '../sandbox/scenario.js';
import {helpText} from './help.js';
import pkg from '../../package.json' with {type: 'json'};

export const defaultDemoScenario: ScenarioName = 'lambda-error';
const httpMethods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'ANY'];

export interface WalkCommand {
  readonly kind: 'walk';
  readonly url?: string;
  readonly method: string;
  readonly profile?: string;
  readonly region?: string;
  readonly identityPool?: string;
  readonly sinceMs: number;
  readonly json: boolean;
  readonly report?: string;
  readonly force: boolean;
  readonly demo?: ScenarioName;
}

export interface SandboxCommand {
  readonly kind: 'sandbox';
  readonly port: number;
  readonly scenario: ScenarioName;
  readonly latencyMs: number;
}

export type Command = WalkCommand | SandboxCommand;

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** "90s", "30m", "1h", "2d" → milliseconds. */
export function parseDuration(text: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*(s|m|h|d)$/i.exec(text.trim());
  if (!match) throw new UsageError(`--since "${text}" is not a duration; use e.g. 30m, 1h, 6h or 2d.`);
  const unit = {s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000}[match[2]!.toLowerCase() as 's' | 'm' | 'h' | 'd'];
  const ms = Number(match[1]) * unit;
  if (ms <= 0 || ms > 30 * 86_400_000) throw new UsageError(`--since must be between 1s and 30d (got "${text}").`);
  return ms;
}

function parseScenario(name: string, flag: string): ScenarioName {
  if ((scenarioNames as readonly string[]).includes(name)) return name as ScenarioName;
  throw new UsageError(`Unknown scenario "${name}" for ${flag}. Scenarios: ${scenarioNames.join(', ')}.`);
}

/** Every flag the command takes (--help must document each one: test/cli/help.test.ts). */
export const flags = {
  method: {type: 'string', shortFlag: 'X', default: 'GET'},
  profile: {type: 'string'},
  region: {type: 'string'},
  identityPool: {type: 'string'},
  since: {type: 'string', default: '1h'},
  json: {type: 'boolean', default: false},
  report: {type: 'string'},
  force: {type: 'boolean', default: false},
  demo: {type: 'boolean', default: false},
  port: {type: 'number'},
  scenario: {type: 'string'},
  latency: {type: 'number'},
} as const;

function rejectUnknownFlags(unnormalized: Readonly<Record<string, unknown>>): void {
  const known = new Set<string>(['help', 'version']);
  for (const [name, spec] of Object.entries(flags)) {
    known.add(name).add(name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`));
    if ('shortFlag' in spec) known.add(spec.shortFlag);
  }
  const unknown = Object.keys(unnormalized).filter((name) => !known.has(name));
  if (unknown.length > 0) throw new UsageError(`Unknown flag${unknown.length > 1 ? 's' : ''}: ${unknown.map((name) => (name.length === 1 ? `-${name}` : `--${name}`)).join(', ')}.`);
}

export function parseArgs(argv: readonly string[]): Command {
  const cli = meow(helpText, {
    importMeta: import.meta,
    argv: [...argv],
    pkg,
    description: false,
    // Unknown flags are rejected below with our own message (meow's is a bare "Unknown flag").
    allowUnknownFlags: true,
    flags,
  });
  const {flags: given, input} = cli;
  rejectUnknownFlags(cli.unnormalizedFlags);

  if (input[0] === 'sandbox') {
    if (input.length > 1) throw new UsageError(`Unexpected argument "${input[1]}" after "sandbox".`);
    const port = given.port ?? 4566;
    if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new UsageError(`--port must be a port number (got ${String(given.port)}).`);
    const latencyMs = given.latency ?? 0;
    if (!(latencyMs >= 0)) throw new UsageError('--latency must be a number of milliseconds ≥ 0.');
    return {kind: 'sandbox', port, scenario: parseScenario(given.scenario ?? 'healthy', '--scenario'), latencyMs};
  }
  for (const flag of ['port', 'scenario', 'latency'] as const) {
    if (given[flag] !== undefined) throw new UsageError(`--${flag} only applies to "apigw-doctor sandbox".`);
  }

  const method = given.method.toUpperCase();
  if (!httpMethods.includes(method)) throw new UsageError(`--method "${given.method}" is not an HTTP method (${httpMethods.join(', ')}).`);
  if (input.length > 1) throw new UsageError(`Expected one URL, got ${input.length} arguments.`);
  const common = {
    kind: 'walk' as const,
    method,
    profile: given.profile,
    region: given.region,
    identityPool: given.identityPool,
    sinceMs: parseDuration(given.since),
    json: given.json,
    report: given.report,
    force: given.force,
  };
  if (given.demo) {
    return {...common, demo: parseScenario(input[0] ?? defaultDemoScenario, '--demo')};
  }
  return {...common, url: input[0]};
}
