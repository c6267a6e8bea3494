import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FaultClient } from './fault-client.js';

let server: Server;
let base: string;
let faults: Record<string, unknown> = {};
const seen: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString()));
    req.on('end', () => {
      seen.push(`${req.method} ${req.url}`);
      if (req.url !== '/__phasegate/faults') return res.writeHead(404).end('nope');
      const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
      if (body.bad) return res.writeHead(400).end('knob "bad" is not known');
      if (req.method === 'PUT') faults = body;
      if (req.method === 'PATCH') for (const [k, v] of Object.entries(body)) {
          if (v === null) delete faults[k];
          else faults[k] = v;
        }
      if (req.method === 'DELETE') faults = {};
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ faults }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise((resolve) => server.close(resolve)));

describe('FaultClient', () => {
  it('should get, set, merge and clear knobs over the fault protocol', async () => {
    const client = new FaultClient('data-api', base);
    await expect(client.set({ latencyMs: 200, healthHttpStatus: 503 })).resolves.toEqual({ latencyMs: 200, healthHttpStatus: 503 });
    await expect(client.merge({ latencyMs: null, logErrors: 2 })).resolves.toEqual({ healthHttpStatus: 503, logErrors: 2 });
    await expect(client.get()).resolves.toEqual({ healthHttpStatus: 503, logErrors: 2 });
    await expect(client.clear()).resolves.toEqual({});
    expect(seen.slice(-4)).toEqual(['PUT /__phasegate/faults', 'PATCH /__phasegate/faults', 'GET /__phasegate/faults', 'DELETE /__phasegate/faults']);
  });

  it('should name the service, method, URL and status when a knob is rejected', async () => {
    await expect(new FaultClient('data-api', base).merge({ bad: true })).rejects.toThrow(
      `fault endpoint of data-api (PATCH ${base}/__phasegate/faults) answered 400: knob "bad" is not known\nhint: knobs must be a JSON object; see fixtures/reference/services/_shared/faults.ts`,
    );
  });

  it('should name the service when nothing listens', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    await expect(new FaultClient('jaeger', `http://127.0.0.1:${port}`).get()).rejects.toThrow(
      `fault endpoint of jaeger (GET http://127.0.0.1:${port}/__phasegate/faults) failed: ECONNREFUSED\nhint: is jaeger running? \`phasegate stack status\``,
    );
  });
});
