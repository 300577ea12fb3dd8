// The one report builder fed by the interactive walk's result (src/flow/result.ts), the
// schema's closed sets, Markdown edge cases, and export file naming that never overwrites.
import {mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import type {Finding} from '../../src/checks/findings.js';
import {walkReducer} from '../../src/flow/reducer.js';
import {walkResult} from '../../src/flow/result.js';
import {initialWalkState} from '../../src/flow/state.js';
import {buildJsonReport, type JsonReport} from '../../src/report/json.js';
import {renderMarkdownReport} from '../../src/report/markdown.js';
import {reportFileName, writeMarkdownReport, writeNewReportFile} from '../../src/report/write.js';
import {reportOf} from '../../src/run/report.js';
import {schemaErrors} from './validate-report.js';

const input = {url: 'https://abc123.execute-api.us-east-1.amazonaws.com/prod/notes', method: 'GET', sinceMs: 3_600_000};
const header = {url: input.url, method: 'GET', region: 'us-east-1', profile: 'oncall', mode: 'aws' as const};
const now = new Date('2025-03-04T05:06:07.890Z');
const options = {version: '1.2.3', sinceMs: input.sinceMs, now};

function finding(extra: Partial<Finding>): Finding {
  return {id: 'lambda-error', stage: 'logs', severity: 'error', title: 'The Lambda function throws', detail: 'detail', evidence: [], ...extra};
}

describe('the report of an interactive walk', () => {
  it('a walk left after the first stage: remaining stages "not-checked", verdict incomplete, still valid', () => {
    let state = initialWalkState(['endpoint', 'logs'], input, {facts: {account: '111122223333'}});
    state = walkReducer(state, {type: 'START_STAGE'});
    state = walkReducer(state, {type: 'STAGE_SUCCEEDED', callId: 1, outcome: {findings: [finding({id: 'endpoint-ok', stage: 'endpoint', severity: 'ok'})], facts: {}}});
    state = walkReducer(walkReducer(state, {type: 'GO_SUMMARY'}), {type: 'QUIT'});
    const report = reportOf(walkResult(state), header, options);
    expect(report.stages).toEqual([
      {id: 'endpoint', status: 'ran'},
      {id: 'logs', status: 'not-checked'},
    ]);
    expect(report.verdict).toBe('incomplete');
    expect(report.target).toEqual({url: input.url, method: 'GET', region: 'us-east-1', account: '111122223333', profile: 'oncall', mode: 'aws'});
    expect(schemaErrors(report)).toEqual([]);
    const markdown = renderMarkdownReport(report);
    expect(markdown).toContain('| Profile | oncall |');
    expect(markdown).toContain('- **logs**: not checked');
    expect(markdown).toContain('**incomplete**');
  });
});

describe('the schema', () => {
  const valid = buildJsonReport({stages: [{id: 'logs', status: 'ran'}], findings: [finding({})], facts: {}}, {url: input.url, method: 'GET', mode: 'aws'}, options);

  it('accepts new kebab-case finding ids but not an unknown stage, severity, evidence kind, fix kind or verdict', () => {
    expect(schemaErrors(valid)).toEqual([]);
    expect(schemaErrors({...valid, findings: [finding({id: 'some-new-check'})]})).toEqual([]);
    const broken: Array<[string, unknown]> = [
      ['stage', {...valid, findings: [finding({stage: 'auth' as never})]}],
      ['severity', {...valid, findings: [finding({severity: 'fatal' as never})]}],
      ['evidence kind', {...valid, findings: [finding({evidence: [{kind: 'screenshot' as never, label: 'x', text: 'y'}]})]}],
      ['fix kind', {...valid, findings: [finding({fix: {kind: 'magic' as never, summary: 'x'}})]}],
      ['verdict', {...valid, verdict: 'ok'}],
      ['id', {...valid, findings: [finding({id: 'Not An Id'})]}],
      ['credentials', {...valid, target: {...valid.target, secretAccessKey: 'x'}}],
    ];
    for (const [what, report] of broken) expect(schemaErrors(report), what).not.toEqual([]);
  });
});

describe('Markdown', () => {
  const report = (findings: Finding[]): JsonReport => buildJsonReport({stages: [], findings, facts: {}}, {url: input.url, method: 'GET', mode: 'aws'}, options);

  it('fences a log line that itself holds a fence with a longer fence, and strips terminal escapes', () => {
    const markdown = renderMarkdownReport(report([finding({evidence: [{kind: 'log', label: 'Lambda log', text: 'before\n```\nERROR \u001b[31mboom\u001b[0m'}]})]));
    expect(markdown).toContain('````text\nbefore\n```\nERROR boom\n````');
    expect(markdown).not.toContain('\u001b');
  });

  it('escapes Markdown in prose (an ARN wildcard does not turn into emphasis) and fences command fixes as sh', () => {
    const markdown = renderMarkdownReport(report([finding({detail: 'allows arn:aws:execute-api:us-east-1:*:abc123/*', fix: {kind: 'command', summary: 'Turn logging on', body: 'aws apigateway update-stage'}})]));
    expect(markdown).toContain('arn:aws:execute-api:us-east-1:\\*:abc123/\\*');
    expect(markdown).toContain('```sh\naws apigateway update-stage\n```');
  });
});

describe('writing reports', () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'apigw-doctor-report-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, {recursive: true, force: true});
  });
  const sample = reportOf({stages: [], findings: [], facts: {endpoint: {url: input.url, method: 'GET', api: {kind: 'rest', id: 'abc123', name: 'notes', region: 'us-east-1'}, reachesApiGateway: true}}}, header, options);

  it('exports under apigw-doctor-report-<api>-<timestamp>, a second export in the same second gets -2', async () => {
    const dir = tempDir();
    expect(reportFileName(sample, 'markdown')).toBe('apigw-doctor-report-abc123-20250304T050607Z.md');
    const first = await writeNewReportFile(dir, sample, 'markdown');
    const second = await writeNewReportFile(dir, sample, 'markdown');
    const json = await writeNewReportFile(dir, sample, 'json');
    expect([first, second, json].map((path) => path.slice(dir.length + 1))).toEqual([
      'apigw-doctor-report-abc123-20250304T050607Z.md',
      'apigw-doctor-report-abc123-20250304T050607Z-2.md',
      'apigw-doctor-report-abc123-20250304T050607Z.json',
    ]);
    expect(JSON.parse(readFileSync(json, 'utf8'))).toEqual(JSON.parse(JSON.stringify(sample)));
    expect(readdirSync(dir)).toHaveLength(3);
  });

  it('--report keeps an existing file unless forced', async () => {
    const path = join(tempDir(), 'incident.md');
    writeFileSync(path, 'notes from the on-call\n');
    await expect(writeMarkdownReport(sample, path, {force: false})).rejects.toThrow(/already exists; pass --force/);
    expect(readFileSync(path, 'utf8')).toBe('notes from the on-call\n');
    await writeMarkdownReport(sample, path, {force: true});
    expect(readFileSync(path, 'utf8')).toMatch(/^# apigw-doctor report/);
  });
});
