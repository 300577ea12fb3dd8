import {describe, expect, it} from 'vitest';
import {unifiedDiff} from './unified-diff.js';

const labels = {old: 'a/p', new: 'b/p'};

describe('unifiedDiff', () => {
  it('prints hunks with diff -u headers and three lines of context', () => {
    const numbers = (from: number, to: number) => Array.from({length: to - from + 1}, (_, k) => String(from + k));
    const old = numbers(1, 20).join('\n');
    const now = [...numbers(1, 5), 'six', ...numbers(7, 20), '21'].join('\n');
    // Same output as GNU `diff -u` on these two files.
    expect(unifiedDiff(old, now, labels)).toBe(
      ['--- a/p', '+++ b/p', '@@ -3,7 +3,7 @@', ' 3', ' 4', ' 5', '-6', '+six', ' 7', ' 8', ' 9', '@@ -18,3 +18,4 @@', ' 18', ' 19', ' 20', '+21'].join('\n'),
    );
  });

  it('is empty when nothing changed', () => {
    expect(unifiedDiff('a\nb', 'a\nb', labels)).toBe('');
  });
});
