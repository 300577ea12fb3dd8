// The run without screens (--json, a pipe, CI): every stage, then one report on stdout.
import type {StageDefinition} from '../checks/stage.js';
import {runAllStages} from '../checks/walk.js';
import type {JsonReport} from '../report/json.js';
import {toTerminalSafeJson} from '../report/sanitize.js';
import {renderTextReport} from '../report/text.js';
import {reportOf} from './report.js';
import type {Runtime} from './runtime.js';

export async function runWithoutScreen(
  runtime: Runtime,
  stages: readonly StageDefinition[],
  options: {json: boolean; version: string; signal: AbortSignal; write: (text: string) => void},
): Promise<JsonReport> {
  // Ask who we are first: it proves the credentials work before any stage runs (exit 2 if not).
  const account = runtime.callsAws ? (await runtime.aws.sts.getCallerIdentity({signal: options.signal})).account : undefined;
  const result = await runAllStages(stages, runtime.input, runtime.makeContext, options.signal, account ? {account} : {});
  const report = reportOf(result, runtime.header, {version: options.version, sinceMs: runtime.input.sinceMs, now: new Date()});
  options.write(options.json ? toTerminalSafeJson(report) + '\n' : renderTextReport(report));
  return report;
}
