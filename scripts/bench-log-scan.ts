// The log-scan part of `npm run bench` (run with `node --import tsx`), in two processes so
// the scan's peak RSS is the tool's own, not the sandbox's:
//   serve EVENTS     starts the sandbox (healthy preset, its Lambda log group replaced by
//                    EVENTS generated events over 1,000 streams), prints {"endpoint"} and
//                    runs until stdin closes;
//   scan ENDPOINT    runs the endpoint then the logs stage against it, prints the logs
//                    stage's wall time, how it searched, and this process's peak RSS.
import {createAwsPorts, createHttpProbe} from '../src/aws/index.js';
import {endpointStage} from '../src/checks/endpoint/index.js';
import {createLogsStage} from '../src/checks/logs/index.js';
import type {StageDefinition} from '../src/checks/stage.js';
import {runAllStages} from '../src/checks/walk.js';
import {createWalkScope} from '../src/run/runtime.js';
import {loadScenario} from '../src/sandbox/scenarios/index.js';
import {withGeneratedLambdaLog} from '../src/sandbox/scenarios/generate.js';
import {startSandbox} from '../src/sandbox/server.js';

const [mode, arg] = process.argv.slice(2);
const scenario = loadScenario('healthy');

if (mode === 'serve') {
  const events = Number(arg);
  const sandbox = await startSandbox({scenario: withGeneratedLambdaLog(scenario, {events, streams: 1_000, errorEvery: 50, seed: 7, functionName: 'notes-api'})});
  process.stdout.write(`${JSON.stringify({endpoint: sandbox.endpoint})}\n`);
  process.stdin.resume();
  process.stdin.on('end', () => void sandbox.stop().then(() => process.exit(0)));
} else if (mode === 'scan' && arg) {
  const aws = createAwsPorts({region: scenario.region, endpoint: arg, credentials: {accessKeyId: 'bench', secretAccessKey: 'bench'}});
  const walk = createWalkScope(aws, createHttpProbe({endpoint: arg}));
  let logsMs = 0;
  const logs = createLogsStage({search: {insightsTiming: {maxWaitMs: 120_000, pollIntervalMs: 100}}});
  const timedLogs: StageDefinition = {
    ...logs,
    run: async (ctx) => {
      const start = performance.now();
      const outcome = await logs.run(ctx);
      logsMs = performance.now() - start;
      return outcome;
    },
  };
  const input = {url: scenario.demo.url, method: scenario.demo.method, sinceMs: 3_600_000};
  const result = await runAllStages([endpointStage, timedLogs], input, walk.makeContext, new AbortController().signal, {account: scenario.accountId});
  const report = result.facts.logs?.lambdaLog;
  process.stdout.write(
    `${JSON.stringify({logsMs, method: report?.method, complete: report?.complete, eventsScanned: report?.eventsScanned, errorGroups: report?.summary.errorGroups.length, maxRssKb: process.resourceUsage().maxRSS})}\n`,
  );
  process.exit(0);
} else {
  process.stderr.write('usage: node --import tsx scripts/bench-log-scan.ts serve EVENTS | scan ENDPOINT\n');
  process.exit(2);
}
