// Prints start-up and whole-run figures for this machine (not a test: nothing fails on a
// time). Each figure is the median of several runs, with a bare `node -e 0` measured in the
// same run as the baseline. Run `npm run build` first.
import {spawnSync} from 'node:child_process';
import {fileURLToPath} from 'node:url';

const bin = fileURLToPath(new URL('../bin/apigw-doctor.js', import.meta.url));
const runs = Number(process.env.BENCH_RUNS ?? 7);

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function time(args, env = {}) {
  const samples = [];
  for (let i = 0; i < runs; i += 1) {
    const start = process.hrtime.bigint();
    const result = spawnSync(process.execPath, args, {env: {...process.env, ...env}, encoding: 'utf8'});
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
    if (result.status !== 0 && result.status !== 1) throw new Error(`${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  }
  return median(samples);
}

const rows = [];
const baseline = time(['-e', '0']);
rows.push(['node -e 0 (baseline)', baseline]);
rows.push(['apigw-doctor --version', time([bin, '--version'])]);
for (const scenario of ['healthy', 'wrong-stage', 'iam-denied', 'lambda-error']) {
  rows.push([`--demo ${scenario} --json`, time([bin, '--demo', scenario, '--json'])]);
}
console.log(`apigw-doctor bench — median of ${runs} runs, Node ${process.version}`);
for (const [label, ms] of rows) console.log(`${label.padEnd(34)} ${ms.toFixed(0).padStart(6)} ms   (+${(ms - baseline).toFixed(0)} ms over baseline)`);
