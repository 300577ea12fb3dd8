// The summary screen driven by keys: every finding worst first with its fix, Enter opens
// the highlighted one's evidence, e/E export through the CLI's exporter (the real one,
// into a temp directory), R re-runs the whole walk, and a failed stage shows up as the
// same check-failed finding the --json run reports.
import {mkdtempSync, readFileSync, readdirSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, afterEach, describe, expect, it, vi} from 'vitest';
import {AwsError} from '../../src/aws/errors.js';
import {writeNewReportFile} from '../../src/report/write.js';
import {reportOf} from '../../src/run/report.js';
import {App, type ReportExporter} from '../../src/ui/App.js';
import {ARROW_DOWN, ARROW_RIGHT, ENTER, ESCAPE, cleanupInk, press, renderInk, waitForText} from '../helpers/ink.js';
import {cannedStage, finding, header, input, makeContext, ok} from './walk-fixtures.js';

vi.mock('ink-spinner', async () => {
  const {Text} = await import('ink');
  return {default: () => <Text>⠋</Text>};
});
afterEach(cleanupInk);

const dir = mkdtempSync(join(tmpdir(), 'apigw-doctor-summary-'));
afterAll(() => rmSync(dir, {recursive: true, force: true}));
const exportReport: ReportExporter = (result, format) => writeNewReportFile(dir, reportOf(result, {...header, method: 'GET'}, {version: 'test', sinceMs: input.sinceMs, now: new Date()}), format);

const lambdaError = finding('lambda-error', 'logs', 'error', {
  title: 'The Lambda function throws',
  evidence: [{kind: 'log', label: 'Stack trace', text: 'TypeError: boom\n    at getNote (index.mjs:16:31)'}],
  fix: {kind: 'text', summary: 'Guard the missing value in getNote.'},
});
const loggingOff = finding('execution-logging-off', 'logs', 'warning', {title: 'Execution logging is off', fix: {kind: 'command', summary: 'Turn on execution logging for stage prod.'}});

function walkToSummary() {
  const endpoint = cannedStage('endpoint', 'Endpoint', [ok('endpoint')]);
  const logs = cannedStage('logs', 'Logs', [{findings: [loggingOff, lambdaError], facts: {}}]);
  const app = renderInk(<App stages={[endpoint, logs]} input={input} makeContext={makeContext} header={header} exportReport={exportReport} screens={{}} />);
  return {app, endpoint, logs};
}

async function reachSummary(app: ReturnType<typeof renderInk>) {
  await waitForText(app, 'endpoint-ok title');
  await press(app, ARROW_RIGHT);
  await waitForText(app, 'The Lambda function throws');
  await press(app, ARROW_RIGHT);
  return waitForText(app, '2 problems found');
}

describe('the summary screen', () => {
  it('lists every finding worst first, each with its one-line fix, and the keys that work there', async () => {
    const {app} = walkToSummary();
    const summary = await reachSummary(app);
    const rows = summary.split('\n');
    const at = (text: string) => rows.findIndex((row) => row.includes(text));
    expect(rows[at('The Lambda function throws')]).toMatch(/^❯ ✖ Logs: The Lambda function throws/);
    expect(rows[at('The Lambda function throws') + 1]).toBe('    Fix: Guard the missing value in getNote.');
    expect(at('Execution logging is off')).toBeGreaterThan(at('The Lambda function throws'));
    expect(rows[at('Execution logging is off') + 1]).toBe('    Fix: Turn on execution logging for stage prod.');
    expect(at('Endpoint: endpoint-ok title')).toBeGreaterThan(at('Execution logging is off'));
    expect(rows.at(-1)).toBe('↑↓ Enter evidence · e save .md · E save .json · R re-run · Esc back · q quit');
  });

  it('↓ then Enter opens the second finding; Esc comes back with the cursor where it was', async () => {
    const {app} = walkToSummary();
    await reachSummary(app);
    await press(app, ARROW_DOWN);
    expect(app.lastFrame()).toMatch(/❯ ⚠ Logs: Execution logging is off/);
    const evidence = await press(app, ENTER);
    expect(evidence).toContain('⚠ Execution logging is off');
    expect(evidence).toContain('Fix: Turn on execution logging for stage prod.');
    const back = await press(app, ESCAPE);
    expect(back).toMatch(/❯ ⚠ Logs: Execution logging is off/);
    await press(app, ARROW_DOWN);
    await press(app, ENTER);
    await waitForText(app, 'endpoint-ok detail');
  });

  it('e saves the Markdown report and E the JSON report in the directory given, showing each path', async () => {
    const {app} = walkToSummary();
    await reachSummary(app);
    app.stdin.write('e');
    const saved = await waitForText(app, /Saved the Markdown report:/);
    const [markdownFile] = readdirSync(dir).filter((name) => name.endsWith('.md'));
    expect(markdownFile).toMatch(/^apigw-doctor-report-[a-z0-9-]+-\d{8}T\d{6}Z\.md$/);
    // The path is shown in full (wrapped over two lines when long).
    expect(saved.replace(/\n/g, '')).toContain(join(dir, markdownFile!));
    const markdown = readFileSync(join(dir, markdownFile!), 'utf8');
    expect(markdown).toContain('(`lambda-error`, logs)');
    expect(markdown).toContain('```text\nTypeError: boom');
    app.stdin.write('E');
    await waitForText(app, /Saved the JSON report:/);
    const [jsonFile] = readdirSync(dir).filter((name) => name.endsWith('.json'));
    const report = JSON.parse(readFileSync(join(dir, jsonFile!), 'utf8'));
    expect(report.findings.map((f: {id: string}) => f.id)).toEqual(['lambda-error', 'execution-logging-off', 'endpoint-ok']);
    expect(report.verdict).toBe('problems-found');
  });

  it('R re-runs the whole walk from the first stage', async () => {
    const {app, endpoint, logs} = walkToSummary();
    await reachSummary(app);
    const rerun = await press(app, 'R');
    expect(rerun).toContain('Stage 1 of 2');
    await waitForText(app, 'endpoint-ok title');
    expect(endpoint.calls).toHaveLength(2);
    expect(logs.calls).toHaveLength(1);
    await press(app, ARROW_RIGHT);
    await waitForText(app, 'The Lambda function throws');
    expect(logs.calls).toHaveLength(2);
  });

  it('a stage that fails shows the check-failed finding of the --json run, and the exit result carries it', async () => {
    const endpoint = cannedStage('endpoint', 'Endpoint', [ok('endpoint')]);
    const simulate = cannedStage('simulate', 'Simulate', [new AwsError({kind: 'AccessDenied', action: 'iam:SimulatePrincipalPolicy', message: 'not allowed'})]);
    const app = renderInk(<App stages={[endpoint, simulate]} input={input} makeContext={makeContext} header={header} screens={{}} />);
    await waitForText(app, 'endpoint-ok title');
    await press(app, ARROW_RIGHT);
    await waitForText(app, 'could not finish');
    const summary = await press(app, 'S');
    expect(summary).toContain('⚠ Simulate: The simulate check could not finish');
    expect(summary).toContain('Fix: Grant iam:SimulatePrincipalPolicy to the credentials');
    // Without an exporter the summary offers no export keys.
    expect(summary.split('\n').at(-1)).toBe('↑↓ Enter evidence · R re-run · Esc back · q quit');
    app.stdin.write('q');
    const result = await app.waitUntilExit();
    expect(result).toMatchObject({
      verdict: 'problems-found',
      stages: [
        {id: 'endpoint', status: 'ran'},
        {id: 'simulate', status: 'failed', reason: 'not allowed'},
      ],
      findings: [{id: 'check-failed', stage: 'simulate', severity: 'warning', evidence: [{text: 'iam:SimulatePrincipalPolicy → AccessDenied'}]}, {id: 'endpoint-ok'}],
    });
  });
});
