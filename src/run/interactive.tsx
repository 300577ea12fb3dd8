// The interactive walk: Ink draws the App on the terminal until the user quits or reaches
// the summary. Only loaded when stdin and stdout are terminals.
import {render} from 'ink';
import type {StageDefinition} from '../checks/stage.js';
import {App, appRenderOptions, type WalkResult} from '../ui/App.js';
import type {Runtime} from './runtime.js';

export async function runInteractive(runtime: Runtime, stages: readonly StageDefinition[], options: {helpOpen: boolean}): Promise<WalkResult> {
  // Who we are, before the first frame: bad credentials end the run with a clear message
  // (exit 2) instead of failing inside every stage.
  const account = runtime.callsAws ? (await runtime.aws.sts.getCallerIdentity()).account : undefined;
  const {header} = runtime;
  const instance = render(
    <App
      stages={stages}
      input={runtime.input}
      makeContext={runtime.makeContext}
      header={{url: header.url, region: header.region, profile: header.profile, mode: header.mode, account}}
      helpOpenByDefault={options.helpOpen}
    />,
    {...appRenderOptions, patchConsole: false},
  );
  return (await instance.waitUntilExit()) as WalkResult;
}
