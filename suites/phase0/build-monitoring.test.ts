// Phase 0, Story 5: build environment and monitoring. The BuildKit variables of the environment the gate and its
// rebuilds run with (P0-S5-AC1a-c), the rebuild log tree phasegate lays out under reports/logs/ (P0-S5-AC2ab), the
// containers' log rotation (P0-S5-AC2c), and phasegate's own monitors (000 L481-513: health, resources, error
// aggregation) run once here and captured into that tree (P0-S5-AC4ab).
import { join } from 'node:path';
import Docker from 'dockerode';
import { describe, it } from 'vitest';
import { checkBuildEnv, checkEvidenceFiles, checkLogRotation, checkNoErrorLogs, checkRebuildLogLayout, statEvidence } from '../../lib/checks/index.js';
import { DockerodeContainerInspector } from '../../lib/docker/index.js';
import { createRebuildLogLayout, readRebuildLogLayout, rebuildLogDate, rebuildLogsRoot, writeEvidence } from '../../lib/reports/phase0-artifacts.js';
import { gate, target } from '../_setup/gate.js';

const t = target();
const docker = new Docker();
const inspector = new DockerodeContainerInspector();
const root = rebuildLogsRoot();
const date = rebuildLogDate(new Date());

describe('Phase 0 — build environment and monitoring (000 Story 5)', () => {
  it('P0-S5-AC1a-c: DOCKER_BUILDKIT=1, BUILDKIT_PROGRESS=plain, COMPOSE_DOCKER_CLI_BUILD=1 in the gate\'s environment', (ctx) => {
    gate(ctx, ...checkBuildEnv(process.env));
  });

  it('P0-S5-AC2ab: logs/rebuild_<date>/{phase0..4,deployment}/{build,test,health,errors} and current_rebuild', (ctx) => {
    createRebuildLogLayout(root, date);
    gate(ctx, checkRebuildLogLayout(readRebuildLogLayout(root, date)));
  });

  it('P0-S5-AC2c: log rotation configured on every container (json-file max-size <= 10m, max-file <= 3)', async (ctx) => {
    const states = await inspector.listProject(t.projectName);
    const entries = await Promise.all(states.map(async (s) => ({ service: s.service, name: s.name, logConfig: (await docker.getContainer(s.id).inspect()).HostConfig.LogConfig as { Type?: string; Config?: Record<string, string> } | undefined })));
    gate(ctx, checkLogRotation(entries.map((e) => ({ service: e.service, name: e.name, ...(e.logConfig ? { logConfig: e.logConfig } : {}) }))));
  });

  it('P0-S5-AC4ab: health, resource and error monitors run and capture their logs (written < 5 min ago)', async (ctx) => {
    const run = createRebuildLogLayout(root, date);
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const states = await inspector.listProject(t.projectName);
    const health = writeEvidence(join(run, 'phase0', 'health'), `health_${stamp}.log`, states.map((s) => `${new Date().toISOString()} ${s.service} ${s.name} ${s.state}/${s.health} restarts=${s.restartCount}\n`).join(''));
    const memory = await Promise.all(states.filter((s) => s.state === 'running').map(async (s) => `${new Date().toISOString()} ${s.service} memory ${await inspector.stats(s.id).then((m) => `${m.memoryUsageBytes} / ${m.memoryLimitBytes} bytes`, (e: unknown) => `unreadable: ${e instanceof Error ? e.message : String(e)}`)}\n`));
    const resources = writeEvidence(join(run, 'phase0', 'health'), `resources_${stamp}.log`, memory.join(''));
    const scan = await checkNoErrorLogs(inspector, states, { criterionId: 'P0-S5-AC4ab', services: states.map((s) => s.service), tail: 100 });
    const errors = writeEvidence(join(run, 'phase0', 'errors'), `errors_${stamp}.log`, `${new Date().toISOString()} error aggregation over the last 100 lines of ${states.length} containers: ${scan.status}: ${scan.message}\n`);
    gate(ctx, checkEvidenceFiles(statEvidence([health, resources, errors]), { criterionId: 'P0-S5-AC4ab', what: 'monitor logs (health, resources, errors)', maxAgeMs: 300_000 }));
  });
});
