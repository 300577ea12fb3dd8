// Runs the whole vitest suite and closes with the plain "N passed, N failed" line CI reads
// (vitest's own summary is not recognised there). Exit code is vitest's.
import {spawnSync} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

const dir = mkdtempSync(join(tmpdir(), 'apigw-doctor-test-'));
const jsonFile = join(dir, 'results.json');
const run = spawnSync('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${jsonFile}`, ...process.argv.slice(2)], {stdio: 'inherit'});
let summary = 'no results';
try {
  const results = JSON.parse(readFileSync(jsonFile, 'utf8'));
  summary = `${results.numPassedTests} passed, ${results.numFailedTests} failed, ${results.numPendingTests + (results.numTodoTests ?? 0)} skipped`;
} catch {
  // vitest died before writing results: its own output above says why.
}
rmSync(dir, {recursive: true, force: true});
console.log(summary);
process.exit(run.status ?? 1);
