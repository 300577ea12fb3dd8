// The report of every demo scenario, built the way the command builds it (the sandbox over
// real HTTP, every stage, src/run's one report builder): the expected finding ids with
// their evidence, valid against the schema, and a Markdown report a person can paste.
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {stages} from '../../src/checks/index.js';
import {runWithoutScreen} from '../../src/run/noninteractive.js';
import {createRuntime} from '../../src/run/runtime.js';
import type {JsonReport} from '../../src/report/json.js';
import {renderMarkdownReport} from '../../src/report/markdown.js';
import {renderTextReport} from '../../src/report/text.js';
import {scenarioNames, type ScenarioName} from '../../src/sandbox/scenario.js';
import {loadScenario} from '../../src/sandbox/scenarios/index.js';
import {schemaErrors} from './validate-report.js';

const reports = new Map<ScenarioName, JsonReport>();

async function reportFor(name: ScenarioName): Promise<JsonReport> {
  const runtime = await createRuntime({kind: 'walk', demo: name, method: 'GET', sinceMs: 3_600_000, json: true, force: false});
  try {
    let printed = '';
    const report = await runWithoutScreen(runtime, stages, {json: true, version: '0.0.0-test', signal: new AbortController().signal, write: (text) => (printed += text)});
    // What --json prints is exactly the report.
    expect(JSON.parse(printed)).toEqual(JSON.parse(JSON.stringify(report)));
    return report;
  } finally {
    await runtime.stop();
  }
}

beforeAll(async () => {
  for (const name of scenarioNames) reports.set(name, await reportFor(name));
}, 120_000);

const fenceOf = (markdown: string, language: string) => new RegExp('```' + language + '\\n([\\s\\S]*?)\\n```').exec(markdown)?.[1] ?? '';

describe.each(scenarioNames.map((name) => [name]))('the report of the %s scenario', (name) => {
  it('names the expected findings, each with evidence, validates against the schema, and has the right verdict', () => {
    const report = reports.get(name)!;
    const ids = report.findings.map((finding) => finding.id);
    for (const expected of loadScenario(name).expectedFindings) {
      expect(ids, `${name} findings`).toContain(expected);
      expect(report.findings.find((finding) => finding.id === expected)!.evidence.length, `${expected} evidence`).toBeGreaterThan(0);
    }
    expect(schemaErrors(report)).toEqual([]);
    expect(report.verdict).toBe(name === 'healthy' ? 'healthy' : 'problems-found');
    expect(report.target).toMatchObject({mode: 'demo', account: '123456789012', method: 'GET'});
    expect(report.stages.map((stage) => stage.id)).toEqual(['endpoint', 'identity', 'simulate', 'logs', 'timeouts']);
  });

  it('renders Markdown with the URL, where, the window, and every finding with its id, evidence and fix', () => {
    const report = reports.get(name)!;
    const markdown = renderMarkdownReport(report);
    expect(markdown).toContain(`| URL | \`${report.target.url}\` |`);
    expect(markdown).toContain('| Account | 123456789012 |');
    expect(markdown).toContain(`| Log window | ${report.window.since} → ${report.generatedAt} |`);
    for (const finding of report.findings) {
      expect(markdown).toContain(`(\`${finding.id}\`, ${finding.stage})`);
      if (finding.fix) expect(markdown).toContain('**Fix:**');
    }
    // Credentials never reach a report: the demo's sandbox keys are not in it.
    expect(markdown).not.toMatch(/sandbox-secret|aws_secret_access_key|X-Amz-Security-Token=(?!\*)/i);
    // The text summary carries the same ids.
    const text = renderTextReport(report);
    for (const id of loadScenario(name).expectedFindings) expect(text).toContain(`] ${id}: `);
  });
});

describe('evidence in the Markdown report', () => {
  it('iam-denied: the role and simulated ARNs as code, the proposed policy change in a diff block, the whole policy as the fix', () => {
    const markdown = renderMarkdownReport(reports.get('iam-denied')!);
    expect(markdown).toContain('- Role: `arn:aws:iam::123456789012:role/Cognito_notesAuth_Role`');
    const diff = fenceOf(markdown, 'diff');
    expect(diff).toMatch(/^--- a\//m);
    expect(diff).toMatch(/^\+\s+"execute-api:Invoke"/m);
    expect(fenceOf(markdown, 'json')).toContain('"Version": "2012-10-17"');
  });

  it('lambda-error: the log line and the stack trace in fenced blocks', () => {
    const markdown = renderMarkdownReport(reports.get('lambda-error')!);
    expect(markdown).toMatch(/- Stack trace:\n\n```text\nTypeError: Cannot read properties of undefined \(reading 'id'\)\n {4}at getNote/);
    expect(markdown).toMatch(/```text\n[^\n]*\tERROR\tInvoke Error/);
  });

  it('lambda-timeout: the Lambda "Task timed out" lines in a fenced block and a code fix', () => {
    const report = reports.get('lambda-timeout')!;
    const markdown = renderMarkdownReport(report);
    expect(markdown).toMatch(/```text\n[^`]*Task timed out after/);
    expect(report.findings.find((finding) => finding.id === 'lambda-timeout')!.fix?.kind).toBe('code');
  });

  it('wrong-stage: the stages that exist, the probe exchange as http, and the fix', () => {
    const markdown = renderMarkdownReport(reports.get('wrong-stage')!);
    expect(markdown).toContain('- Stages: prod, dev');
    expect(fenceOf(markdown, 'http')).toMatch(/→ HTTP 403/);
    expect(markdown).toMatch(/- \*\*identity\*\*: skipped — /);
  });
});
