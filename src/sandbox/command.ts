// `apigw-doctor sandbox`: run the AWS stand-in in the foreground, print how to point the AWS
// CLI and SDKs at it, and stop cleanly on Ctrl-C, SIGTERM or the caller's signal. Argument
// parsing lives in the CLI; this takes decided options.
import type {Scenario} from './scenario.js';
import {startSandbox} from './server.js';

export interface SandboxCommandOptions {
  readonly port: number;
  readonly scenario: Scenario;
  readonly latencyMs?: number;
  readonly stdout: NodeJS.WritableStream;
  readonly signal?: AbortSignal;
}

/** The scenario's demo URL in the sandbox's own path form: /_aws/execute-api/API/STAGE/PATH. */
function localApiUrl(endpoint: string, demoUrl: string): string | undefined {
  const match = /^https?:\/\/([a-z0-9]+)\.execute-api\.[a-z0-9-]+\.amazonaws\.com(\/.*)?$/.exec(demoUrl);
  return match ? `${endpoint}/_aws/execute-api/${match[1]}${match[2] ?? '/'}` : undefined;
}

export async function runSandboxCommand(options: SandboxCommandOptions): Promise<void> {
  const sandbox = await startSandbox({scenario: options.scenario, port: options.port, latencyMs: options.latencyMs});
  const {scenario} = options;
  const local = localApiUrl(sandbox.endpoint, scenario.demo.url);
  options.stdout.write(
    [
      `apigw-doctor sandbox: scenario "${scenario.name}" (${scenario.title})`,
      `Listening on ${sandbox.endpoint}`,
      '',
      'Point the AWS CLI and SDKs at it:',
      `  export AWS_ENDPOINT_URL=${sandbox.endpoint}`,
      `  export AWS_REGION=${scenario.region}`,
      '  export AWS_ACCESS_KEY_ID=test',
      '  export AWS_SECRET_ACCESS_KEY=test',
      '',
      `The API URL to try: ${scenario.demo.method} ${scenario.demo.url}`,
      ...(local ? [`  served locally at: ${local}`] : []),
      '',
      'Press Ctrl-C to stop.',
      '',
    ].join('\n'),
  );

  await new Promise<void>((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      options.signal?.removeEventListener('abort', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    if (options.signal?.aborted) stop();
    else options.signal?.addEventListener('abort', stop, {once: true});
  });
  await sandbox.stop();
  options.stdout.write('Sandbox stopped.\n');
}
