// Reports on disk. Nothing is ever overwritten by accident: --report creates its file
// exclusively unless --force, and the summary's export picks a new name each time.
import {access, writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import {parseApiUrl} from '../checks/endpoint/parse-url.js';
import {UsageError} from '../cli/args.js';
import type {JsonReport, ReportFormat} from './json.js';
import {renderMarkdownReport} from './markdown.js';
import {toTerminalSafeJson} from './sanitize.js';

const extensions: Record<ReportFormat, string> = {markdown: 'md', json: 'json'};

export function renderReport(report: JsonReport, format: ReportFormat): string {
  return format === 'markdown' ? renderMarkdownReport(report) : `${toTerminalSafeJson(report)}\n`;
}

const isAlreadyThere = (error: unknown) => (error as NodeJS.ErrnoException).code === 'EEXIST';

const refusal = (path: string) => new UsageError(`${path} already exists; pass --force to overwrite it.`);

/** Fails early (before a walk) when --report names a file that exists; writing stays exclusive anyway. */
export async function assertReportPathFree(path: string): Promise<void> {
  const exists = await access(path).then(
    () => true,
    () => false,
  );
  if (exists) throw refusal(path);
}

/** Writes the Markdown report; an existing file is kept unless --force (exclusive create). */
export async function writeMarkdownReport(report: JsonReport, path: string, options: {force: boolean}): Promise<void> {
  try {
    await writeFile(path, renderReport(report, 'markdown'), {flag: options.force ? 'w' : 'wx'});
  } catch (error) {
    if (isAlreadyThere(error)) throw refusal(path);
    throw error;
  }
}

/** `apigw-doctor-report-<api>-<UTC timestamp>[-n].<ext>`: says what and when, sorts by time. */
export function reportFileName(report: JsonReport, format: ReportFormat, attempt = 1): string {
  const parsed = parseApiUrl(report.target.url);
  const fromUrl = parsed.ok ? parsed.parsed.apiId : undefined;
  const api = (report.endpoint.api?.id ?? report.endpoint.parsed?.apiId ?? fromUrl ?? 'unknown-api').replace(/[^A-Za-z0-9_-]/g, '-');
  const stamp = report.generatedAt.replace(/\.\d+Z$/, 'Z').replace(/[-:]/g, '');
  return `apigw-doctor-report-${api}-${stamp}${attempt > 1 ? `-${attempt}` : ''}.${extensions[format]}`;
}

const maxAttempts = 100;

/** Writes the report under a new name in `dir` (a second export in the same second gets "-2"); returns its path. */
export async function writeNewReportFile(dir: string, report: JsonReport, format: ReportFormat): Promise<string> {
  const content = renderReport(report, format);
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    const path = join(dir, reportFileName(report, format, attempt));
    try {
      await writeFile(path, content, {flag: 'wx'});
      return path;
    } catch (error) {
      if (!isAlreadyThere(error)) throw error;
    }
  }
  throw new Error(`${maxAttempts} reports named ${reportFileName(report, format)} already exist in ${dir}.`);
}
