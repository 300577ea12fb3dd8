import {describe, expect, it} from 'vitest';
import {notesApiCode} from '../../sandbox/scenarios/code.js';
import {detectHandlerShape} from './handler-shape.js';
import {timeoutAdvice} from './timeout-advice.js';

describe('handler shape', () => {
  it('recognises a callback handler that opens a pg pool per invocation', () => {
    const shape = detectHandlerShape(notesApiCode('callback-pool')['index.mjs']!, 'handler');
    expect(shape.style).toBe('callback');
    expect(shape.opens).toEqual([{name: 'PostgreSQL (pg)', line: "const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 5 });", perInvocation: true}]);
    expect(timeoutAdvice(shape).kind).toBe('callback-event-loop');
  });

  it('recognises async handlers in their usual spellings', () => {
    expect(detectHandlerShape(notesApiCode('async')['index.mjs']!, 'handler').style).toBe('async');
    expect(detectHandlerShape('export async function handler(event) { return 1 }', 'handler').style).toBe('async');
    expect(detectHandlerShape('exports.main = async function (event, context) {}', 'main').style).toBe('async');
    expect(detectHandlerShape("const mysql = require('mysql2');\nconst c = mysql.createConnection({});\nmodule.exports.handler = async (event) => c.query('x');", 'handler')).toMatchObject({style: 'async', opens: [{name: 'MySQL (mysql/mysql2)', perInvocation: false}]});
  });

  it('follows one alias and sees callbackWaitsForEmptyEventLoop = false', () => {
    const source = "const Redis = require('ioredis');\nfunction main(event, context, callback) {\n  context.callbackWaitsForEmptyEventLoop = false;\n  const r = new Redis();\n  callback(null, 1);\n}\nexports.handler = main;";
    const shape = detectHandlerShape(source, 'handler');
    expect(shape).toMatchObject({style: 'callback', setsCallbackWaitsFalse: true, opens: [{name: 'Redis (redis/ioredis)', perInvocation: true}]});
    expect(timeoutAdvice(shape).kind).toBe('async-downstream');
  });

  it('gives both advices when the shape is unknown or the code unreadable', () => {
    expect(detectHandlerShape('module.exports = {}', 'handler').style).toBe('unknown');
    const advice = timeoutAdvice(undefined, 'lambda:GetFunction was denied');
    expect(advice.kind).toBe('both');
    expect(advice.why).toContain('lambda:GetFunction was denied');
    expect(advice.fix.body).toContain('context.callbackWaitsForEmptyEventLoop = false');
    expect(advice.fix.body).toContain('If the handler is async');
  });
});
