// --help is the manual: every flag the parser takes is documented, and each example is a
// command the parser accepts (one per use: first look at a URL, a CI runbook step, the demo).
import {spawnSync} from 'node:child_process';
import {existsSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';
import {flags, parseArgs} from '../../src/cli/args.js';
import {helpText} from '../../src/cli/help.js';

const kebab = (name: string) => name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
const examples = [...helpText.slice(helpText.indexOf('  Examples')).matchAll(/^\s+\$ apigw-doctor(.*)$/gm)].map((match) => match[1]!.trim().split(/\s+/).filter(Boolean));

describe('--help', () => {
  it('documents every flag the parser accepts, with its short form', () => {
    for (const [name, spec] of Object.entries(flags)) {
      expect(helpText, name).toMatch(new RegExp(`^\\s+--${kebab(name)}\\b`, 'm'));
      if ('shortFlag' in spec) expect(helpText).toContain(`--${kebab(name)}, -${spec.shortFlag}`);
    }
    expect(helpText).toMatch(/--help, --version/);
  });

  it('says what happens without a terminal and what the exit status means', () => {
    expect(helpText).toMatch(/Without a terminal \(a pipe, a redirect, CI set\)/);
    expect(helpText).toMatch(/0 healthy, 1 problems found, 2 usage, credentials or network error/);
    expect(helpText).toContain('schema/report.schema.json');
  });

  it('has an example for the first look at a URL, a CI runbook step and the demo, each one the parser accepts', () => {
    for (const use of ['First look at a failing URL:', 'A runbook step in CI', 'The demo']) expect(helpText).toContain(use);
    expect(examples.length).toBeGreaterThanOrEqual(5);
    for (const args of examples) {
      const command = args.filter((arg) => arg !== '>' && !arg.endsWith('.json'));
      if (command[0] === 'URL') command[0] = 'https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/prod/notes';
      expect(() => parseArgs(command), args.join(' ')).not.toThrow();
    }
    expect(examples.some((args) => args.includes('--json'))).toBe(true);
    expect(examples.some((args) => args.includes('--report'))).toBe(true);
    expect(examples.some((args) => args[0] === '--demo')).toBe(true);
  });

  const binPath = fileURLToPath(new URL('../../bin/apigw-doctor.js', import.meta.url));
  it.skipIf(!existsSync(new URL('../../dist/cli.js', import.meta.url)))('the built command prints it and exits 0', () => {
    const result = spawnSync(process.execPath, [binPath, '--help'], {encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe']});
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('--report FILE.md');
    expect(result.stdout).toContain('$ apigw-doctor --demo iam-denied');
  });
});
