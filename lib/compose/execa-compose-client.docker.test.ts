// Real docker compose against fixtures/compose/healthy.yml (ports 18111-18112 on 127.0.0.1, project pgtest-compose-*).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DockerodeContainerInspector } from '../docker/dockerode-container-inspector.js';
import { waitForHealthy } from '../docker/wait-healthy.js';
import { ComposeError, composeOrThrow } from './compose-error.js';
import { composeContainerName } from './container-name.js';
import { ExecaComposeClient } from './execa-compose-client.js';

const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures', 'compose');

describe('ExecaComposeClient with a real Docker daemon', { timeout: 120_000 }, () => {
  it('should build, start, list, restart and take down a project', async () => {
    const project = `pgtest-compose-${process.pid}`;
    const compose = new ExecaComposeClient({ projectName: project, files: ['healthy.yml'], cwd: FIXTURES, env: { ALPHA_PORT: '18111', BETA_PORT: '18112' }, defaultTimeoutMs: 90_000 });
    try {
      const driver = await compose.driver();
      expect(['v1', 'v2']).toContain(driver);
      await composeOrThrow(compose.build(['alpha', 'beta']));
      const up = await composeOrThrow(compose.up(['alpha', 'beta']));
      expect(up.command).toMatch(/ up -d alpha beta$/);

      const ps = await composeOrThrow(compose.ps());
      expect(ps.containers.map((c) => [c.service, c.name])).toEqual([
        ['alpha', composeContainerName({ project, service: 'alpha', driver })],
        ['beta', composeContainerName({ project, service: 'beta', driver })],
      ]);
      await waitForHealthy(new DockerodeContainerInspector(), ps.containers.map((c) => c.id), { timeoutMs: 30_000 });
      expect((await fetch('http://127.0.0.1:18111/health')).status).toBe(200);
      expect((await compose.ps()).containers.find((c) => c.service === 'alpha')?.health).toBe('healthy');

      expect((await compose.restart(['beta'], { timeoutMs: 30_000 })).exitCode).toBe(0);

      const bad = await compose.up(['no-such-service']);
      expect(bad.exitCode).not.toBe(0);
      expect(bad.stderrTail).toMatch(/no-such-service/);
      await expect(composeOrThrow(bad)).rejects.toBeInstanceOf(ComposeError);
    } finally {
      const down = await compose.down({ volumes: true });
      expect(down.exitCode).toBe(0);
    }
    expect((await compose.ps()).containers).toEqual([]);
  });
});
