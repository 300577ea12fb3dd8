import type {Key} from 'ink';
import {describe, expect, it} from 'vitest';
import {walkReducer} from '../../src/flow/reducer.js';
import {initialWalkState} from '../../src/flow/state.js';
import {eventForKey, keyHints} from '../../src/ui/keys.js';
import {clipLines, truncate, wrapText} from '../../src/ui/text.js';
import {input} from './walk-fixtures.js';

const noKey: Key = {upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageDown: false, pageUp: false, home: false, end: false, return: false, escape: false, ctrl: false, shift: false, tab: false, backspace: false, delete: false, meta: false, super: false, hyper: false, capsLock: false, numLock: false};

describe('eventForKey', () => {
  it('maps Ctrl+C to QUIT before plain c (CANCEL), and Esc (which also sets meta) to BACK', () => {
    expect(eventForKey('c', {...noKey, ctrl: true})).toEqual({type: 'QUIT', interrupted: true});
    expect(eventForKey('c', noKey)).toEqual({type: 'CANCEL'});
    expect(eventForKey('', {...noKey, escape: true, meta: true})).toEqual({type: 'BACK'});
    expect(eventForKey('s', {...noKey, meta: true})).toBeUndefined();
  });

  it('marks Enter as Enter, so a screen with a list keeps it', () => {
    expect(eventForKey('\r', {...noKey, return: true})).toEqual({type: 'NEXT', viaEnter: true});
    expect(eventForKey('', {...noKey, rightArrow: true})).toEqual({type: 'NEXT'});
    expect(eventForKey('x', noKey)).toBeUndefined();
  });
});

describe('keyHints', () => {
  it('lists only the keys that work now', () => {
    const fresh = initialWalkState(['endpoint', 'logs'], input);
    expect(keyHints(fresh).map((hint) => hint.keys)).toEqual(['Enter', 's', '?', 'q']);
    const running = walkReducer(fresh, {type: 'START_STAGE'});
    expect(keyHints(running).map((hint) => hint.label)).toEqual(['cancel', 'skip', 'help', 'quit']);
    const stopped = walkReducer(running, {type: 'STAGE_SUCCEEDED', callId: 1, outcome: {findings: [], facts: {}, stopReason: 'certain'}});
    expect(keyHints(walkReducer(stopped, {type: 'NEXT'}))[0]).toEqual({keys: '→', label: 'look anyway'});
    expect(keyHints(walkReducer(stopped, {type: 'QUIT'}))).toEqual([]);
  });
});

describe('text', () => {
  it('wraps on words, cuts words longer than a line, keeps paragraphs', () => {
    expect(wrapText('aaa bbb ccc', 7)).toEqual(['aaa bbb', 'ccc']);
    expect(wrapText('abcdefghij', 4)).toEqual(['abcd', 'efgh', 'ij']);
    expect(wrapText('a\n\nb', 10)).toEqual(['a', '', 'b']);
  });

  it('truncates with an ellipsis and clips with a count', () => {
    expect(truncate('abcdef', 4)).toBe('abc…');
    expect(truncate('abc', 4)).toBe('abc');
    expect(clipLines(['1', '2', '3', '4'], 3, 'rows')).toEqual(['1', '2', '… 2 more rows']);
    expect(clipLines(['1', '2'], 2)).toEqual(['1', '2']);
  });
});
