import { describe, expect, it } from 'vitest';
import { expectedPorts } from './expected-ports.js';
import type { ServiceSpec } from './types.js';

function spec(over: Partial<ServiceSpec>): ServiceSpec {
  return {
    name: 'data-api', containerName: 'homeiq-data-api', containerNameExplicit: true, image: null, build: null, hostPorts: [], exposed: [], healthcheck: null, dependsOn: [], profiles: [],
    volumes: [], environment: [], envFiles: [], memLimitBytes: null, networkMode: null, restart: null, source: { file: 'docker-compose.yml', line: 1 }, ...over,
  };
}
const healthcheck = (url: string) => ({ test: ['CMD-SHELL', `wget -q -O /dev/null ${url} || exit 1`], intervalMs: 5000, timeoutMs: 5000, retries: 5, startPeriodMs: 0 });

describe('expectedPorts', () => {
  it('should take published host ports, loopback when the compose file binds 127.0.0.1', () => {
    const s = spec({ hostPorts: [{ host: 8006, container: 8006, ip: '127.0.0.1', protocol: 'tcp' }, { host: 9000, container: 90, ip: null, protocol: 'tcp' }, { host: 53, container: 53, ip: null, protocol: 'udp' }, { host: null, container: 7000, ip: null, protocol: 'tcp' }] });
    expect(expectedPorts(s)).toEqual([
      { port: 8006, loopbackOnly: true, why: 'ports 127.0.0.1:8006:8006' },
      { port: 9000, loopbackOnly: false, why: 'ports 0.0.0.0:9000:90' },
    ]);
  });

  it('should take the healthcheck port, expose and container ports with network_mode host, loopback by policy', () => {
    const s = spec({ networkMode: 'host', healthcheck: healthcheck('http://127.0.0.1:8006/health'), exposed: [9100], hostPorts: [{ host: 18006, container: 8007, ip: null, protocol: 'tcp' }] });
    expect(expectedPorts(s).map((p) => `${p.port} ${p.loopbackOnly}`)).toEqual(['8006 true', '8007 true', '9100 true']);
    expect(expectedPorts(s, { hostNetworkLoopback: false }).every((p) => !p.loopbackOnly)).toBe(true);
  });

  it('should add allowlisted ports without a loopback demand, and keep loopback when a port is both', () => {
    const s = spec({ networkMode: 'host', healthcheck: healthcheck('http://127.0.0.1:8006/health') });
    expect(expectedPorts(s, { allowlist: [8006, 4317] })).toEqual([
      { port: 4317, loopbackOnly: false, why: 'allowlist' },
      { port: 8006, loopbackOnly: true, why: 'healthcheck (network_mode host)' },
    ]);
  });

  it('should expect nothing of a bridge service without ports', () => {
    expect(expectedPorts(spec({ exposed: [8031] }))).toEqual([]);
  });
});
