import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkAuth, judgeAuthAnswers } from './check-auth.js';

const KEY = 'hs_test_key_0123456789';
let server: Server;
let base = '';

beforeAll(async () => {
  // /protected reads only `Authorization: Bearer` (as data-api); /open answers anyone; /missing is a 404.
  server = createServer((req, res) => {
    if (req.url === '/protected') {
      const ok = req.headers.authorization === `Bearer ${KEY}`;
      res.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' });
      return res.end(ok ? '[]' : '{"detail":"Not authenticated"}');
    }
    if (req.url === '/open') {
      res.writeHead(200, { 'content-type': 'application/json' });
      return res.end('{"ok":true}');
    }
    res.writeHead(404);
    res.end('{"detail":"Not Found"}');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((r) => server.close(r)));

const attempts = [{ label: 'no key' }, { label: 'X-API-Key: invalid', headers: { 'X-API-Key': 'invalid' } }];

describe('checkAuth', () => {
  it('should pass when a protected endpoint rejects no key and an invalid key with 401', async () => {
    const r = await checkAuth({ criterionId: 'TV-S3', service: 'data-api', url: `${base}/protected`, expect: 'rejected', attempts });
    expect(r).toMatchObject({ status: 'passed', measurement: 'no key → HTTP 401, X-API-Key: invalid → HTTP 401' });
  });

  it('should fail an open endpoint that must be protected, naming the attempt and the status', async () => {
    const r = await checkAuth({ criterionId: 'RUN-PRE-3c', service: 'admin-api', url: `${base}/open`, expect: 'rejected', attempts: [{ label: 'no key' }] });
    expect(r.status).toBe('failed');
    expect(r.message).toBe(`admin-api ${base}/open: no key → HTTP 200; expected HTTP 401 or 403 for every attempt. hint: the endpoint answers without a valid key; set ENABLE_AUTH / *_ALLOW_ANONYMOUS=false (homeiq-facts.md §3)`);
  });

  it('should never count a 404 as a rejection (the route does not exist, D3.2)', async () => {
    const r = await checkAuth({ criterionId: 'TV-S3', service: 'data-api', url: `${base}/api/v1/devices`, expect: 'rejected', attempts });
    expect(r.status).toBe('failed');
    expect(r.message).toMatch(/no key → HTTP 404, X-API-Key: invalid → HTTP 404; expected .* hint: a 404 is not a rejection: the route does not exist here \(D3\.2\)/);
  });

  it('should fail a public endpoint that answers 401, and pass one that answers 2xx', async () => {
    const closed = await checkAuth({ criterionId: 'RUN-TS-2', service: 'admin-api', url: `${base}/protected`, expect: 'public', attempts: [{ label: 'no key' }] });
    expect(closed.message).toMatch(/no key → HTTP 401; expected HTTP 2xx \(not 401\/403\) for every attempt\. hint: the runbook lists this endpoint as public/);
    const open = await checkAuth({ criterionId: 'RUN-TS-2', service: 'admin-api', url: `${base}/open`, expect: 'public', attempts: [{ label: 'no key' }] });
    expect(open.status).toBe('passed');
  });

  it('should fail when nothing answers (a closed port proves no protection)', async () => {
    const dead = new URL(base);
    const port = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as AddressInfo).port;
        s.close(() => resolve(p));
      });
    });
    const r = await checkAuth({ criterionId: 'RUN-PRE-3c', service: 'data-api', url: `http://${dead.hostname}:${port}/x`, expect: 'rejected', attempts: [{ label: 'no key' }], timeoutMs: 1_000 });
    expect(r.status).toBe('failed');
    expect(r.message).toMatch(/no key → no answer \(.*ECONNREFUSED.*\).*hint: nothing answered/);
  });

  it('should never print the key it sent', async () => {
    const r = await checkAuth({ criterionId: 'TV-S3', service: 'data-api', url: `${base}/open`, expect: 'rejected', attempts: [{ label: 'valid key', headers: { Authorization: `Bearer ${KEY}` } }] });
    expect(JSON.stringify(r)).not.toContain(KEY);
  });

  it('should report an error when no attempt is given', () => {
    expect(judgeAuthAnswers({ criterionId: 'TV-S3', service: 'data-api', url: 'http://x/y', expect: 'rejected' }, []).status).toBe('error');
  });
});
