// Pre-wrapping text into lines lets a screen count what it shows and clip it to the rows it
// has ("… N more") instead of letting Ink push the footer off an 80×24 terminal.

/** Word-wraps `text` to lines of at most `width` characters; words longer than a line are cut. */
export function wrapText(text: string, width: number): string[] {
  const max = Math.max(1, width);
  return text.split('\n').flatMap((paragraph) => wrapParagraph(paragraph, max));
}

function wrapParagraph(paragraph: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of paragraph.split(' ')) {
    const candidate = line === '' ? word : `${line} ${word}`;
    if ([...candidate].length <= width) {
      line = candidate;
      continue;
    }
    if (line !== '') lines.push(line);
    let rest = [...word];
    while (rest.length > width) {
      lines.push(rest.slice(0, width).join(''));
      rest = rest.slice(width);
    }
    line = rest.join('');
  }
  lines.push(line);
  return lines;
}

/** Shortens one line to `width` characters, ending with "…" when cut. */
export function truncate(text: string, width: number): string {
  const characters = [...text];
  if (characters.length <= width) return text;
  return `${characters.slice(0, Math.max(0, width - 1)).join('')}…`;
}

/** Keeps at most `max` items; the last kept one says how many were left out. */
export function clipList<T>(items: readonly T[], max: number, more: (hidden: number) => T): T[] {
  if (items.length <= max) return [...items];
  if (max <= 0) return [];
  const kept = items.slice(0, max - 1);
  return [...kept, more(items.length - kept.length)];
}

export function clipLines(lines: readonly string[], max: number, noun = 'lines'): string[] {
  return clipList(lines, max, (hidden) => `… ${hidden} more ${noun}`);
}
