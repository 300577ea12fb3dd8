// Nothing stray may reach the screen or stdout: a library's console.log would tear an Ink
// frame or corrupt --json, and Node prints process warnings (deprecations, the AWS SDK's
// Node-version notice) to stderr mid-frame. We keep them, and show them only when asked
// (APIGW_DOCTOR_DEBUG=1) on stderr after the run.

const kept: string[] = [];

export function silenceStrayOutput(env: NodeJS.ProcessEnv = process.env): void {
  // The SDK checks this before emitting its NodeVersionSupportWarning (Node 20 is supported
  // by the pinned clients; the notice is about releases after January 2027).
  env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  process.removeAllListeners('warning');
  process.on('warning', (warning) => kept.push(`${warning.name}: ${warning.message}`));
  for (const method of ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const) {
    console[method] = (...args: unknown[]) => {
      kept.push(args.map(String).join(' '));
    };
  }
}

export function flushKeptOutput(stderr: NodeJS.WritableStream = process.stderr, env: NodeJS.ProcessEnv = process.env): void {
  if (env.APIGW_DOCTOR_DEBUG === '1' && kept.length > 0) stderr.write(`apigw-doctor debug: output held back during the run:\n${kept.join('\n')}\n`);
  kept.length = 0;
}
