import {createServer, type Server} from 'node:http';
import type {AddressInfo} from 'node:net';
import {strToU8, zipSync} from 'fflate';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {readHandlerSource} from './deployment-package.js';

const zip = zipSync({'src/app.mjs': strToU8('export const handler = async () => 1;\n'), 'node_modules/x/index.js': strToU8('x'.repeat(4096))});
let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((request, response) => {
    if (request.url === '/package.zip') response.writeHead(200, {'content-type': 'application/zip'}).end(Buffer.from(zip));
    else if (request.url === '/chunked.zip') {
      // No content-length: the cap must hold while streaming.
      response.writeHead(200, {'content-type': 'application/zip'});
      response.write(Buffer.alloc(2048));
      response.end(Buffer.alloc(2048));
    } else response.writeHead(403).end('<Error><Code>AccessDenied</Code></Error>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('deployment package', () => {
  it('reads only the handler file named by Handler', async () => {
    expect(await readHandlerSource(`${base}/package.zip`, 'src/app.handler')).toEqual({kind: 'read', path: 'src/app.mjs', source: 'export const handler = async () => 1;\n'});
  });

  it('says why it could not read a package', async () => {
    expect(await readHandlerSource(`${base}/package.zip`, 'index.handler')).toMatchObject({kind: 'unreadable', reason: expect.stringContaining('no index.js / index.mjs / index.cjs')});
    expect(await readHandlerSource(`${base}/expired.zip`, 'index.handler')).toEqual({kind: 'unreadable', reason: 'the package download answered HTTP 403'});
    expect(await readHandlerSource(`${base}/package.zip`, 'src/app.handler', {maxBytes: 100})).toMatchObject({kind: 'unreadable', reason: expect.stringContaining('larger than')});
    expect(await readHandlerSource(`${base}/chunked.zip`, 'index.handler', {maxBytes: 3000})).toMatchObject({kind: 'unreadable', reason: expect.stringContaining('larger than')});
  });
});
