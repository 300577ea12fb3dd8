// A unified diff of two small texts (policy documents of a few dozen lines), from a
// longest-common-subsequence table: no diff library is among the dependencies. On a tie
// deletions come first, as `diff -u` prints them.

type Line = {readonly op: ' ' | '-' | '+'; readonly text: string; readonly oldNo: number; readonly newNo: number};

function diffLines(a: readonly string[], b: readonly string[]): Line[] {
  const lcs: number[][] = Array.from({length: a.length + 1}, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const lines: Line[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) lines.push({op: ' ', text: a[i++]!, oldNo: i, newNo: ++j});
    else if (j < b.length && (i === a.length || lcs[i]![j + 1]! > lcs[i + 1]![j]!)) lines.push({op: '+', text: b[j++]!, oldNo: i, newNo: j});
    else lines.push({op: '-', text: a[i++]!, oldNo: i, newNo: j});
  }
  return lines;
}

/** `context` unchanged lines around each change, as `diff -u` prints them. */
export function unifiedDiff(oldText: string, newText: string, labels: {old: string; new: string}, context = 3): string {
  const a = oldText === '' ? [] : oldText.split('\n');
  const b = newText === '' ? [] : newText.split('\n');
  const lines = diffLines(a, b);
  const changed = lines.map((l, k) => (l.op !== ' ' ? k : -1)).filter((k) => k >= 0);
  if (changed.length === 0) return '';
  const hunks: Array<[number, number]> = [];
  for (const k of changed) {
    const start = Math.max(0, k - context);
    const end = Math.min(lines.length - 1, k + context);
    const last = hunks[hunks.length - 1];
    if (last && start <= last[1] + 1) last[1] = end;
    else hunks.push([start, end]);
  }
  const out = [`--- ${labels.old}`, `+++ ${labels.new}`];
  for (const [start, end] of hunks) {
    const slice = lines.slice(start, end + 1);
    const oldCount = slice.filter((l) => l.op !== '+').length;
    const newCount = slice.filter((l) => l.op !== '-').length;
    const first = slice[0]!;
    const oldStart = oldCount === 0 ? first.oldNo : first.op === '+' ? first.oldNo + 1 : first.oldNo;
    const newStart = newCount === 0 ? first.newNo : first.op === '-' ? first.newNo + 1 : first.newNo;
    out.push(`@@ -${oldStart},${oldCount} +${newStart},${newCount} @@`, ...slice.map((l) => `${l.op}${l.text}`));
  }
  return out.join('\n');
}
