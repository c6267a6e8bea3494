import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkDnsFromContainer, checkHaApiFromContainer, checkInfluxFromContainer, haApiInContainer, httpGetInContainer, influxHealthUrlInside, isHostNetwork, resolveInContainer, type ExecRunner } from './check-phase0-network.js';

const opts = { service: 'websocket-ingestion', container: 'homeiq-websocket', url: 'http://127.0.0.1:8086/health', command: 'wget -q -O- http://127.0.0.1:8086/health' };

describe('influxHealthUrlInside', () => {
  it('uses the host URL on a host network (reference twins) and the service DNS name on a compose network (live)', () => {
    expect(isHostNetwork('host')).toBe(true);
    expect(influxHealthUrlInside({ networkMode: 'host', hostInfluxUrl: 'http://127.0.0.1:8086/' })).toBe('http://127.0.0.1:8086/health');
    expect(influxHealthUrlInside({ networkMode: 'homeiq_default', hostInfluxUrl: 'http://127.0.0.1:8086' })).toBe('http://influxdb:8086/health');
    expect(influxHealthUrlInside({ networkMode: 'bridge', hostInfluxUrl: 'x', influxService: 'homeiq-influxdb', influxPort: 9999 })).toBe('http://homeiq-influxdb:9999/health');
  });
});

describe('checkInfluxFromContainer (P0-S2-AC2a)', () => {
  it('passes exit 0 with status pass', () => {
    const r = checkInfluxFromContainer({ exitCode: 0, stdout: '{"name":"influxdb","status":"pass","version":"2.7.12"}', stderr: '' }, opts);
    expect(r.status).toBe('passed');
    expect(r.criterionId).toBe('P0-S2-AC2a');
    expect(r.message).toContain('exit 0, status "pass"');
  });

  it('fails a non-zero exit, quoting stderr, with the network hint', () => {
    const r = checkInfluxFromContainer({ exitCode: 1, stdout: '', stderr: 'wget: server returned error: HTTP/1.1 503 Service Unavailable' }, opts);
    expect(r.status).toBe('failed');
    expect(r.message).toMatch(/^inside homeiq-websocket: `wget -q -O- http:\/\/127\.0\.0\.1:8086\/health` exit 1: "wget: server returned error: HTTP\/1\.1 503 Service Unavailable"\. hint: InfluxDB is down/);
  });

  it('fails a timeout and a body that says fail', () => {
    expect(checkInfluxFromContainer({ exitCode: undefined, stdout: '', stderr: '', timedOut: true }, opts).message).toContain('timed out');
    const r = checkInfluxFromContainer({ exitCode: 0, stdout: '{"status":"fail"}', stderr: '' }, opts);
    expect(r.status).toBe('failed');
    expect(r.message).toContain('InfluxDB\'s status is "fail"');
  });
});

describe('checkDnsFromContainer (P0-S2-AC2d)', () => {
  const dns = { service: 'websocket-ingestion', container: 'homeiq-websocket', networkMode: 'homeiq_default', command: 'nslookup influxdb' };

  it('is skipped as not applicable on a host network, never passed', () => {
    const r = checkDnsFromContainer(undefined, { ...dns, networkMode: 'host' });
    expect(r.status).toBe('skipped');
    expect(r.message).toMatch(/^not applicable: homeiq-websocket runs with network_mode: host/);
  });

  it('passes busybox nslookup output, taking the answer and not the server address', () => {
    const out = 'Server:\t\t127.0.0.11\nAddress:\t127.0.0.11:53\n\nNon-authoritative answer:\nName:\tinfluxdb\nAddress: 172.18.0.5\n\n';
    const r = checkDnsFromContainer({ exitCode: 0, stdout: out, stderr: '' }, dns);
    expect(r.status).toBe('passed');
    expect(r.measurement).toBe('172.18.0.5');
  });

  it('passes getent hosts output', () => {
    expect(checkDnsFromContainer({ exitCode: 0, stdout: '172.18.0.5      influxdb\n', stderr: '' }, { ...dns, command: 'getent hosts influxdb' }).measurement).toBe('172.18.0.5');
  });

  it('fails NXDOMAIN even when the server address is printed', () => {
    const out = 'Server:\t\t127.0.0.11\nAddress:\t127.0.0.11:53\n\n** server can\'t find influxdb: NXDOMAIN\n';
    const r = checkDnsFromContainer({ exitCode: 0, stdout: out, stderr: '' }, dns);
    expect(r.status).toBe('failed');
    expect(r.message).toMatch(/did not resolve influxdb .*hint: both services must share a compose network/);
    expect(checkDnsFromContainer({ exitCode: 1, stdout: '', stderr: 'nslookup: can\'t resolve' }, dns).status).toBe('failed');
  });

  it('is an error when the lookup was not run on a compose network', () => {
    expect(checkDnsFromContainer(undefined, dns).status).toBe('error');
  });
});

describe('httpGetInContainer / resolveInContainer', () => {
  const runner = (answers: Record<string, { exitCode: number; stdout?: string; stderr?: string }>) => {
    const calls: string[] = [];
    return {
      calls,
      run: async (_file: string, args: readonly string[]) => {
        calls.push(args.slice(2, 3).join(' '));
        const a = answers[args[2]!] ?? { exitCode: 127, stderr: `exec: "${args[2]}": executable file not found in $PATH` };
        return { exitCode: a.exitCode, stdout: a.stdout ?? '', stderr: a.stderr ?? '' };
      },
    };
  };

  it('uses wget when the image has it', async () => {
    const r = runner({ wget: { exitCode: 0, stdout: '{"status":"pass"}' } });
    const got = await httpGetInContainer(r, 'homeiq-websocket', 'http://127.0.0.1:8086/health');
    expect(got.command).toMatch(/^wget -q -T 5 -O- http:\/\/127\.0\.0\.1:8086\/health$/);
    expect(r.calls).toEqual(['wget']);
  });

  it('falls back to node, then python, when a tool is missing or crashed without output, but not after a real failure', async () => {
    const py = runner({ python: { exitCode: 0, stdout: '{"status":"pass"}' } });
    expect((await httpGetInContainer(py, 'c', 'http://influxdb:8086/health')).command).toMatch(/^python -c /);
    const failing = runner({ wget: { exitCode: 1, stderr: 'wget: bad address \'influxdb:8086\'' } });
    const got = await httpGetInContainer(failing, 'c', 'http://influxdb:8086/health');
    expect(failing.calls).toEqual(['wget']);
    expect(got.outcome.exitCode).toBe(1);
    const none = runner({});
    expect((await httpGetInContainer(none, 'c', 'u')).command).toMatch(/^python -c /);
    expect(none.calls).toEqual(['wget', 'node', 'python']);
    // the twins' static busybox wget segfaults (exit 139, no output): node answers instead
    const segv = runner({ wget: { exitCode: 139 }, node: { exitCode: 0, stdout: '{"status":"pass"}' } });
    expect((await httpGetInContainer(segv, 'c', 'http://127.0.0.1:8086/health')).outcome).toMatchObject({ exitCode: 0, stdout: '{"status":"pass"}' });
    expect(segv.calls).toEqual(['wget', 'node']);
  });

  it('resolves with nslookup, else getent', async () => {
    expect((await resolveInContainer(runner({ getent: { exitCode: 0, stdout: '172.18.0.5 influxdb' } }), 'c', 'influxdb')).command).toBe('getent hosts influxdb');
  });
});

// The in-container HA probe's scripts run for real here (node, and python3 for the python variant), as `docker exec`
// would run them, against a loopback stand-in for Home Assistant's `/api/` (200 with the right Bearer token, else 401).
describe('haApiInContainer + checkHaApiFromContainer (P0-S2-AC2b)', () => {
  const TOKEN = 'ha-long-lived-token-0123456789';
  let server: Server;
  let base: string;
  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url !== '/api/') return res.writeHead(404).end('404: Not Found');
      if (req.headers.authorization !== `Bearer ${TOKEN}`) return res.writeHead(401, { 'content-type': 'application/json' }).end('{"message":"Unauthorized"}');
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"message":"API running."}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  /** Runs `docker exec <container> <tool> …` locally with `env` as the container's environment; `without` tools are absent. */
  const local = (env: Record<string, string>, without: readonly string[] = []): ExecRunner & { argv: string[][] } => {
    const argv: string[][] = [];
    return {
      argv,
      run: async (_file, args) => {
        argv.push([...args]);
        const [tool, ...rest] = args.slice(2);
        if (without.includes(tool!)) return { exitCode: 127, stdout: '', stderr: `exec: "${tool}": executable file not found in $PATH` };
        const r = await execa(tool === 'python' ? 'python3' : tool!, rest, { env: { PATH: process.env.PATH ?? '', ...env }, extendEnv: false, reject: false, timeout: 15_000 });
        return { exitCode: r.exitCode, stdout: String(r.stdout), stderr: String(r.stderr) };
      },
    };
  };
  const opts = { service: 'websocket-ingestion', container: 'homeiq-websocket' };

  for (const variant of [{ name: 'node', without: [] as string[] }, { name: 'python', without: ['node'] }]) {
    it(`passes with the container's own URL and token and never puts the token on the command line (${variant.name})`, async () => {
      const runner = local({ HOME_ASSISTANT_URL: `${base.replace('http:', 'ws:')}/api/websocket`, HOME_ASSISTANT_TOKEN: TOKEN }, variant.without);
      const { outcome, command } = await haApiInContainer(runner, 'homeiq-websocket', 'bearer');
      const r = checkHaApiFromContainer(outcome, { ...opts, command, auth: 'bearer' });
      expect(r.status).toBe('passed');
      expect(r.message).toBe(`inside homeiq-websocket: GET ${base}/api/ (from HOME_ASSISTANT_URL) with the token in HOME_ASSISTANT_TOKEN answered HTTP 200 "API running."`);
      expect(runner.argv.flat().join(' ')).not.toContain(TOKEN);
      expect(outcome.stdout).not.toContain(TOKEN);
      expect(command).toBe(`${variant.name} GET <HA URL>/api/ (Bearer <the container's HA token>)`);
    });

    it(`fails on a refused token, naming the variable, and on an address where nothing listens (${variant.name})`, async () => {
      const wrong = await haApiInContainer(local({ HA_HTTP_URL: base, HA_TOKEN: 'wrong-token-000000' }, variant.without), 'c', 'bearer');
      const r = checkHaApiFromContainer(wrong.outcome, { ...opts, command: wrong.command, auth: 'bearer' });
      expect(r).toMatchObject({ status: 'failed', measurement: 401 });
      expect(r.message).toMatch(/with the token in HA_TOKEN answered HTTP 401: "\{\\"message\\":\\"Unauthorized\\"\}". hint: the token in HA_TOKEN is wrong or revoked/);
      // A loopback port that was just free: nothing listens there.
      const closed = createServer();
      await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
      const port = (closed.address() as AddressInfo).port;
      await new Promise((resolve) => closed.close(resolve));
      const down = await haApiInContainer(local({ HA_HTTP_URL: `http://127.0.0.1:${port}`, HA_TOKEN: TOKEN }, variant.without), 'c', 'bearer');
      expect(checkHaApiFromContainer(down.outcome, { ...opts, command: down.command, auth: 'bearer' }).message).toMatch(new RegExp(`GET http://127\\.0\\.0\\.1:${port}/api/ \\(from HA_HTTP_URL\\) failed: .*(ECONNREFUSED|Connection refused).*hint: Home Assistant \\(or the simulator\\) is down`));
    });
  }

  it('fails as 000 L178 writes it (D3.7 none: no token, real HA answers 401), and without any HA URL in the environment', async () => {
    const plain = await haApiInContainer(local({ HOME_ASSISTANT_URL: base, HOME_ASSISTANT_TOKEN: TOKEN }), 'c', 'none');
    const r = checkHaApiFromContainer(plain.outcome, { ...opts, command: plain.command, auth: 'none' });
    expect(r.status).toBe('failed');
    expect(r.message).toMatch(/without a token \(D3\.7 none, as 000 L178 writes the curl\) answered HTTP 401.*hint: real Home Assistant answers 401 to any call without a token/);
    const bare = await haApiInContainer(local({}), 'c', 'bearer');
    expect(checkHaApiFromContainer(bare.outcome, { ...opts, command: bare.command, auth: 'bearer' }).message).toMatch(/no HA_HTTP_URL or HOME_ASSISTANT_URL in the environment.*hint: set HOME_ASSISTANT_URL/);
  });

  it('is an error, not a pass, when the image can run neither probe', async () => {
    const none = await haApiInContainer(local({}, ['node', 'python']), 'c', 'bearer');
    expect(checkHaApiFromContainer(none.outcome, { ...opts, command: none.command, auth: 'bearer' })).toMatchObject({ status: 'error' });
  });
});
