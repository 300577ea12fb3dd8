// The contract harness: one preset loaded into our sandbox and seeded into moto at the same
// moment, and helpers that ask both the same question and hand back comparable answers
// (moto's own ids translated back to the scenario's, volatile fields left out by the caller's
// projection). A difference is a sandbox bug unless AWS's documentation says moto is wrong.
import {afterAll, beforeAll} from 'vitest';
import {seedMoto, type SeedReport} from '../../src/sandbox/moto-seeder.js';
import type {Scenario, ScenarioName} from '../../src/sandbox/scenario.js';
import {loadScenario} from '../../src/sandbox/scenarios/index.js';
import {describeWithMoto, startMoto, testClientConfig, type MotoServer, type TestClientConfig} from '../helpers/moto.js';
import {startTestSandbox, type TestSandbox} from '../helpers/sandbox.js';

export interface Backend {
  readonly name: 'sandbox' | 'moto';
  config(region?: string): TestClientConfig;
  /** The backend's id for a scenario id (moto picks its own for most things). */
  id(scenarioId: string): string;
}

export interface Backends {
  readonly scenario: Scenario;
  readonly sandbox: Backend;
  readonly moto: Backend;
  readonly seed: SeedReport;
  /** Runs `ask` on both backends; answers come back with moto's ids rewritten to the scenario's. */
  both<T>(ask: (backend: Backend) => Promise<T>): Promise<{sandbox: T; moto: T}>;
  /** Runs a call expected to fail on both; returns each error's SDK name and HTTP status. */
  bothFail(ask: (backend: Backend) => Promise<unknown>): Promise<{sandbox: ErrorShape; moto: ErrorShape}>;
}

export interface ErrorShape {
  readonly name: string;
  readonly status: number | undefined;
}

function errorShape(error: unknown): ErrorShape {
  const e = error as {name?: string; $metadata?: {httpStatusCode?: number}};
  return {name: e.name ?? String(error), status: e.$metadata?.httpStatusCode};
}

/** Deeply replaces every occurrence of moto's ids in strings (keys too) with the scenario's. */
function translate<T>(value: T, pairs: ReadonlyArray<[string, string]>): T {
  const rewrite = (text: string): string => pairs.reduce((out, [motoId, scenarioId]) => out.replaceAll(motoId, scenarioId), text);
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return rewrite(v);
    if (Array.isArray(v)) return v.map(walk);
    if (v instanceof Date || v instanceof Uint8Array || v === null || typeof v !== 'object') return v;
    return Object.fromEntries(Object.entries(v).map(([k, inner]) => [rewrite(k), walk(inner)]));
  };
  return walk(value) as T;
}

// One moto per test file, reset between suites: starting moto costs more than a reset.
let sharedMoto: Promise<MotoServer> | undefined;
let stopRegistered = false;

async function freshMoto(): Promise<MotoServer> {
  if (sharedMoto === undefined) return (sharedMoto = startMoto());
  const moto = await sharedMoto;
  await moto.reset();
  return moto;
}

/**
 * Declares a suite that has `preset` running on both backends. The callback receives a getter
 * (the backends exist only once beforeAll has run).
 */
export function contractSuite(title: string, preset: ScenarioName, body: (backends: () => Backends) => void): void {
  if (!stopRegistered) {
    stopRegistered = true;
    // Registered at file level, so it runs once after the file's last suite.
    afterAll(async () => {
      await (await sharedMoto)?.stop();
    });
  }
  describeWithMoto(`${title} [${preset}]`, () => {
    let sandbox: TestSandbox | undefined;
    let moto: MotoServer | undefined;
    let backends: Backends | undefined;

    beforeAll(async () => {
      const now = Date.now();
      const scenario = loadScenario(preset, now);
      [sandbox, moto] = await Promise.all([startTestSandbox(scenario, {now}), freshMoto()]);
      const seed = await seedMoto(scenario, testClientConfig(moto.endpoint), now);
      // Longest first, so an id that contains another is rewritten whole.
      const toScenario = Object.entries(seed.ids)
        .filter(([scenarioId, motoId]) => scenarioId !== motoId)
        .map(([scenarioId, motoId]): [string, string] => [motoId, scenarioId])
        .sort((a, b) => b[0].length - a[0].length);
      const sandboxEndpoint = sandbox.endpoint;
      const motoEndpoint = moto.endpoint;
      const sandboxBackend: Backend = {name: 'sandbox', config: (region = scenario.region) => testClientConfig(sandboxEndpoint, region), id: (scenarioId) => scenarioId};
      const motoBackend: Backend = {name: 'moto', config: (region = scenario.region) => testClientConfig(motoEndpoint, region), id: (scenarioId) => seed.ids[scenarioId] ?? scenarioId};
      backends = {
        scenario,
        sandbox: sandboxBackend,
        moto: motoBackend,
        seed,
        async both(ask) {
          const [a, b] = await Promise.all([ask(sandboxBackend), ask(motoBackend)]);
          return {sandbox: a, moto: translate(b, toScenario)};
        },
        async bothFail(ask) {
          const outcome = async (backend: Backend): Promise<ErrorShape> => {
            try {
              await ask(backend);
            } catch (error) {
              return errorShape(error);
            }
            return {name: `${backend.name} succeeded where an error was expected`, status: undefined};
          };
          const [a, b] = await Promise.all([outcome(sandboxBackend), outcome(motoBackend)]);
          return {sandbox: a, moto: b};
        },
      };
    });

    afterAll(async () => {
      await sandbox?.stop();
    });

    body(() => {
      if (backends === undefined) throw new Error('contract backends are not ready (beforeAll failed?)');
      return backends;
    });
  });
}

/** IAM documents come URL-encoded from AWS (moto: all but GetPolicyVersion); decode either form. */
export function policyJson(document: string | undefined): unknown {
  if (document === undefined) return undefined;
  return JSON.parse(document.startsWith('%') ? decodeURIComponent(document) : document);
}

/** Sorts an array of records by a key so list order does not decide equality. */
export function byKey<T>(items: readonly T[] | undefined, key: (item: T) => string): T[] {
  return [...(items ?? [])].sort((a, b) => key(a).localeCompare(key(b)));
}
