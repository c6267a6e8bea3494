import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TimeoutError } from '../common/errors.js';
import { DockerodeContainerInspector, describeDockerEndpoint, toContainerDetails, workingSetBytes } from './dockerode-container-inspector.js';
import { waitForHealthy } from './wait-healthy.js';

describe('DockerodeContainerInspector against a Docker socket that never answers', () => {
  let dir: string;
  let server: Server;
  const sockets = new Set<Socket>();

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pg-hung-docker-'));
    server = createServer((socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    });
    await new Promise<void>((resolve) => server.listen(join(dir, 'docker.sock'), resolve));
  });

  afterAll(async () => {
    sockets.forEach((s) => s.destroy());
    await new Promise((resolve) => server.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  it('should bound ping with a TimeoutError instead of hanging', async () => {
    const socket = join(dir, 'docker.sock');
    const inspector = new DockerodeContainerInspector(new Docker({ socketPath: socket }), { callTimeoutMs: 200, dockerHost: `unix://${socket}` });
    const started = performance.now();
    const error = (await inspector.ping().catch((e: unknown) => e)) as TimeoutError;
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error.message).toBe(
      `Docker API call "ping" for daemon at ${socket} did not answer within 200ms\nhint: is dockerd running and responsive? DOCKER_HOST=unix://${socket}; check \`docker info\`; \`phasegate doctor\` checks the socket`,
    );
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('should bound inspect and name the container', async () => {
    const inspector = new DockerodeContainerInspector(new Docker({ socketPath: join(dir, 'docker.sock') }), { callTimeoutMs: 100 });
    await expect(inspector.inspect('homeiq-data-api')).rejects.toThrow(`Docker API call "inspect" for homeiq-data-api at ${join(dir, 'docker.sock')} did not answer within 100ms`);
  });

  it('should bound logsSince, listNetworks and listVolumes and name what was asked', async () => {
    const socket = join(dir, 'docker.sock');
    const inspector = new DockerodeContainerInspector(new Docker({ socketPath: socket }), { callTimeoutMs: 100 });
    await expect(inspector.logsSince('homeiq-data-api', 3600)).rejects.toThrow(`Docker API call "logs" for homeiq-data-api at ${socket} did not answer within 100ms`);
    await expect(inspector.listNetworks()).rejects.toThrow(`Docker API call "list networks" for daemon at ${socket} did not answer within 100ms`);
    await expect(inspector.listVolumes()).rejects.toThrow(`Docker API call "list volumes" for daemon at ${socket} did not answer within 100ms`);
  });

  it('should end a health wait at its own limit when the daemon answers nothing, however long the call timeout', async () => {
    const socket = join(dir, 'docker.sock');
    const inspector = new DockerodeContainerInspector(new Docker({ socketPath: socket }), { callTimeoutMs: 30_000 });
    const started = performance.now();
    const error = (await waitForHealthy(inspector, ['homeiq-data-api', 'homeiq-admin'], { timeoutMs: 300 }).catch((e: unknown) => e)) as TimeoutError;
    expect(performance.now() - started).toBeLessThan(300 + 1_000 + 2_000);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error.shortMessage).toMatch(/^health wait gave up after \d+ms: Docker never answered: Docker did not answer "inspect homeiq-data-api" within the \d+ms left of the health wait \(limit 300ms\)$/);
    expect(error.hint).toBe('is dockerd running and responsive? check `docker info` and DOCKER_HOST');
  });

  it('should report a missing daemon socket as a prerequisite', async () => {
    const inspector = new DockerodeContainerInspector(new Docker({ socketPath: join(dir, 'absent.sock') }), { callTimeoutMs: 1_000, dockerHost: undefined });
    await expect(inspector.ping()).rejects.toMatchObject({
      code: 'PHASEGATE_PREREQUISITE_MISSING',
      shortMessage: `Docker daemon is not reachable at ${join(dir, 'absent.sock')} (ping daemon): ENOENT`,
      hint: 'is dockerd running? start it (`systemctl start docker`); DOCKER_HOST is unset (default socket)',
    });
  });
});

describe('DockerodeContainerInspector against a Docker socket that answers headers, then stalls', () => {
  let dir: string;
  let server: Server;
  const sockets = new Set<Socket>();

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pg-stalled-docker-'));
    server = createServer((socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.once('data', () => socket.write('HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 4096\r\n\r\n{"Id":"'));
    });
    await new Promise<void>((resolve) => server.listen(join(dir, 'docker.sock'), resolve));
  });

  afterAll(async () => {
    sockets.forEach((s) => s.destroy());
    await new Promise((resolve) => server.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  it('should bound inspect when the body never completes', async () => {
    const socket = join(dir, 'docker.sock');
    const inspector = new DockerodeContainerInspector(new Docker({ socketPath: socket }), { callTimeoutMs: 200 });
    const started = performance.now();
    await expect(inspector.inspect('homeiq-data-api')).rejects.toThrow(`Docker API call "inspect" for homeiq-data-api at ${socket} did not answer within 200ms`);
    expect(performance.now() - started).toBeLessThan(2_200);
  });
});

describe('describeDockerEndpoint', () => {
  it('should name the unix socket, a TCP host, or the default socket', () => {
    expect(describeDockerEndpoint(new Docker({ socketPath: '/tmp/x/docker.sock' }))).toBe('/tmp/x/docker.sock');
    expect(describeDockerEndpoint(new Docker({ host: '127.0.0.1', port: 2375, protocol: 'http' }))).toBe('http://127.0.0.1:2375');
  });
});

describe('toContainerDetails', () => {
  it('should map inspect output, keep the last 5 health runs and mask secret env values', () => {
    const log = Array.from({ length: 7 }, (_, i) => ({ Start: `t${i}`, End: `t${i}`, ExitCode: i === 6 ? 1 : 0, Output: i === 6 ? 'wget: 503 Token abcdefghijkl\n' : 'ok' }));
    const details = toContainerDetails({
      Id: 'c0ffee',
      Name: '/pgtest-a_alpha_1',
      RestartCount: 2,
      Image: 'sha256:img',
      State: { Status: 'running', ExitCode: 0, StartedAt: '2026-11-23T00:00:00Z', Health: { Status: 'unhealthy', FailingStreak: 1, Log: log } },
      Config: { Image: 'phasegate-fixture-tiny:local', Labels: { 'com.docker.compose.service': 'alpha' }, Env: ['PORT=18101', 'API_TOKEN=fixture-secret-token-123', 'URL=http://user:pw@host/x'] },
    } as unknown as Docker.ContainerInspectInfo);
    expect(details).toMatchObject({
      id: 'c0ffee',
      name: 'pgtest-a_alpha_1',
      service: 'alpha',
      state: 'running',
      health: 'unhealthy',
      restartCount: 2,
      imageId: 'sha256:img',
      image: 'phasegate-fixture-tiny:local',
      lastHealthOutput: 'exit 1: wget: 503 Token ***',
      env: { PORT: '18101', API_TOKEN: '***', URL: 'http://user:***@host/x' },
    });
    expect(details.healthLog.map((h) => h.start)).toEqual(['t2', 't3', 't4', 't5', 't6']);
    expect(details).toMatchObject({ pid: 0, networkMode: '', security: { privileged: false, capAdd: [], user: '' }, mounts: [], publishedPorts: [] });
  });

  it('should map pid, network mode, privileges, capabilities, user, mounts and published ports', () => {
    const details = toContainerDetails({
      Id: 'c1', Name: '/homeiq-admin', RestartCount: 0, Image: 'sha256:img',
      State: { Status: 'running', ExitCode: 0, StartedAt: '2026-11-23T00:00:00Z', Pid: 4242 },
      Config: { Image: 'homeiq-admin-api:reference', Labels: {}, Env: [], User: 'app' },
      HostConfig: { NetworkMode: 'homeiq_default', Privileged: true, CapAdd: ['cap_net_admin', 'SYS_TIME'] },
      Mounts: [
        { Type: 'volume', Name: 'homeiq_sqlite-data', Source: '/var/lib/docker/volumes/homeiq_sqlite-data/_data', Destination: '/app/data', RW: true },
        { Type: 'bind', Source: '/var/run/docker.sock', Destination: '/var/run/docker.sock', RW: false },
      ],
      NetworkSettings: { Ports: { '8004/tcp': [{ HostIp: '127.0.0.1', HostPort: '8004' }, { HostIp: '', HostPort: '8005' }], '9000/tcp': null } },
    } as unknown as Docker.ContainerInspectInfo);
    expect(details).toMatchObject({
      pid: 4242,
      networkMode: 'homeiq_default',
      security: { privileged: true, capAdd: ['NET_ADMIN', 'SYS_TIME'], user: 'app' },
      mounts: [
        { type: 'volume', name: 'homeiq_sqlite-data', destination: '/app/data', readOnly: false },
        { type: 'bind', source: '/var/run/docker.sock', destination: '/var/run/docker.sock', readOnly: true },
      ],
      publishedPorts: [
        { containerPort: 8004, protocol: 'tcp', hostIp: '127.0.0.1', hostPort: 8004 },
        { containerPort: 8004, protocol: 'tcp', hostIp: '0.0.0.0', hostPort: 8005 },
      ],
    });
  });
});

describe('workingSetBytes: memory as `docker stats` shows it', () => {
  it('subtracts the inactive page cache (cgroup v2 inactive_file, v1 total_inactive_file), never below zero', () => {
    expect(workingSetBytes({ usage: 100_000_000, stats: { inactive_file: 30_000_000, active_file: 5_000_000 } })).toBe(70_000_000);
    expect(workingSetBytes({ usage: 100_000_000, stats: { total_inactive_file: 40_000_000 } })).toBe(60_000_000);
    expect(workingSetBytes({ usage: 10, stats: { inactive_file: 20 } })).toBe(10);
    expect(workingSetBytes({ usage: 5 })).toBe(5);
    expect(workingSetBytes(undefined)).toBe(0);
  });
});
