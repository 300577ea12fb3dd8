// A function's deployment package: a real zip of the scenario's source files, served at the
// pre-signed-URL-like address GetFunction hands out as Code.Location.
import {createHash} from 'node:crypto';
import {strToU8, zipSync, type Zippable} from 'fflate';
import type {WireResponse} from './protocol.js';
import type {FunctionSeed} from './scenario.js';
import type {SandboxState} from './state.js';
import {findFunction} from './lambda-functions.js';

const packages = new WeakMap<FunctionSeed, Uint8Array>();
// A fixed file time keeps the zip (and so CodeSha256) identical from run to run.
const fileTime = new Date('2024-01-01T00:00:00Z');

export function codePackage(fn: FunctionSeed): Uint8Array {
  let zip = packages.get(fn);
  if (!zip) {
    const files: Zippable = {};
    for (const [path, text] of Object.entries(fn.code)) files[path] = [strToU8(text), {mtime: fileTime}];
    zip = zipSync(files);
    packages.set(fn, zip);
  }
  return zip;
}

/** Base64 SHA-256 of the package, as Lambda reports CodeSha256. */
export function codeSha256(fn: FunctionSeed): string {
  return createHash('sha256').update(codePackage(fn)).digest('base64');
}

export function codeLocation(baseUrl: string, fn: FunctionSeed): string {
  return `${baseUrl}/_sandbox/code/${fn.region}/${encodeURIComponent(fn.name)}.zip`;
}

export function codePackageResponse(state: SandboxState, path: string): WireResponse {
  const match = /^\/_sandbox\/code\/([^/]+)\/([^/]+)\.zip$/.exec(path);
  const fn = match ? findFunction(state, match[1]!, decodeURIComponent(match[2]!)) : undefined;
  if (!fn) return {status: 404, headers: {'content-type': 'text/plain'}, body: 'No such deployment package'};
  return {status: 200, headers: {'content-type': 'application/zip'}, body: codePackage(fn)};
}
