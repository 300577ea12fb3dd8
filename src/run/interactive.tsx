// The interactive walk: Ink draws the App on the terminal until the user quits. Only
// loaded when stdin and stdout are terminals. The summary's exports are written into the
// current directory under a new name each time.
import {render} from 'ink';
import type {StageDefinition} from '../checks/stage.js';
import {writeNewReportFile} from '../report/write.js';
import {App, appRenderOptions, type ReportExporter, type WalkResult} from '../ui/App.js';
import {reportOf} from './report.js';
import type {Runtime} from './runtime.js';

export async function runInteractive(runtime: Runtime, stages: readonly StageDefinition[], options: {helpOpen: boolean; version: string; exportDir: string}): Promise<WalkResult> {
  // Who we are, before the first frame: bad credentials end the run with a clear message
  // (exit 2) instead of failing inside every stage.
  // (The demo already knows its account: no call before its first frame.)
  const account = runtime.header.account ?? (runtime.callsAws ? (await runtime.aws.sts.getCallerIdentity()).account : undefined);
  const header = {...runtime.header, ...(account ? {account} : {})};
  const exportReport: ReportExporter = (result, format) =>
    writeNewReportFile(options.exportDir, reportOf(result, header, {version: options.version, sinceMs: runtime.input.sinceMs, now: new Date()}), format);
  const instance = render(
    <App
      stages={stages}
      input={runtime.input}
      makeContext={runtime.makeContext}
      header={{url: header.url, region: header.region, profile: header.profile, mode: header.mode, account}}
      helpOpenByDefault={options.helpOpen}
      exportReport={exportReport}
    />,
    {...appRenderOptions, patchConsole: false},
  );
  return (await instance.waitUntilExit()) as WalkResult;
}
