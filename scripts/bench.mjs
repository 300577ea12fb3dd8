// `npm run bench`: start-up, whole-run and log-scan figures for this machine. Not a test:
// nothing fails on a time. Each figure is the median of several runs, with a bare
// `node -e 0` measured in the same run as the baseline. Run `npm run build` first.
//
//   cold start        `apigw-doctor --version` against `node -e 0`
//   first frame       the interactive app under a pseudo-terminal (util-linux `script`),
//                     until its first frame is on the terminal, against `node` printing a
//                     line under the same pseudo-terminal
//   --demo X --json   wall time and AWS calls with the sandbox answering every call after
//                     50 ms; also at 0 ms, so (t50 - t0) / 50 estimates the round trips on
//                     the critical path. Uses two dev-only variables read by src/run/runtime.ts:
//                     APIGW_DOCTOR_SANDBOX_LATENCY_MS=50 (the demo's sandbox latency) and
//                     APIGW_DOCTOR_SANDBOX_CALLS=1 (the demo prints its call count on stderr).
//   log scan          the logs stage over 10k / 100k / 1M generated Lambda log events in
//                     1,000 streams (scripts/bench-log-scan.ts: sandbox in one process, the
//                     scan in another): events in the window per second, the scan process's
//                     peak RSS, and how it searched (FilterLogEvents or Logs Insights).
//
// BENCH_RUNS (default 7) sets the runs per figure; log scans use fewer (3 at 1M).
import {spawn, spawnSync} from 'node:child_process';
import {once} from 'node:events';
import {createInterface} from 'node:readline';
import {fileURLToPath} from 'node:url';

const bin = fileURLToPath(new URL('../bin/apigw-doctor.js', import.meta.url));
const logScan = fileURLToPath(new URL('./bench-log-scan.ts', import.meta.url));
const runs = Number(process.env.BENCH_RUNS ?? 7);
const quietEnv = {...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true'};

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function repeat(times, measure) {
  return Array.from({length: times}, () => measure());
}

async function repeatAsync(times, measure) {
  const samples = [];
  for (let i = 0; i < times; i += 1) samples.push(await measure());
  return samples;
}

/** Wall time of one run of `node ARGS`; exit 0 or 1 (a diagnosis with findings) is fine. */
function timeRun(args, env = {}) {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, {env: {...quietEnv, ...env}, encoding: 'utf8'});
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0 && result.status !== 1) throw new Error(`node ${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  return {ms, stderr: result.stderr};
}

/** Milliseconds until `marker` appears on the pseudo-terminal `script` gives `command`. */
async function timeToScreen(command, marker) {
  const start = process.hrtime.bigint();
  const child = spawn('script', ['-qfec', command, '/dev/null'], {env: {...quietEnv, CI: 'false', TERM: 'xterm-256color', COLUMNS: '100', LINES: '30'}, stdio: ['pipe', 'pipe', 'ignore']});
  const exited = once(child, 'exit');
  let seen = '';
  try {
    return await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no "${marker}" from ${command} within 20 s; saw: ${seen.slice(-300)}`)), 20_000);
      void exited.then(() => reject(new Error(`${command} ended before "${marker}"; saw: ${seen.slice(-300)}`)));
      child.stdout.on('data', (chunk) => {
        seen += chunk.toString('utf8');
        if (seen.includes(marker)) {
          clearTimeout(timer);
          resolve(Number(process.hrtime.bigint() - start) / 1e6);
        }
      });
    });
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  }
}

const quote = (text) => `'${text.replaceAll("'", `'\\''`)}'`;
const rows = [];
const row = (label, value, note = '') => rows.push([label, value, note]);
const ms = (value, baseline) => `${value.toFixed(0).padStart(6)} ms${baseline === undefined ? '' : `   (+${(value - baseline).toFixed(0)} ms over baseline)`}`;

// ---- start-up -------------------------------------------------------------------------
const baseline = median(repeat(runs, () => timeRun(['-e', '0']).ms));
row('node -e 0 (baseline)', ms(baseline));
row('apigw-doctor --version', ms(median(repeat(runs, () => timeRun([bin, '--version']).ms)), baseline));

const ttyBaseline = median(await repeatAsync(runs, () => timeToScreen(`${quote(process.execPath)} -e "process.stdout.write('bench-ready')"`, 'bench-ready')));
row('pty: node prints a line (baseline)', ms(ttyBaseline));
const frame = (args) => timeToScreen(`${quote(process.execPath)} ${quote(bin)} ${args}`, 'Stage 1 of');
// An IP address is no API Gateway URL: the app shows the endpoint stage without asking AWS first.
row('first frame: a URL (no AWS call first)', ms(median(await repeatAsync(runs, () => frame(quote('http://127.0.0.1/notes')))), ttyBaseline));
row('first frame: --demo healthy', ms(median(await repeatAsync(runs, () => frame('--demo healthy'))), ttyBaseline));

// ---- whole --json runs ----------------------------------------------------------------
const latencyMs = 50;
for (const scenario of ['healthy', 'wrong-stage', 'wrong-region', 'iam-denied', 'lambda-error', 'lambda-timeout']) {
  const demo = (latency) =>
    repeat(runs, () => timeRun([bin, '--demo', scenario, '--json'], {APIGW_DOCTOR_SANDBOX_LATENCY_MS: String(latency), APIGW_DOCTOR_SANDBOX_CALLS: '1'}));
  const slow = demo(latencyMs);
  const fast = median(demo(0).map((run) => run.ms));
  const wall = median(slow.map((run) => run.ms));
  const calls = /sandbox: (\d+) AWS calls/.exec(slow[0].stderr)?.[1] ?? '?';
  row(`--demo ${scenario} --json @${latencyMs} ms`, ms(wall, baseline), `${calls} calls, ≈${((wall - fast) / latencyMs).toFixed(1)} round trips on the critical path`);
}

// ---- log scan -------------------------------------------------------------------------
async function startLogSandbox(events) {
  const child = spawn(process.execPath, ['--import', 'tsx', logScan, 'serve', String(events)], {env: quietEnv, stdio: ['pipe', 'pipe', 'inherit']});
  const exited = once(child, 'exit');
  const [line] = await once(createInterface({input: child.stdout}), 'line');
  return {
    endpoint: JSON.parse(line).endpoint,
    stop: async () => {
      child.stdin.end();
      await exited;
    },
  };
}

const bareRss = median(repeat(runs, () => Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.resourceUsage().maxRSS))'], {encoding: 'utf8'}).stdout)));
row('node -e 0 peak RSS (baseline)', `${(bareRss / 1024).toFixed(0).padStart(6)} MB`);
for (const events of [10_000, 100_000, 1_000_000]) {
  const sandbox = await startLogSandbox(events);
  try {
    const scans = repeat(events >= 1_000_000 ? 3 : 5, () => {
      const result = spawnSync(process.execPath, ['--import', 'tsx', logScan, 'scan', sandbox.endpoint], {env: quietEnv, encoding: 'utf8'});
      if (result.status !== 0) throw new Error(`log scan failed: ${result.stderr}`);
      return JSON.parse(result.stdout);
    });
    const scanMs = median(scans.map((scan) => scan.logsMs));
    const rssMb = median(scans.map((scan) => scan.maxRssKb)) / 1024;
    const how = `${scans[0].method}${scans[0].complete ? '' : ' (partial)'}, ${scans[0].eventsScanned} lines read`;
    row(`log scan ${events.toLocaleString('en')} events`, `${Math.round(events / (scanMs / 1000)).toLocaleString('en').padStart(9)} ev/s`, `${scanMs.toFixed(0)} ms, peak RSS ${rssMb.toFixed(0)} MB, ${how}`);
  } finally {
    await sandbox.stop();
  }
}

console.log(`apigw-doctor bench — median of ${runs} runs (log scans: 5, 3 at 1M), Node ${process.version}`);
for (const [label, value, note] of rows) console.log(`${label.padEnd(40)} ${value}${note ? `   ${note}` : ''}`);
