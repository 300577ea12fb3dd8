// Entry point: arguments → the sandbox, the interactive walk, or the run without screens.
// Keep static imports minimal: Ink, the AWS SDK and the sandbox load only when needed, so
// `--version` and the first frame stay fast.
import {flushKeptOutput, silenceStrayOutput} from './cli/quiet.js';
import type {WalkCommand} from './cli/args.js';
import type {WalkVerdict} from './flow/result.js';
import {describeFatalError} from './cli/fatal.js';
import pkg from '../package.json' with {type: 'json'};

/** CI as Ink's is-in-ci reads it: set to anything but "0"/"false". */
function runningInCi(env: NodeJS.ProcessEnv): boolean {
  return env.CI !== undefined && env.CI !== '0' && env.CI !== 'false';
}

/** Interactive exit status: 1 only for a verdict with problems; Ctrl+C is 130 as for any command. */
function exitCodeOf(verdict: WalkVerdict): number {
  return {healthy: 0, quit: 0, 'problems-found': 1, interrupted: 130}[verdict];
}

async function runWalk(command: WalkCommand, signal: AbortSignal): Promise<number> {
  const [{createRuntime}, {stages}, {reportOf}, {assertReportPathFree, writeMarkdownReport}] = await Promise.all([
    import('./run/runtime.js'),
    import('./checks/index.js'),
    import('./run/report.js'),
    import('./report/write.js'),
  ]);
  // Refuse an existing --report file before the walk, not after it.
  if (command.report && !command.force) await assertReportPathFree(command.report);
  const interactive = !command.json && process.stdin.isTTY === true && process.stdout.isTTY === true && !runningInCi(process.env);
  // The app (Ink and React, the largest chunk) loads while the runtime starts.
  const app = interactive ? import('./run/interactive.js') : undefined;
  const runtime = await createRuntime(command);
  try {
    if (app) {
      const {runInteractive} = await app;
      const result = await runInteractive(runtime, stages, {helpOpen: Boolean(command.demo), version: pkg.version, exportDir: process.cwd()});
      if (command.report) await writeMarkdownReport(reportOf(result, runtime.header, {version: pkg.version, sinceMs: runtime.input.sinceMs, now: new Date()}), command.report, {force: command.force});
      return exitCodeOf(result.verdict);
    }
    const {runWithoutScreen} = await import('./run/noninteractive.js');
    const report = await runWithoutScreen(runtime, stages, {json: command.json, version: pkg.version, signal, write: (text) => process.stdout.write(text)});
    if (command.report) await writeMarkdownReport(report, command.report, {force: command.force});
    return report.verdict === 'healthy' ? 0 : 1;
  } finally {
    await runtime.stop();
  }
}

async function main(argv: readonly string[]): Promise<number> {
  const controller = new AbortController();
  const onSignal = () => controller.abort();
  process.once('SIGTERM', onSignal);
  try {
    // `--version` alone is answered before the argument parser loads: meow and what it
    // bundles cost ~30 ms, most of the command's start-up.
    if (argv.length === 1 && argv[0] === '--version') {
      process.stdout.write(`${pkg.version}\n`);
      return 0;
    }
    const {parseArgs} = await import('./cli/args.js');
    // meow prints --help, --version and unknown-flag errors through console: parse first.
    const command = parseArgs(argv);
    silenceStrayOutput();
    if (command.kind === 'sandbox') {
      const [{runSandboxCommand}, {loadScenario}] = await Promise.all([import('./sandbox/command.js'), import('./sandbox/scenarios/index.js')]);
      process.once('SIGINT', onSignal);
      await runSandboxCommand({port: command.port, scenario: loadScenario(command.scenario), latencyMs: command.latencyMs, stdout: process.stdout, signal: controller.signal});
      return 0;
    }
    // In the non-interactive run Ctrl-C aborts the in-flight calls; the interactive app owns it.
    if (command.json || !process.stdin.isTTY) process.once('SIGINT', onSignal);
    return await runWalk(command, controller.signal);
  } catch (error) {
    if (controller.signal.aborted) {
      process.stderr.write('apigw-doctor: cancelled.\n');
      return 130;
    }
    if (error instanceof Error && error.name === 'UsageError') {
      process.stderr.write(`apigw-doctor: ${error.message}\nRun apigw-doctor --help for usage.\n`);
      return 2;
    }
    process.stderr.write(`apigw-doctor: ${describeFatalError(error)}\n`);
    return 2;
  } finally {
    flushKeptOutput();
  }
}

const exitCode = await main(process.argv.slice(2));
// Exit explicitly once stdout has drained: idle keep-alive sockets of the SDK's HTTP agent
// must not hold a finished run open.
process.stdout.write('', () => process.exit(exitCode));
