// In-memory stages for App tests: runners that return canned outcomes (or wait to be
// cancelled) and record what they were called with. No AWS, no SDK.
import type {AwsPorts} from '../../src/aws/ports.js';
import type {ProbePort} from '../../src/aws/probe.js';
import type {Finding, StageId} from '../../src/checks/findings.js';
import type {StageContext, StageDefinition, StageOutcome, WalkFacts, WalkInput} from '../../src/checks/stage.js';

export const input: WalkInput = {url: 'https://abc123.execute-api.us-east-1.amazonaws.com/prd/notes', method: 'GET', sinceMs: 3_600_000};
export const header = {url: input.url, account: '111122223333', region: 'us-east-1', profile: 'dev', mode: 'aws' as const};

export function finding(id: string, stage: StageId, severity: Finding['severity'], extra: Partial<Finding> = {}): Finding {
  return {id, stage, severity, title: `${id} title`, detail: `${id} detail`, evidence: [], ...extra};
}

export interface RecordedStage extends StageDefinition {
  readonly calls: StageContext[];
}

/** A stage answering each call with the next outcome of `answers` (the last one repeats). */
export function cannedStage(id: StageId, title: string, answers: ReadonlyArray<StageOutcome | Error | ((ctx: StageContext) => Promise<StageOutcome>)>, actions?: StageDefinition['actions']): RecordedStage {
  const calls: StageContext[] = [];
  return {
    id,
    title,
    explain: `${title} explained: why this stage matters.`,
    calls,
    actions,
    run: async (ctx) => {
      calls.push(ctx);
      const answer = answers[Math.min(calls.length, answers.length) - 1]!;
      if (answer instanceof Error) throw answer;
      return typeof answer === 'function' ? answer(ctx) : answer;
    },
  };
}

/** A runner that only ends when its call is aborted (then rejects, as the SDK does). */
export function untilAborted(ctx: StageContext): Promise<StageOutcome> {
  return new Promise((_resolve, reject) => ctx.signal.addEventListener('abort', () => reject(new Error('aborted'))));
}

// The fake stages never reach the ports; a context still needs them to be well-typed.
const unusedPorts = {} as AwsPorts;
const unusedProbe: ProbePort = {probe: () => Promise.reject(new Error('the fake stages do not probe'))};

export function makeContext(input: WalkInput, facts: WalkFacts, signal: AbortSignal): StageContext {
  return {aws: unusedPorts, probe: unusedProbe, input, facts, signal, now: () => Date.UTC(2025, 0, 1)};
}

export const ok = (stage: StageId, facts: Partial<WalkFacts> = {}): StageOutcome => ({findings: [finding(`${stage}-ok`, stage, 'ok')], facts});
