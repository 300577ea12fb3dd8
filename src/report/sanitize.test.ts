import {describe, expect, it} from 'vitest';
import {sanitizeForTerminal, sanitizeLine} from './sanitize.js';

describe('sanitizeForTerminal', () => {
  it.each([
    ['cursor movement', 'a\u001b[2Ab', 'ab'],
    ['clear screen', '\u001b[2J\u001b[Hboom', 'boom'],
    ['window title (OSC, BEL-terminated)', '\u001b]0;pwned\u0007text', 'text'],
    ['window title (OSC, unterminated)', 'text\u001b]0;pwned', 'text'],
    ['8-bit CSI', 'a\u009b2Jb', 'ab'],
    ['bell and backspace', 'x\u0007\u0008y', 'x\uFFFD\uFFFDy'],
    ['bidi override hiding text', 'safe\u202eevil\u202c', 'safeevil'],
    ['colour codes', '\u001b[31mred\u001b[0m', 'red'],
  ])('removes %s', (_name, input, expected) => {
    expect(sanitizeForTerminal(input)).toBe(expected);
  });

  it('keeps tabs, newlines and ordinary unicode', () => {
    expect(sanitizeForTerminal('at f (x.js:1:2)\n\tcafé ✓')).toBe('at f (x.js:1:2)\n\tcafé ✓');
  });

  it('turns lone carriage returns (Lambda multi-line messages) into newlines', () => {
    expect(sanitizeForTerminal('Error: boom\r    at a\r\n    at b')).toBe('Error: boom\n    at a\n    at b');
  });

  it('flattens to one line for list rows', () => {
    expect(sanitizeLine('a\nb\tc')).toBe('a b c');
  });
});
