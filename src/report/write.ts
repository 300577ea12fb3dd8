import {writeFile} from 'node:fs/promises';
import {UsageError} from '../cli/args.js';
import type {JsonReport} from './json.js';
import {renderMarkdownReport} from './markdown.js';

/** Writes the Markdown report; an existing file is kept unless --force (exclusive create). */
export async function writeMarkdownReport(report: JsonReport, path: string, options: {force: boolean}): Promise<void> {
  try {
    await writeFile(path, renderMarkdownReport(report), {flag: options.force ? 'w' : 'wx'});
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new UsageError(`${path} already exists; pass --force to overwrite it.`);
    throw error;
  }
}
