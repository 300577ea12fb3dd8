// Terminal safety: a hostile account (API name, log lines, the function's answer to the probe
// carrying cursor moves, screen clears, window titles, hyperlinks, bidi overrides, zero-width
// and 8-bit C1 sequences) walked end to end. The screens, the text output and the Markdown
// report must carry none of it; the JSON must escape it (and still hold it).
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {createAwsPorts} from '../../src/aws/index.js';
import {createHttpProbe} from '../../src/aws/http-probe.js';
import {stages} from '../../src/checks/index.js';
import type {StageContext, WalkInput} from '../../src/checks/stage.js';
import {runAllStages, type MakeContext} from '../../src/checks/walk.js';
import {buildJsonReport} from '../../src/report/json.js';
import {renderMarkdownReport} from '../../src/report/markdown.js';
import {renderTextReport} from '../../src/report/text.js';
import {App} from '../../src/ui/App.js';
import {ARROW_RIGHT, cleanupInk, ENTER, ESCAPE, press, renderInk, waitForText} from '../helpers/ink.js';
import {startTestSandbox, type TestSandbox} from '../helpers/sandbox.js';
import {builtCommandExists, commandEnv, runBuilt} from './fixtures/built-command.js';
import {forbiddenCharacters, hostileScenario, hostileText} from './fixtures/hostile-scenario.js';

const scenario = hostileScenario();
let sandbox: TestSandbox;
let makeContext: MakeContext;
const input: WalkInput = {url: scenario.demo.url, method: 'GET', sinceMs: 3_600_000};

beforeAll(async () => {
  sandbox = await startTestSandbox(scenario);
  const aws = createAwsPorts({region: scenario.region, endpoint: sandbox.endpoint, credentials: {accessKeyId: 'test', secretAccessKey: 'test'}});
  const probe = createHttpProbe({endpoint: sandbox.endpoint});
  makeContext = (walkInput, facts, signal): StageContext => ({aws, probe, input: walkInput, facts, signal, now: Date.now});
});
afterAll(() => sandbox.stop());
afterEach(cleanupInk);

/** Where a forbidden character sits, with some context, for a readable failure. */
function leak(text: string): string | undefined {
  const match = forbiddenCharacters.exec(text);
  return match ? JSON.stringify(text.slice(Math.max(0, match.index - 40), match.index + 40)) : undefined;
}

describe('a hostile account walked end to end', () => {
  it('the hostile strings really reach the walk (the fixture is not toothless)', async () => {
    const result = await runAllStages(stages, input, makeContext, new AbortController().signal);
    expect(result.facts.endpoint?.api?.name).toContain('\u001b]0;pwned-title');
    expect(result.facts.endpoint?.probe).toMatchObject({kind: 'response', body: hostileText});
    expect(result.findings.map((finding) => finding.id)).toContain('lambda-error');
    expect(JSON.stringify(result.findings)).toContain('boom');
  });

  it('the text output and the Markdown report carry no escape, control, bidi or zero-width character', async () => {
    const result = await runAllStages(stages, input, makeContext, new AbortController().signal);
    const report = buildJsonReport(result, {url: input.url, method: 'GET', region: scenario.region, account: scenario.accountId, mode: 'aws'}, {version: 'test', sinceMs: input.sinceMs, now: new Date()});
    for (const [name, text] of [['text', renderTextReport(report)], ['markdown', renderMarkdownReport(report)]] as const) {
      expect(leak(text), name).toBeUndefined();
      expect(text, name).toContain('boom');
    }
  });

  it('no frame the screens draw, stage by stage, carries any of it (only colour codes)', async () => {
    const header = {url: input.url, region: scenario.region, account: scenario.accountId, mode: 'aws' as const};
    const app = renderInk(<App stages={stages} input={input} makeContext={makeContext} header={header} />, {columns: 100, rows: 40});
    await waitForText(app, 'Stage 1 of 5', 5_000);
    for (const stage of [2, 3, 4, 5]) {
      const frame = await waitForText(app, /(→|Enter) next/, 8_000);
      await press(app, frame.includes('→ next') ? ARROW_RIGHT : ENTER, 5_000);
      await waitForText(app, `Stage ${stage} of 5`, 5_000);
      if (stage === 4) {
        // Open the error's detail (the whole record and the API Gateway lines), then close it.
        await waitForText(app, 'boom', 8_000);
        await waitForText(app, /(→|Enter) next/, 8_000);
        await press(app, ENTER, 2_000);
        await waitForText(app, 'Esc close', 2_000);
        await press(app, ESCAPE, 2_000);
      }
    }
    const frames = app.frames.join('\n');
    expect(frames).toContain('boom');
    expect(leak(frames)).toBeUndefined();
    expect(frames).not.toContain('pwned-title');
  });
});

describe.skipIf(!builtCommandExists)('the built command against the hostile account', () => {
  it('--json escapes every hostile character (the report still holds them) and plain text/--report strip them', async () => {
    const env = commandEnv(sandbox.endpoint, scenario.region);
    const json = await runBuilt([scenario.demo.url, '--json'], env);
    expect(json.stderr).toBe('');
    expect(leak(json.stdout)).toBeUndefined();
    expect(json.stdout).toContain('\\u001b]0;pwned-title');
    expect(json.stdout).toContain('\\u202e');
    expect(json.stdout).toContain('\\u009b');
    expect(JSON.parse(json.stdout).endpoint.probe.body).toBe(hostileText);

    const dir = env.HOME!;
    const text = await runBuilt([scenario.demo.url, '--report', 'report.md'], env, {cwd: dir});
    expect(text.code).toBe(1);
    expect(leak(text.stdout)).toBeUndefined();
    expect(text.stdout).toContain('boom');
    const {readFile} = await import('node:fs/promises');
    const markdown = await readFile(`${dir}/report.md`, 'utf8');
    expect(markdown).toContain('boom');
    expect(leak(markdown)).toBeUndefined();
  });
});
