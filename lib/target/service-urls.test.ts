import { describe, expect, it } from 'vitest';
import type { HostPort, ServiceSpec } from '../inventory/types.js';
import { reachableOnLoopback, serviceUrls } from './service-urls.js';

function spec(name: string, hostPorts: HostPort[], extra: Partial<ServiceSpec> = {}): ServiceSpec {
  return {
    name, containerName: `homeiq-${name}`, containerNameExplicit: true, image: 'x', build: null, hostPorts, exposed: [], healthcheck: null, dependsOn: [],
    profiles: [], volumes: [], environment: [], envFiles: [], memLimitBytes: null, networkMode: null, restart: null, source: { file: 'docker-compose.yml', line: 1 }, ...extra,
  };
}
const tcp = (host: number | null, container: number, ip: string | null = null): HostPort => ({ host, container, ip, protocol: 'tcp' });

describe('serviceUrls', () => {
  it.each([[null, true], ['0.0.0.0', true], ['::', true], ['127.0.0.1', true], ['127.0.0.2', true], ['::1', false], ['192.168.1.20', false], ['10.0.0.5', false]] as const)('reachableOnLoopback(%j) should be %j', (ip, expected) => {
    expect(reachableOnLoopback(ip)).toBe(expected);
  });

  it('should take the port the healthcheck probes, list ephemeral and UDP-only services, follow network_mode: host', () => {
    const services = [
      spec('ai-pattern-service', [tcp(9999, 9000), tcp(8034, 8020)], { healthcheck: { test: ['CMD-SHELL', 'curl -f http://localhost:8020/health'], intervalMs: 30_000, timeoutMs: 30_000, retries: 3, startPeriodMs: 0 } }),
      spec('jaeger', [tcp(null, 16686)]),
      spec('mdns', [{ host: 5353, container: 5353, ip: null, protocol: 'udp' }]),
      spec('ha-simulator', [], { networkMode: 'host', healthcheck: { test: ['CMD', 'curl', '-f', 'http://127.0.0.1:8123/api/'], intervalMs: 1, timeoutMs: 1, retries: 1, startPeriodMs: 0 } }),
      spec('data-api', [tcp(8006, 8006, '127.0.0.1')]),
    ];
    expect(serviceUrls(services, { composeFile: 'docker-compose.yml' })).toEqual({
      urls: { 'ai-pattern-service': 'http://127.0.0.1:8034', 'ha-simulator': 'http://127.0.0.1:8123', 'data-api': 'http://127.0.0.1:8006' },
      withoutUrl: [{ service: 'jaeger', reason: 'ephemeral host port ((ephemeral):16686)' }, { service: 'mdns', reason: 'no published TCP port' }],
    });
  });

  it('should refuse every expected service bound to another address in one message, and let an override win', () => {
    const services = [spec('data-api', [tcp(8006, 8006, '::1')]), spec('admin-api', [tcp(8004, 8004, '192.168.1.20')]), spec('other', [tcp(9000, 9000, '10.0.0.5')])];
    expect(() => serviceUrls(services, { composeFile: 'docker-compose.yml', expected: ['data-api', 'admin-api'] })).toThrow('live target docker-compose.yml: data-api published only on [::1]:8006:8006; admin-api published only on 192.168.1.20:8004:8004, not reachable on 127.0.0.1; phasegate sends traffic only to 127.0.0.1\nhint:');
    expect(serviceUrls(services, { composeFile: 'docker-compose.yml', expected: ['data-api', 'admin-api'], portOverrides: { 'data-api': 18006, 'admin-api': 18004 } })).toEqual({
      urls: { 'data-api': 'http://127.0.0.1:18006', 'admin-api': 'http://127.0.0.1:18004' },
      withoutUrl: [{ service: 'other', reason: 'published only on 10.0.0.5:9000:9000' }],
    });
  });
});
