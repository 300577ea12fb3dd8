// Writes the report the summary asked for (EXPORT_REPORT) and tells the walk where it went.
// The writing itself is the CLI's (it knows the version, the header and the directory);
// the app only hands over what the walk found.
import {useEffect, type Dispatch} from 'react';
import type {WalkEvent} from '../../flow/events.js';
import {walkResult, type WalkResult} from '../../flow/result.js';
import type {WalkState} from '../../flow/state.js';
import type {ReportFormat} from '../../report/json.js';
import {sanitizeLine} from '../../report/sanitize.js';

/** Writes the report of `result` as `format` somewhere new; resolves with the file's path. */
export type ReportExporter = (result: WalkResult, format: ReportFormat) => Promise<string>;

export function useReportExport(state: WalkState, dispatch: Dispatch<WalkEvent>, exportReport: ReportExporter | undefined): void {
  const pending = state.export?.status === 'writing' ? state.export : undefined;
  useEffect(() => {
    if (!pending) return;
    if (!exportReport) {
      dispatch({type: 'EXPORT_FAILED', exportId: pending.id, message: 'this run cannot write reports'});
      return;
    }
    exportReport(walkResult(state), pending.format).then(
      (path) => dispatch({type: 'EXPORT_SUCCEEDED', exportId: pending.id, path}),
      (error: unknown) => dispatch({type: 'EXPORT_FAILED', exportId: pending.id, message: sanitizeLine(error instanceof Error ? error.message : String(error))}),
    );
    // One write per export id; the state it reads is the state that asked for it.
  }, [pending?.id]);
}
