import { describe, expect, it } from 'vitest';
import { checkDnsFromContainer, checkInfluxFromContainer, httpGetInContainer, influxHealthUrlInside, isHostNetwork, resolveInContainer } from './check-phase0-network.js';

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
