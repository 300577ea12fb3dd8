// The report of a walk, whichever way it ran (screens or not): one target, one window, one
// builder (src/report/json.ts). The target names the URL the walk really checked (a
// correction picked on the endpoint screen replaces the one typed).
import {buildJsonReport, type JsonReport, type ReportInput} from '../report/json.js';
import type {Header} from './runtime.js';

export interface ReportOptions {
  readonly version: string;
  readonly sinceMs: number;
  readonly now: Date;
}

export function reportOf(result: ReportInput, header: Header, options: ReportOptions): JsonReport {
  const checked = result.facts.endpoint;
  const account = result.facts.account ?? header.account;
  const target: JsonReport['target'] = {
    url: checked?.url ?? header.url,
    method: checked?.method ?? header.method,
    region: header.region,
    ...(account ? {account} : {}),
    ...(header.profile ? {profile: header.profile} : {}),
    mode: header.mode,
  };
  return buildJsonReport(result, target, options);
}
