import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TimeoutError } from '../common/errors.js';
import { DockerodeContainerInspector, toContainerDetails } from './dockerode-container-inspector.js';

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
    const inspector = new DockerodeContainerInspector(new Docker({ socketPath: join(dir, 'docker.sock') }), { callTimeoutMs: 200 });
    const started = performance.now();
    const error = (await inspector.ping().catch((e: unknown) => e)) as TimeoutError;
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error.message).toBe(
      'Docker API call "ping" for daemon did not answer within 200ms\nhint: is the Docker daemon hung or overloaded? check `docker info`; `phasegate doctor` checks the socket',
    );
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('should bound inspect and name the container', async () => {
    const inspector = new DockerodeContainerInspector(new Docker({ socketPath: join(dir, 'docker.sock') }), { callTimeoutMs: 100 });
    await expect(inspector.inspect('homeiq-data-api')).rejects.toThrow('Docker API call "inspect" for homeiq-data-api did not answer within 100ms');
  });

  it('should report a missing daemon socket as a prerequisite', async () => {
    const inspector = new DockerodeContainerInspector(new Docker({ socketPath: join(dir, 'absent.sock') }), { callTimeoutMs: 1_000 });
    await expect(inspector.ping()).rejects.toMatchObject({
      code: 'PHASEGATE_PREREQUISITE_MISSING',
      shortMessage: 'Docker daemon is not reachable (ping daemon): ENOENT',
    });
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
  });
});
