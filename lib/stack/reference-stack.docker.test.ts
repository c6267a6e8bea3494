// Real Docker: ReferenceStack on the scenario compose files (never the reference stack itself: its ports are in use).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';
import { DockerodeContainerInspector } from '../docker/dockerode-container-inspector.js';
import { ReferenceStack } from './reference-stack.js';

const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures', 'compose');
const stampDir = mkdtempSync(join(tmpdir(), 'pg-stamp-docker-'));
afterAll(() => rmSync(stampDir, { recursive: true, force: true }));

describe.sequential('ReferenceStack with a real Docker daemon', { timeout: 150_000 }, () => {
  it('should start a scenario, serve URLs and fault knobs, skip an unchanged build and dispose', async () => {
    const lines: string[] = [];
    let prepared = 0;
    const options = {
      composeFile: join(FIXTURES, 'healthy.yml'),
      projectName: `pgtest-stack-${process.pid}`,
      services: ['alpha', 'beta'],
      env: { ALPHA_PORT: '18131', BETA_PORT: '18132' },
      startupTimeoutMs: 90_000,
      stampDir,
      log: (line: string) => lines.push(line),
      prepare: async () => {
        prepared += 1;
      },
    };
    {
      await using started = await new ReferenceStack(options).up();
      expect(prepared).toBe(1);
      expect(started.url('alpha')).toBe('http://127.0.0.1:18131');
      expect((await fetch(`${started.url('beta')}/health`)).status).toBe(200);
      const knobs = started.faults('alpha');
      await expect(knobs.merge({ healthHttpStatus: 503 })).resolves.toEqual({ healthHttpStatus: 503 });
      expect((await fetch(`${started.url('alpha')}/health`)).status).toBe(503);
      await expect(knobs.clear()).resolves.toEqual({});
      expect((await started.containers()).map((c) => `${c.service}:${c.health}`)).toEqual(['alpha:healthy', 'beta:none']);

      const again = await new ReferenceStack(options).up();
      expect(again.projectName).toBe(options.projectName);
      expect(lines.filter((l) => /build skipped/.test(l))).toHaveLength(1);
    }
    expect(await new DockerodeContainerInspector().listProject(options.projectName)).toEqual([]);
  });

  it('should take the project down and rethrow when a service never gets healthy', async () => {
    const projectName = `pgtest-stackfail-${process.pid}`;
    const stack = new ReferenceStack({ composeFile: join(FIXTURES, 'unhealthy.yml'), projectName, services: ['sick'], env: { SICK_PORT: '18142' }, startupTimeoutMs: 60_000, stampDir, log: () => {}, prepare: async () => {} });
    await expect(stack.up()).rejects.toMatchObject({ name: 'ContainerStartError', code: 'PHASEGATE_STACK_FAILED' });
    expect(await new DockerodeContainerInspector().listProject(projectName)).toEqual([]);
  });

  it('should leave no container, network or volume of the project behind after down', async () => {
    const projectName = `pgtest-stackdown-${process.pid}`;
    const stack = new ReferenceStack({
      composeFile: join(FIXTURES, 'rebuild.yml'),
      projectName,
      services: ['store', 'api'],
      env: { STORE_PORT: '18147', API_PORT: '18148' },
      startupTimeoutMs: 120_000,
      stampDir,
      log: () => {},
      prepare: async () => {},
    });
    const started = await stack.up();
    const labelled = async (kind: 'ps' | 'network' | 'volume') => {
      const args = kind === 'ps' ? ['ps', '-a'] : [kind, 'ls'];
      const { stdout } = await execa('docker', [...args, '--filter', `label=com.docker.compose.project=${projectName}`, '--format', kind === 'ps' ? '{{.Names}}' : '{{.Name}}']);
      return stdout.split('\n').filter(Boolean);
    };
    expect(await labelled('ps')).toHaveLength(2);
    expect(await labelled('volume')).toEqual([`${projectName}_data`]);
    await started.down();
    expect(await labelled('ps')).toEqual([]);
    expect(await labelled('volume')).toEqual([]);
    expect(await labelled('network')).toEqual([]);
  });
});
