import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpProbe } from './http-probe.js';

let server: Server;
let base = '';
const sockets = new Set<Socket>();
let lastAuth: string | undefined;

beforeAll(async () => {
  server = createServer((req, res) => {
    lastAuth = req.headers.authorization;
    if (req.url === '/ok') {
      res.writeHead(200, { 'content-type': 'application/json', 'set-cookie': 'session=abc123' });
      res.end('{"status":"healthy"}');
    } else if (req.url === '/slow-headers') {
      setTimeout(() => {
        res.writeHead(200);
        res.end('late');
      }, 2_000);
    }
    // any other path: accepted, never answered
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

describe('HttpProbe', () => {
  it('should time connect, first byte and total in fractional ms', async () => {
    const r = await new HttpProbe().get(`${base}/ok`);
    expect(r).toMatchObject({ status: 200, body: '{"status":"healthy"}', truncated: false, timedOut: false });
    expect(r.connectMs).toBeGreaterThan(0);
    expect(r.ttfbMs).toBeGreaterThanOrEqual(r.connectMs!);
    expect(r.totalMs).toBeGreaterThanOrEqual(r.ttfbMs!);
    expect(r.headers['content-type']).toBe('application/json');
    expect(r.headers['set-cookie']).toBe('***');
  });

  it('should send the auth header but never show its token', async () => {
    const probe = new HttpProbe({ defaults: { headers: { Authorization: 'Bearer probe-key-7f3a9' } } });
    const r = await probe.get(`${base}/hole`, { timeoutMs: 200 });
    expect(lastAuth).toBe('Bearer probe-key-7f3a9');
    expect(r.error).toMatch(/^timeout after 200ms \(no response headers\) — connected, 0 bytes received$/);
    expect(r).toMatchObject({ connected: true, bytesReceived: 0 });
    expect(r.timedOut).toBe(true);
    expect(JSON.stringify(r)).not.toContain('probe-key-7f3a9');
  });

  it('should end a response whose headers come after the bound', async () => {
    const started = performance.now();
    const r = await new HttpProbe().get(`${base}/slow-headers`, { timeoutMs: 300 });
    expect(r.error).toBe('timeout after 300ms (no response headers) — connected, 0 bytes received');
    expect(performance.now() - started).toBeLessThan(1_500);
  });

  it('should refuse a non-HTTP URL as data, not a throw', async () => {
    const r = await new HttpProbe().get('ftp://127.0.0.1/health');
    expect(r.error).toBe('invalid URL: unsupported protocol ftp:');
    expect(r.status).toBeUndefined();
  });

  it('should report a refused connection with the connect bound untouched', async () => {
    const r = await new HttpProbe().get('http://127.0.0.1:9/health', { connectTimeoutMs: 500, timeoutMs: 2_000 });
    expect(r.error).toMatch(/^connect ECONNREFUSED 127\.0\.0\.1:9$/);
    expect(r.timedOut).toBe(false);
    expect(r.connectMs).toBeUndefined();
    expect(r).toMatchObject({ connected: false, bytesReceived: 0 });
  });
});
