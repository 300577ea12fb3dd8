// A tiny real HTTP peer for adapter and probe tests: it records every request and answers
// with whatever the test scripted (an AWS error body, a slow answer, a dropped connection).
import http from 'node:http';
import type {AddressInfo} from 'node:net';
import {afterAll, afterEach, beforeAll} from 'vitest';

export interface RecordedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
}

export interface Answer {
  readonly status: number;
  readonly headers?: Record<string, string>;
  readonly body?: string;
  /** Wait this long before answering. */
  readonly delayMs?: number;
}

/** 'drop' destroys the socket without an answer. */
export type Answerer = (request: RecordedRequest) => Answer | 'drop';

export interface AnsweringServer {
  readonly url: string;
  readonly host: string;
  readonly requests: RecordedRequest[];
  answer: Answerer;
  close(): Promise<void>;
}

export async function startAnsweringServer(answer: Answerer = () => ({status: 200, body: '{}'})): Promise<AnsweringServer> {
  const requests: RecordedRequest[] = [];
  const state = {answer};
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const recorded = {method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8')};
      requests.push(recorded);
      const scripted = state.answer(recorded);
      if (scripted === 'drop') {
        req.socket.destroy();
        return;
      }
      const send = () => {
        res.writeHead(scripted.status, {date: new Date().toUTCString(), ...scripted.headers});
        res.end(scripted.body ?? '');
      };
      if (scripted.delayMs) setTimeout(send, scripted.delayMs).unref();
      else send();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const {port} = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    host: `127.0.0.1:${port}`,
    requests,
    get answer() {
      return state.answer;
    },
    set answer(next: Answerer) {
      state.answer = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * One answering server for the whole test file: started before its tests, closed after them,
 * its request log emptied after each test. Use the handle inside tests (after beforeAll).
 */
export function answeringServerForFile(answer?: Answerer): AnsweringServer {
  let started: AnsweringServer | undefined;
  beforeAll(async () => {
    started = await startAnsweringServer(answer);
  });
  afterAll(() => started?.close());
  afterEach(() => {
    started?.requests.splice(0);
  });
  const server = (): AnsweringServer => {
    if (!started) throw new Error('the answering server starts in beforeAll: use it inside a test');
    return started;
  };
  return {
    get url() {
      return server().url;
    },
    get host() {
      return server().host;
    },
    get requests() {
      return server().requests;
    },
    get answer() {
      return server().answer;
    },
    set answer(next: Answerer) {
      server().answer = next;
    },
    close: () => server().close(),
  };
}

/** A port nothing listens on: bind one, then close it. */
export async function deadPortUrl(): Promise<string> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const {port} = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}
