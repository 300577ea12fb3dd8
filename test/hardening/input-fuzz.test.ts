// Hostile input: the URL parser and every log parser take arbitrary text (what a user pastes,
// what a Lambda printed) and must answer, never throw, and stay linear. The huge-line cases
// are shaped to hang a backtracking regex; vitest's timeout is the bound, not a measured time.
import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import type {CloudWatchLogsPort, LogEvent} from '../../src/aws/ports.js';
import {endpointStage} from '../../src/checks/endpoint/index.js';
import {parseApiUrl} from '../../src/checks/endpoint/parse-url.js';
import {normaliseErrorMessage} from '../../src/checks/logs/error-signature.js';
import {parseExecutionLogLine} from '../../src/checks/logs/execution-log.js';
import {parseLambdaLogMessage, startsLogRecord} from '../../src/checks/logs/lambda-log-record.js';
import {createLogAggregate} from '../../src/checks/logs/log-aggregate.js';
import {completeSplitTraces} from '../../src/checks/logs/split-traces.js';
import {createStreamAssembler, MAX_CONTINUATION_LINES, type AssembledEvent} from '../../src/checks/logs/stream-assembler.js';
import {sanitizeLine} from '../../src/report/sanitize.js';
import {loadScenario} from '../../src/sandbox/scenarios/index.js';
import {FakeAws, FakeProbe} from '../helpers/fake-ports.js';

const MB = 1024 * 1024;
const HOST = 'https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com';
const REQUEST_ID = '6f1c7d0e-8a4b-4c2d-9e3f-0a1b2c3d4e5f';
const ISO = '2025-07-01T12:00:00.000Z';

/** Any UTF-16 code unit, lone surrogates and C0/C1 controls included. */
const codeUnit = fc.integer({min: 0, max: 0xffff}).map((unit) => String.fromCharCode(unit));
const anyUnits = fc.string({unit: codeUnit, maxLength: 200});
/** Bytes that are mostly not UTF-8, decoded the way Node decodes a response body. */
const invalidUtf8 = fc.uint8Array({maxLength: 200}).map((bytes) => Buffer.from(bytes).toString('utf8'));
/** Fragments a log line or a path is made of, so the generator reaches the parsers' branches. */
const fragment = fc.constantFrom(
  ISO, REQUEST_ID, 'ERROR', 'INFO', '\t', '\n', '\r', ' ', '{', '}', '"', ':', '.', '(', ')', '[ERROR]', 'START RequestId: ', 'END RequestId: ',
  'REPORT RequestId: ', 'RequestId: ', 'Duration: ', ' ms', 'Memory Size: ', 'Status: timeout', 'Invoke Error ', 'Uncaught Exception ', 'TypeError',
  'Error: ', 'Task timed out after 3.00 seconds', 'Runtime exited', '{"errorType":"E","errorMessage":"m","stack":["a"]}', '"type":"platform.report"',
  'Lambda execution failed with status 200 due to customer function error: ', 'Lambda request id: ', 'Method completed with status: 502',
  'Execution failed due to a timeout error', 'Execution failed due to configuration error: ', '../', '%2F', '%00', '%', '%zz', '\u0000', '\u001b[2J',
  '\u001b]0;title\u0007', '\u009b31m', '\u202e', '\u200b', '\ud800', '\udfff', 'é', '💥', '/',
);
const logish = fc.array(fc.oneof(fragment, anyUnits, invalidUtf8), {maxLength: 30}).map((parts) => parts.join(''));

/** Lines built to trip a backtracking regex: long runs with the one character that would end a match missing. */
function hugeLines(size = MB): Record<string, string> {
  const spaces = ' '.repeat(size);
  return {
    'inner whitespace': `x${spaces}y`,
    'text ERROR line of one long word': `${ISO}\t${REQUEST_ID}\tERROR\t${'aError'.repeat(size / 6)}`,
    'Invoke Error then whitespace, no JSON': `${ISO}\t${REQUEST_ID}\tERROR\tInvoke Error${spaces}x`,
    'Invoke Error with many closing braces': `${ISO}\t${REQUEST_ID}\tERROR\tInvoke Error\t{${'} x'.repeat(size / 3)}`,
    'REPORT with a repeated field name': `REPORT RequestId: ${REQUEST_ID}\t${'Duration: '.repeat(size / 10)}`,
    'runtime line with long whitespace': `RequestId: ${REQUEST_ID}${spaces}Error: Runtime exited${spaces}x`,
    'customer function error then whitespace': `(abc-123) Lambda execution failed with status 200 due to customer function error: ${spaces}x`,
    'customer function error, dots and spaces': `(abc-123) Lambda execution failed with status 200 due to customer function error: ${'. '.repeat(size / 2)}x`,
    'unclosed request id prefix': `(${'a'.repeat(size)}`,
    'python line': `[ERROR]\t${ISO}\t${REQUEST_ID}\t${'KeyError'.repeat(size / 8)}`,
    'JSON record, unterminated': `{"level":"ERROR","message":"${'\\"'.repeat(size / 2)}`,
    'escape sequences': '\u001b['.repeat(size / 2),
    'unterminated OSC': `\u001b]8;;${'a'.repeat(size)}`,
    'quotes and hex': `${'"a'.repeat(size / 4)}${'f'.repeat(size / 2)}g`,
  };
}

describe('URL parser: any text gets an answer, a rejection is a clear url-invalid reason', () => {
  const assertAnswer = (text: string): void => {
    const result = parseApiUrl(text);
    if (result.ok) return;
    expect(result.reason.length).toBeGreaterThan(0);
    // One line, already fit for a terminal, and short enough to read.
    expect(result.reason).toBe(sanitizeLine(result.reason));
    expect(result.reason.length).toBeLessThan(600);
  };

  it('arbitrary strings, code units (lone surrogates) and invalid UTF-8', () => {
    fc.assert(fc.property(fc.oneof(fc.string(), anyUnits, invalidUtf8, logish), assertAnswer), {numRuns: 500});
  });

  it('adversarial paths under a real API host', () => {
    const segment = fc.oneof(fragment, fc.constantFrom('..', '.', '%2e%2e', '%2F%2F', '%00', '%C0%AF', '%ff', '\u0000', 'ﬁ', '\u2215', 'ａ'), fc.webSegment());
    fc.assert(fc.property(fc.array(segment, {maxLength: 40}), (segments) => assertAnswer(`${HOST}/${segments.join('/')}`)), {numRuns: 500});
  });

  it.each([
    ['1 MB of path', `${HOST}/prod/${'a'.repeat(MB)}`],
    ['10k segments', `${HOST}/prod${'/seg'.repeat(10_000)}`],
    ['10k ../ segments', `${HOST}/prod${'/..'.repeat(10_000)}/x`],
    ['10k %2F escapes', `${HOST}/prod/${'%2F'.repeat(10_000)}`],
    ['1 MB host', `https://${'a.'.repeat(MB / 2)}com/prod`],
    ['1 MB without a scheme', `${'a.'.repeat(MB / 2)}com x`],
    ['1 MB of junk', 'not a url '.repeat(MB / 10)],
    ['NUL in the path', `${HOST}/prod/a%00b`],
    ['invalid UTF-8 escape', `${HOST}/prod/%C0%AF%ff`],
    ['lone surrogate', `${HOST}/prod/\ud800`],
  ])('%s', (_name, url) => assertAnswer(url));

  it('the endpoint stage turns every rejection into url-invalid and calls nothing', async () => {
    const scenario = loadScenario('healthy');
    const rejected = ['', 'ftp://x/y', `${'a.'.repeat(MB / 2)}com x`, `${HOST}/prod/%zz`, `http://127.0.0.1/${'../'.repeat(10_000)}`, '\u001b]0;pwned\u0007https://x', '\ud800'];
    for (const url of rejected) {
      const probe = FakeProbe.responding(200, '{}');
      const ctx = {aws: new FakeAws(scenario).ports(), probe, input: {url, method: 'GET', sinceMs: 3_600_000}, facts: {}, signal: new AbortController().signal, now: Date.now};
      const outcome = await endpointStage.run(ctx);
      expect(outcome.findings.map((finding) => finding.id)).toEqual(['url-invalid']);
      expect(outcome.findings[0]?.detail.length).toBeLessThan(1_000);
      expect(probe.requests).toEqual([]);
    }
  });
});

describe('log parsers never throw on arbitrary input', () => {
  it('Lambda records (text and JSON), execution log lines, error signatures', () => {
    fc.assert(
      fc.property(fc.oneof(logish, anyUnits, invalidUtf8, fc.json()), (message) => {
        expect(parseLambdaLogMessage(message).kind).toBeTypeOf('string');
        expect(parseExecutionLogLine(message).kind).toBeTypeOf('string');
        expect(startsLogRecord(message)).toBeTypeOf('boolean');
        expect(normaliseErrorMessage(message).length).toBeLessThanOrEqual(300);
      }),
      {numRuns: 2_000},
    );
  });

  it('JSON records of any shape', () => {
    const record = fc.record({type: fc.oneof(fc.constantFrom('platform.report', 'platform.start', 'platform.initReport'), fc.string()), record: fc.anything(), level: fc.anything(), message: fc.anything(), errorType: fc.anything(), stackTrace: fc.anything()}, {requiredKeys: []});
    fc.assert(fc.property(record, (object) => {
      expect(parseLambdaLogMessage(JSON.stringify(object)).kind).toBeTypeOf("string");
    }), {numRuns: 1_000});
  });

  it('stream reassembly keeps every stream apart, bounded, and loses no record start', () => {
    const event = fc.record({logStreamName: fc.constantFrom('a', 'b', 'c'), timestamp: fc.nat(), message: logish});
    fc.assert(
      fc.property(fc.array(event, {maxLength: 60}), (events) => {
        const out: AssembledEvent[] = [];
        const assembler = createStreamAssembler((assembled) => out.push(assembled));
        for (const e of events) assembler.push(e);
        assembler.flush();
        const starts = (stream: string) => events.filter((e, i) => e.logStreamName === stream && (startsLogRecord(e.message) || !events.slice(0, i).some((p) => p.logStreamName === stream))).length;
        for (const stream of ['a', 'b', 'c']) expect(out.filter((e) => e.logStreamName === stream)).toHaveLength(starts(stream));
        for (const assembled of out) expect(assembled.message.split('\n').length).toBeLessThanOrEqual(events.reduce((n, e) => n + e.message.split('\n').length, 0));
      }),
      {numRuns: 500},
    );
  });

  it('split-trace completion over arbitrary stream contents returns sanitised examples', async () => {
    const continuation = fc.array(fc.record({timestamp: fc.integer({min: 1_000, max: 6_000}), message: logish}), {maxLength: 20});
    await fc.assert(
      fc.asyncProperty(logish, continuation, async (opening, rest) => {
        const events: LogEvent[] = [{timestamp: 1_000, message: `${ISO}\t${REQUEST_ID}\tERROR\tTypeError: ${opening.split('\n')[0] ?? ''}`}, ...rest];
        const aggregate = createLogAggregate();
        aggregate.add({logStreamName: 's', timestamp: 1_000, message: events[0]!.message});
        const logs = {getLogEvents: async () => events} as unknown as CloudWatchLogsPort;
        const summary = await completeSplitTraces(logs, '/aws/lambda/f', aggregate.summary(), {});
        for (const example of summary.errorGroups.flatMap((group) => group.examples)) {
          expect(example.text).not.toMatch(/[\u001b\u009b\u0007\u202e\u200b]/);
          for (const line of example.stack) expect(line).toBe(sanitizeLine(line));
        }
      }),
      {numRuns: 300},
    );
  });
});

describe('log parsers stay linear on 1 MB lines built to make a regex backtrack', () => {
  it.each(Object.entries(hugeLines()))('%s', (_name, line) => {
    expect(parseLambdaLogMessage(line).kind).toBeTypeOf('string');
    expect(parseExecutionLogLine(line).kind).toBeTypeOf('string');
    expect(startsLogRecord(line)).toBeTypeOf('boolean');
    expect(normaliseErrorMessage(line).length).toBeLessThanOrEqual(300);
    expect(sanitizeLine(line)).not.toContain('\u001b');
  });

  it('a runaway trace of 100k continuation lines is cut, not kept', () => {
    const out: AssembledEvent[] = [];
    const assembler = createStreamAssembler((event) => out.push(event));
    assembler.push({logStreamName: 's', timestamp: 1, message: `${ISO}\t${REQUEST_ID}\tERROR\tTypeError: boom`});
    for (let i = 0; i < 100_000; i += 1) assembler.push({logStreamName: 's', timestamp: 1, message: `    at f${i} (index.js:1:1)`});
    assembler.flush();
    expect(out).toHaveLength(1);
    expect(out[0]!.message.split('\n')).toHaveLength(MAX_CONTINUATION_LINES);
  });

  it('the fixed shapes keep their meaning', () => {
    expect(parseExecutionLogLine(`(abc) Lambda execution failed with status 200 due to customer function error: boom. Lambda request id: ${REQUEST_ID}  `)).toEqual({
      kind: 'lambda-failed',
      apiRequestId: 'abc',
      errorMessage: 'boom',
      lambdaRequestId: REQUEST_ID,
    });
    expect(parseExecutionLogLine('(abc) Lambda execution failed with status 200 due to customer function error: boom  ')).toMatchObject({errorMessage: 'boom', lambdaRequestId: undefined});
    expect(parseLambdaLogMessage(`${ISO}\t${REQUEST_ID}\tERROR\tMyApp.NotFoundError: no note  \n`)).toMatchObject({kind: 'error', errorType: 'MyApp.NotFoundError', errorMessage: 'no note'});
    expect(parseLambdaLogMessage(`${ISO}\t${REQUEST_ID}\tERROR\tError: plain`)).toMatchObject({errorType: 'Error', errorMessage: 'plain'});
    expect(parseLambdaLogMessage(`${ISO}\t${REQUEST_ID}\tERROR\tnotanerror: x`)).toMatchObject({errorType: 'Error', errorMessage: 'notanerror: x'});
    expect(parseLambdaLogMessage(`${ISO}\t${REQUEST_ID}\tERROR\tInvoke Error \t {"errorType":"TypeError","errorMessage":"m","stack":["TypeError: m"]}  `)).toMatchObject({errorType: 'TypeError', errorMessage: 'm'});
  });
});
