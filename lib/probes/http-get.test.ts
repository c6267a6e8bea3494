import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpGet, readPath } from './http-get.js';

let server: Server;
let base = '';
const sockets = new Set<Socket>();

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/ok') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"status":"healthy"}');
    } else if (req.url === '/drip') {
      res.writeHead(200);
      const t = setInterval(() => res.write('x'), 100); // never ends
      res.on('close', () => clearInterval(t));
    } else if (req.url === '/huge') {
      res.writeHead(200);
      const chunk = Buffer.alloc(64 * 1024, 97);
      const write = () => {
        while (res.write(chunk)) {
          /* keep the pipe full until the client goes away */
        }
      };
      res.on('drain', write);
      write();
    }
    // any other path: black hole, never answered
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const s of sockets) s.destroy();
  await new Promise((r) => server.close(r));
});

describe('httpGet', () => {
  it('should read status, body and timings', async () => {
    const r = await httpGet(`${base}/ok`);
    expect(r).toMatchObject({ status: 200, body: '{"status":"healthy"}', truncated: false });
    expect(r.ttfbMs).toBeGreaterThan(0);
  });

  it('should bound a black-holed request', async () => {
    const r = await httpGet(`${base}/hole`, { timeoutMs: 300 });
    expect(r.status).toBeUndefined();
    expect(r.error).toBe('timeout after 300ms (no response headers) — connected, 0 bytes received');
  });

  it('should bound a slow-drip body', async () => {
    const r = await httpGet(`${base}/drip`, { timeoutMs: 400 });
    expect(r.status).toBe(200);
    expect(r.error).toBe('timeout after 400ms (body incomplete) — connected, headers received');
    expect(r.bytesReceived).toBeGreaterThan(0);
  });

  it('should cap a huge body instead of reading it all', async () => {
    const r = await httpGet(`${base}/huge`, { maxBodyBytes: 100_000, timeoutMs: 5_000 });
    expect(r.truncated).toBe(true);
    expect(r.body).toHaveLength(100_000);
  });

  it('should report a refused connection and mask URL credentials', async () => {
    const r = await httpGet('http://admin:secret123@127.0.0.1:9/health', { timeoutMs: 2_000 });
    expect(r.url).toBe('http://admin:***@127.0.0.1:9/health');
    expect(r.error).toMatch(/ECONNREFUSED/);
  });
});

describe('readPath', () => {
  it('should read dotted paths and give undefined for missing ones', () => {
    expect(readPath({ a: { b: { c: 1 } } }, 'a.b.c')).toBe(1);
    expect(readPath({ a: 1 }, 'a.b')).toBeUndefined();
  });
});
