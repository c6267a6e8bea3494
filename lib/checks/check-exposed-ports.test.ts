import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { container } from '../docker/fake-inspector.test-helper.js';
import { checkExposedPorts, observeContainerPorts, type ObservedPort } from './check-exposed-ports.js';

const expected = {
  'data-api': [{ port: 8006, loopbackOnly: true, why: 'healthcheck (network_mode host)' }],
  jaeger: [{ port: 16686, loopbackOnly: true, why: 'healthcheck (network_mode host)' }, { port: 4317, loopbackOnly: false, why: 'allowlist' }],
};
const port = (service: string, p: number, address = '127.0.0.1'): ObservedPort => ({ service, port: p, address, via: 'socket' });

describe('checkExposedPorts', () => {
  it('should pass when every exposed port is intended and loopback ports are on loopback', () => {
    const r = checkExposedPorts([port('data-api', 8006), port('jaeger', 16686, '::1'), port('jaeger', 4317, '0.0.0.0')], { criterionId: 'TV-S4', expected, containersRead: 2 });
    expect(r.status).toBe('passed');
    expect(r.message).toBe("3 port(s) exposed by 2 service(s) of 2 container(s) read, each one of the service's intended ports and loopback where the compose file means loopback");
    expect(r.evidence?.[0]?.value).toBe('data-api 127.0.0.1:8006 socket\njaeger [::1]:16686 socket\njaeger 0.0.0.0:4317 socket');
  });

  it('should fail on an unintended listener and on a loopback port bound to every interface, naming both', () => {
    const r = checkExposedPorts([port('data-api', 9229), port('jaeger', 16686, '::')], { criterionId: 'RB-CL-SEC4', expected, containersRead: 2 });
    expect(r.status).toBe('failed');
    expect(r.measurement).toBe(2);
    expect(r.message).toBe(
      "2 unintended exposure(s) of the project's containers: data-api listens on 127.0.0.1:9229 (socket), which is not one of its intended ports [8006]; jaeger port 16686 is bound to every interface ([::]:16686) where the compose file means loopback (healthcheck (network_mode host)). hint: remove the listener or the port binding, bind it to 127.0.0.1, or add the port to security.allowedPorts in phasegate.config.ts when it is intended",
    );
  });

  it('should fail on a port of a service the compose file gives no ports', () => {
    expect(checkExposedPorts([port('log-aggregator', 8015, '0.0.0.0')], { criterionId: 'TV-S4', expected, containersRead: 1 }).message).toContain('log-aggregator listens on 0.0.0.0:8015 (socket), which is not one of its intended ports [none]');
  });

  it('should be an error, never a pass, when a container could not be read or none was', () => {
    const unread = checkExposedPorts([port('data-api', 8006)], { criterionId: 'TV-S4', expected, containersRead: 1, unreadable: ['jaeger: container homeiq-jaeger is exited (no process to read the sockets of)'] });
    expect(unread.status).toBe('error');
    expect(unread.message).toMatch(/^could not read the ports of jaeger: container homeiq-jaeger is exited/);
    expect(checkExposedPorts([], { criterionId: 'TV-S4', expected, containersRead: 0 }).status).toBe('error');
  });
});

describe('observeContainerPorts', () => {
  it('should read sockets of host-network containers, published ports of the others, and list the unreadable', () => {
    const containers = [
      container({ name: 'homeiq-data-api', service: 'data-api', networkMode: 'host', pid: 100 }),
      container({ name: 'homeiq-admin', service: 'admin-api', networkMode: 'homeiq_default', pid: 200, publishedPorts: [{ containerPort: 8004, protocol: 'tcp', hostIp: '0.0.0.0', hostPort: 8004 }, { containerPort: 53, protocol: 'udp', hostIp: '0.0.0.0', hostPort: 53 }] }),
      container({ name: 'homeiq-jaeger', service: 'jaeger', networkMode: 'host', pid: 0, state: 'exited' }),
      container({ name: 'homeiq-influxdb', service: 'influxdb', networkMode: 'host', pid: 300 }),
    ];
    const observed = observeContainerPorts(containers, (pid) => {
      if (pid === 300) throw new Error('cannot read /proc/300/net/tcp: is process 300 running and /proc mounted?');
      return [{ address: '127.0.0.1', port: 8006, inode: 1, family: 4 }];
    });
    expect(observed).toEqual({
      ports: [{ service: 'data-api', port: 8006, address: '127.0.0.1', via: 'socket' }, { service: 'admin-api', port: 8004, address: '0.0.0.0', via: 'published' }],
      containersRead: 2,
      unreadable: ['jaeger: container homeiq-jaeger is exited (no process to read the sockets of)', 'influxdb: cannot read /proc/300/net/tcp: is process 300 running and /proc mounted?'],
    });
  });
});

describe('checkExposedPorts on this process as a host-network "container" (real /proc, in-process server on port 0)', () => {
  it('should find the unintended listener and fail naming it, and pass once the port is intended', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port: listening } = server.address() as { port: number };
    try {
      const me = container({ name: 'vitest-worker', service: 'worker', networkMode: 'host', pid: process.pid });
      const observed = observeContainerPorts([me]);
      expect(observed.ports).toContainEqual({ service: 'worker', port: listening, address: '127.0.0.1', via: 'socket' });
      const others = observed.ports.filter((p) => p.port !== listening).map((p) => ({ port: p.port, loopbackOnly: false, why: 'allowlist' }));
      const failed = checkExposedPorts(observed.ports, { criterionId: 'TV-S4', expected: { worker: others }, containersRead: observed.containersRead });
      expect(failed.status).toBe('failed');
      expect(failed.message).toContain(`worker listens on 127.0.0.1:${listening} (socket), which is not one of its intended ports`);
      const intended = [...others, { port: listening, loopbackOnly: true, why: 'healthcheck (network_mode host)' }];
      expect(checkExposedPorts(observed.ports, { criterionId: 'TV-S4', expected: { worker: intended }, containersRead: 1 }).status).toBe('passed');
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
