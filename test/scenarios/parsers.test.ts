// The presets' logs and URLs read by the tool's own parsers: every Lambda line is understood
// for what it is (no REPORT, timeout or Invoke Error falls through as "other"), execution log
// failures carry the Lambda request id, and each demo URL parses to the seeded API. This keeps
// the sandbox's data and the checks' parsers honest with each other.
import {describe, expect, it} from 'vitest';
import {parseApiUrl} from '../../src/checks/endpoint/parse-url.js';
import {parseExecutionLogLine} from '../../src/checks/logs/execution-log.js';
import {parseLambdaLogMessage} from '../../src/checks/logs/lambda-log-record.js';
import {scenarioNames, type Scenario} from '../../src/sandbox/scenario.js';
import {loadScenario} from '../../src/sandbox/scenarios/index.js';

const messagesOf = (s: Scenario, prefix: string): string[] =>
  s.logGroups.filter((g) => g.name.startsWith(prefix)).flatMap((g) => g.streams.flatMap((st) => st.events.map((e) => e.message)));

describe.each(scenarioNames.map((name) => [name]))('%s read by the tool', (name) => {
  const s = loadScenario(name);
  const lambda = messagesOf(s, '/aws/lambda/').map((m) => ({raw: m, record: parseLambdaLogMessage(m)}));

  it('has a demo URL the endpoint stage parses to the seeded API', () => {
    const parsed = parseApiUrl(s.demo.url);
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(s.restApis.map((a) => a.id)).toContain(parsed.parsed.apiId);
  });

  it('has Lambda lines that parse as what they are', () => {
    const kinds = (kind: string) => lambda.filter((l) => l.record.kind === kind);
    const starts = kinds('start').length;
    expect(starts).toBeGreaterThan(0);
    expect(kinds('end').length).toBe(starts);
    expect(kinds('report').length).toBe(starts);
    expect(kinds('timeout').length).toBe(lambda.filter((l) => l.raw.includes('Task timed out')).length);
    expect(kinds('error').length).toBe(lambda.filter((l) => l.raw.includes('\tERROR\t')).length);
    for (const {raw, record} of lambda.filter((l) => l.record.kind === 'other')) expect(raw).toMatch(/^INIT_START |\tINFO\t/);
    for (const {record} of kinds('report')) {
      if (record.kind === 'report') expect(record.memorySizeMb).toBe(s.functions[0]!.memorySize);
    }
  });

  it('has execution log failures that name a Lambda request id seen in the Lambda log', () => {
    const started = new Set(lambda.flatMap((l) => (l.record.kind === 'start' ? [l.record.requestId] : [])));
    const execution = messagesOf(s, 'API-Gateway-Execution-Logs_').map(parseExecutionLogLine);
    const failed = execution.filter((line) => line.kind === 'lambda-failed');
    for (const line of failed) if (line.kind === 'lambda-failed') expect(started).toContain(line.lambdaRequestId);
    const completed = execution.flatMap((line) => (line.kind === 'completed' ? [line.status] : []));
    expect(completed.filter((status) => status === 502).length).toBe(failed.length);
  });
});
