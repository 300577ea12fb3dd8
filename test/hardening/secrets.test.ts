// No credential, session token or signing material in anything the built command prints or
// writes: every preset and the hostile account, as plain text, --json and --report; and the
// error paths (expired credentials, unreachable endpoint, usage errors, APIGW_DOCTOR_DEBUG=1
// stacks), including an endpoint that echoes the request's Authorization header and session
// token back in its error message, as AWS's SignatureDoesNotMatch quotes the canonical request.
import {readFile} from 'node:fs/promises';
import {join} from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {scenarioNames, type Scenario} from '../../src/sandbox/scenario.js';
import {loadScenario} from '../../src/sandbox/scenarios/index.js';
import {startSandbox, type RunningSandbox} from '../../src/sandbox/server.js';
import {startAnsweringServer, type Answer, type AnsweringServer, type RecordedRequest} from '../helpers/aws-answering-server.js';
import {builtCommandExists, commandEnv, markerCredentials, runBuilt, secretLeaks} from './fixtures/built-command.js';
import {hostileScenario} from './fixtures/hostile-scenario.js';

const running: Array<RunningSandbox | AnsweringServer> = [];
afterAll(() => Promise.all(running.map((server) => ('stop' in server ? server.stop() : server.close()))));

/** Every output of one run, the Markdown report included when one was written. */
async function outputs(args: readonly string[], env: Record<string, string>): Promise<{code: number | null; text: string}> {
  const run = await runBuilt(args, env, {cwd: env.HOME});
  const report = args.includes('--report') ? await readFile(join(env.HOME!, args[args.indexOf('--report') + 1]!), 'utf8').catch(() => '') : '';
  return {code: run.code, text: `${run.stdout}\n${run.stderr}\n${report}`};
}

/** The walk of one account: plain text with a report, and --json; both must be clean. */
async function walkEveryWay(scenario: Scenario, extraEnv: Record<string, string> = {}): Promise<void> {
  const sandbox = await startSandbox({scenario});
  running.push(sandbox);
  const url = scenario.demo.url;
  const runs = await Promise.all([
    outputs([url, '--report', 'walk.md'], commandEnv(sandbox.endpoint, scenario.region, extraEnv)),
    outputs([url, '--json'], commandEnv(sandbox.endpoint, scenario.region, extraEnv)),
  ]);
  for (const run of runs) {
    expect(run.code, run.text).not.toBe(2);
    expect(run.text.length).toBeGreaterThan(200);
    expect(secretLeaks(run.text), run.text).toEqual([]);
  }
}

/** An AWS stand-in whose every error (code `code`) quotes the request's signature and session token back. */
const echoingError = (code: string) => (request: RecordedRequest): Answer => {
  const message = `The request signature we calculated does not match the signature you provided. Canonical request: x-amz-security-token:${String(request.headers['x-amz-security-token'])} Authorization: ${String(request.headers.authorization)}`;
  if (request.headers['x-amz-target']) return {status: 400, headers: {'content-type': 'application/x-amz-json-1.1'}, body: JSON.stringify({__type: code, message})};
  if (request.body.includes('Action=')) {
    const xml = message.replace(/&/g, '&amp;').replace(/</g, '&lt;');
    return {status: 403, headers: {'content-type': 'text/xml'}, body: `<ErrorResponse><Error><Type>Sender</Type><Code>${code}</Code><Message>${xml}</Message></Error><RequestId>r-1</RequestId></ErrorResponse>`};
  }
  return {status: 403, headers: {'content-type': 'application/json', 'x-amzn-errortype': code}, body: JSON.stringify({message})};
};

describe.skipIf(!builtCommandExists)('secrets never leave the built command', {timeout: 60_000}, () => {
  it.each(scenarioNames)('%s: plain, --report and --json', async (name) => {
    await walkEveryWay(loadScenario(name));
  });

  it('the hostile account: plain, --report and --json', async () => {
    await walkEveryWay(hostileScenario());
  });

  it('error paths, with and without APIGW_DOCTOR_DEBUG=1', async () => {
    const scenario = loadScenario('lambda-error');
    const expired = await startSandbox({scenario, faults: [{action: '*', kind: 'expired-token'}]});
    running.push(expired);
    const echoing = await startAnsweringServer(echoingError('SignatureDoesNotMatch'));
    // An error the tool quotes AWS's own text for, rather than replacing it with advice.
    const echoingOther = await startAnsweringServer(echoingError('ValidationError'));
    running.push(echoing, echoingOther);
    const url = scenario.demo.url;
    const cases: Array<{name: string; endpoint: string; args: string[]; code: number}> = [
      {name: 'expired credentials', endpoint: expired.endpoint, args: [url, '--json', '--report', 'r.md'], code: 2},
      {name: 'unreachable endpoint', endpoint: 'http://127.0.0.1:9', args: [url, '--report', 'r.md'], code: 2},
      {name: 'usage error', endpoint: expired.endpoint, args: [url, '--since', 'yesterday-ish'], code: 2},
      {name: 'unknown flag', endpoint: expired.endpoint, args: [url, '--secret-key', markerCredentials.AWS_SECRET_ACCESS_KEY], code: 2},
      {name: 'signature echoed back', endpoint: echoing.url, args: [url, '--json', '--report', 'r.md'], code: 2},
      {name: 'signature quoted in another error', endpoint: echoingOther.url, args: [url, '--json', '--report', 'r.md'], code: 2},
    ];
    for (const debug of ['0', '1']) {
      for (const entry of cases) {
        const run = await outputs(entry.args, commandEnv(entry.endpoint, scenario.region, {APIGW_DOCTOR_DEBUG: debug}));
        expect(run.code, `${entry.name}\n${run.text}`).toBe(entry.code);
        expect(secretLeaks(run.text), `${entry.name} (debug ${debug})\n${run.text}`).toEqual([]);
      }
    }
    // The echoing endpoint really was sent the credentials it quotes back (the test has teeth).
    for (const server of [echoing, echoingOther]) {
      expect(String(server.requests[0]?.headers.authorization)).toContain(markerCredentials.AWS_ACCESS_KEY_ID);
      expect(server.requests[0]?.headers['x-amz-security-token']).toBe(markerCredentials.AWS_SESSION_TOKEN);
    }
  });
});
