// The `?` text: what this stage checks and why, clipped to the rows it is given.
import type {Line} from './Lines.js';
import {clipLines, wrapText} from '../text.js';

export function helpLines(title: string, explain: string, width: number, maxLines: number): Line[] {
  // Explanations are written as source text: single newlines are reflowed, blank lines kept.
  const reflowed = explain.trim().replace(/([^\n])\n(?=[^\n])/g, '$1 ');
  const body = clipLines(wrapText(reflowed, width - 2), Math.max(0, maxLines - 1)).map((text) => ({text: `  ${text}`, role: 'info' as const}));
  return [{text: `? ${title}`, role: 'info', bold: true}, ...body];
}
