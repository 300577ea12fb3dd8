// Samples written from the documented formats (aws-facts §6.1–6.3): the Node runtime's text
// lines (tab separated, \r inside one message), REPORT with and without Init Duration, the
// JSON format's application and platform records, init errors with requestId "undefined".
import {describe, expect, it} from 'vitest';
import {parseLambdaLogMessage, startsLogRecord} from './lambda-log-record.js';
import {createStreamAssembler, type AssembledEvent} from './stream-assembler.js';

const id = '8f2e7c1a-5b3d-4e6f-9a0b-1c2d3e4f5a6b';

describe('text format', () => {
  it('reads START, END and REPORT with and without Init Duration', () => {
    expect(parseLambdaLogMessage(`START RequestId: ${id} Version: $LATEST\n`)).toEqual({kind: 'start', requestId: id});
    expect(parseLambdaLogMessage(`END RequestId: ${id}\n`)).toEqual({kind: 'end', requestId: id});
    const warm = parseLambdaLogMessage(`REPORT RequestId: ${id}\tDuration: 128.83 ms\tBilled Duration: 129 ms\tMemory Size: 128 MB\tMax Memory Used: 74 MB\t\n`);
    expect(warm).toMatchObject({kind: 'report', requestId: id, durationMs: 128.83, memorySizeMb: 128, maxMemoryUsedMb: 74});
    expect(warm).toHaveProperty('initDurationMs', undefined);
    const cold = parseLambdaLogMessage(`REPORT RequestId: ${id}\tDuration: 6012.18 ms\tBilled Duration: 6000 ms\tMemory Size: 256 MB\tMax Memory Used: 91 MB\tInit Duration: 166.62 ms\tStatus: timeout\n`);
    expect(cold).toMatchObject({kind: 'report', durationMs: 6012.18, initDurationMs: 166.62, status: 'timeout'});
  });

  it('reads an Invoke Error with its stack JSON', () => {
    const stack = ["TypeError: Cannot read properties of undefined (reading 'id')", '    at getNote (file:///var/task/index.mjs:18:38)', '    at async Runtime.handler (file:///var/task/index.mjs:41:14)'];
    const line = `2026-11-26T08:12:31.512Z\t${id}\tERROR\tInvoke Error \t${JSON.stringify({errorType: 'TypeError', errorMessage: "Cannot read properties of undefined (reading 'id')", stack})}\n`;
    expect(parseLambdaLogMessage(line)).toEqual({kind: 'error', category: 'error', requestId: id, errorType: 'TypeError', errorMessage: "Cannot read properties of undefined (reading 'id')", stack});
  });

  it('reads an init error logged with requestId "undefined"', () => {
    const line = `2026-11-26T08:12:31.512Z\tundefined\tERROR\tUncaught Exception \t{"errorType":"Runtime.ImportModuleError","errorMessage":"Error: Cannot find module 'app'\\nRequire stack:\\n- /var/runtime/index.mjs","stack":["Runtime.ImportModuleError: Error: Cannot find module 'app'","    at _loadUserApp (file:///var/runtime/index.mjs:1087:17)"]}\n`;
    expect(parseLambdaLogMessage(line)).toMatchObject({kind: 'error', category: 'init', requestId: undefined, errorType: 'Runtime.ImportModuleError'});
  });

  it('reads console.error(err) with \\r-joined stack lines', () => {
    const line = `2026-11-26T08:12:31.512Z\t${id}\tERROR\tError: connect ECONNREFUSED 10.0.0.7:5432\r    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1555:16)\n`;
    expect(parseLambdaLogMessage(line)).toMatchObject({kind: 'error', category: 'error', errorType: 'Error', errorMessage: 'connect ECONNREFUSED 10.0.0.7:5432', stack: ['Error: connect ECONNREFUSED 10.0.0.7:5432', '    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1555:16)']});
  });

  it('reads timeouts and out-of-memory runtime lines', () => {
    expect(parseLambdaLogMessage(`2026-11-26T08:12:37.530Z ${id} Task timed out after 6.01 seconds\n`)).toEqual({kind: 'timeout', requestId: id, seconds: 6.01});
    expect(parseLambdaLogMessage(`RequestId: ${id} Error: Runtime exited with error: signal: killed\nRuntime.ExitError\n`)).toMatchObject({kind: 'error', category: 'oom', requestId: id, errorType: 'Runtime.ExitError'});
    expect(parseLambdaLogMessage(`REPORT RequestId: ${id}\tDuration: 912.00 ms\tBilled Duration: 912 ms\tMemory Size: 128 MB\tMax Memory Used: 128 MB\tStatus: error\tError Type: Runtime.OutOfMemory\n`)).toMatchObject({kind: 'report', errorType: 'Runtime.OutOfMemory', maxMemoryUsedMb: 128});
  });

  it('ignores INFO lines and INIT_START', () => {
    expect(parseLambdaLogMessage(`2026-11-26T08:12:31.512Z\t${id}\tINFO\tGET /notes/{id} {"id":"7"}\n`)).toEqual({kind: 'other'});
    expect(parseLambdaLogMessage('INIT_START Runtime Version: nodejs:20.v43\tRuntime Version ARN: arn:aws:lambda:eu-west-1::runtime:abc\n')).toEqual({kind: 'other'});
  });
});

describe('JSON format', () => {
  it('reads an application error record with stackTrace', () => {
    const line = JSON.stringify({timestamp: '2026-11-26T08:12:31.512Z', level: 'ERROR', requestId: id, message: 'Invoke Error', errorType: 'TypeError', errorMessage: 'x is not a function', stackTrace: ['TypeError: x is not a function', '    at Runtime.handler (file:///var/task/index.mjs:3:9)']});
    expect(parseLambdaLogMessage(line)).toEqual({kind: 'error', category: 'error', requestId: id, errorType: 'TypeError', errorMessage: 'x is not a function', stack: ['TypeError: x is not a function', '    at Runtime.handler (file:///var/task/index.mjs:3:9)']});
  });

  it('treats requestId "undefined" and Runtime.HandlerNotFound as init errors', () => {
    const line = JSON.stringify({timestamp: '2026-11-26T08:12:31.512Z', level: 'ERROR', requestId: 'undefined', message: 'Uncaught Exception', errorType: 'Runtime.HandlerNotFound', errorMessage: 'index.handler is undefined or not exported', stackTrace: []});
    expect(parseLambdaLogMessage(line)).toMatchObject({kind: 'error', category: 'init', requestId: undefined});
  });

  it('reads platform.report with and without initDurationMs', () => {
    const report = (metrics: Record<string, number>, status = 'success') => JSON.stringify({time: '2026-11-26T08:12:31.512Z', type: 'platform.report', record: {requestId: id, metrics, status}});
    expect(parseLambdaLogMessage(report({durationMs: 18.593, billedDurationMs: 19, memorySizeMB: 2048, maxMemoryUsedMB: 246}))).toMatchObject({kind: 'report', durationMs: 18.593, memorySizeMb: 2048, maxMemoryUsedMb: 246, initDurationMs: undefined, status: 'success'});
    expect(parseLambdaLogMessage(report({durationMs: 3000.5, billedDurationMs: 3000, memorySizeMB: 128, maxMemoryUsedMB: 80, initDurationMs: 201.4}, 'timeout'))).toMatchObject({initDurationMs: 201.4, status: 'timeout'});
    expect(parseLambdaLogMessage(JSON.stringify({time: 't', type: 'platform.start', record: {requestId: id, version: '$LATEST'}}))).toEqual({kind: 'start', requestId: id});
  });

  it('ignores INFO records', () => {
    expect(parseLambdaLogMessage(JSON.stringify({timestamp: 't', level: 'INFO', requestId: id, message: 'hello'}))).toEqual({kind: 'other'});
  });
});

describe('traces split across events', () => {
  it('joins continuation events to the record that opened them, per stream', () => {
    const out: AssembledEvent[] = [];
    const assembler = createStreamAssembler((event) => out.push(event));
    const a = '2026/11/26/[$LATEST]aaaa';
    const b = '2026/11/26/[$LATEST]bbbb';
    assembler.push({logStreamName: a, timestamp: 1, message: `2026-11-26T08:12:31.512Z\t${id}\tERROR\tTypeError: boom\n`});
    assembler.push({logStreamName: b, timestamp: 2, message: `START RequestId: ${id} Version: $LATEST\n`});
    assembler.push({logStreamName: a, timestamp: 2, message: '    at getNote (/var/task/index.js:18:38)\n'});
    assembler.push({logStreamName: a, timestamp: 3, message: '    at Runtime.handler (/var/task/index.js:41:14)\n'});
    assembler.push({logStreamName: a, timestamp: 4, message: `END RequestId: ${id}\n`});
    assembler.flush();
    const opened = out.find((event) => event.logStreamName === a && event.timestamp === 1);
    expect(opened?.message).toBe(`2026-11-26T08:12:31.512Z\t${id}\tERROR\tTypeError: boom\n    at getNote (/var/task/index.js:18:38)\n    at Runtime.handler (/var/task/index.js:41:14)`);
    expect(parseLambdaLogMessage(opened!.message)).toMatchObject({kind: 'error', errorType: 'TypeError', errorMessage: 'boom', stack: ['TypeError: boom', '    at getNote (/var/task/index.js:18:38)', '    at Runtime.handler (/var/task/index.js:41:14)']});
    expect(out.map((event) => event.timestamp).sort()).toEqual([1, 2, 4]);
  });

  it('recognises the openers of every record kind', () => {
    for (const opener of ['2026-11-26T08:12:31.512Z\tx', 'START RequestId: x', 'REPORT RequestId: x', '{"time":1}', '[ERROR]\t2026', 'RequestId: x Error: y']) expect(startsLogRecord(opener)).toBe(true);
    expect(startsLogRecord('    at foo (/var/task/index.js:1:1)')).toBe(false);
  });
});
