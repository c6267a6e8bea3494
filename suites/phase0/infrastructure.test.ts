// Phase 0, Story 4: infrastructure prerequisites, measured from the Docker API and the host (the checks live in
// suites/_setup/phase0-infrastructure.ts; suites/selftest/infrastructure.test.ts proves each can fail).
import Docker from 'dockerode';
import { describe, it } from 'vitest';
import { FRONTEND_APPS, scanRepo } from '../../lib/audit/index.js';
import { checkDockerBaseImage, rollUp } from '../../lib/checks/index.js';
import { gate, target } from '../_setup/gate.js';
import { buildkit, composeVersion, daemonPing, engineVersion, hostChecks, resources } from '../_setup/phase0-infrastructure.js';

const host = { docker: new Docker() };

describe('Phase 0 — infrastructure (000 Story 4)', () => {
  it('P0-S4-AC1a: Docker Engine >= 20.10', async (ctx) => {
    gate(ctx, await engineVersion(host));
  });

  it('P0-S4-AC1b: Docker Compose >= v2.0', async (ctx) => {
    gate(ctx, await composeVersion(host));
  });

  it('P0-S4-AC1c: BuildKit enabled and functional (docker buildx version, buildx ls)', async (ctx) => {
    gate(ctx, await buildkit(host));
  });

  it('P0-S4-AC1d: Docker daemon responsive (/_ping)', async (ctx) => {
    gate(ctx, await daemonPing(host));
  });

  it('P0-S4-AC2a / P0-S4-AC2b / P0-S4-AC2c: memory >= 16 GB, free disk >= 50 GB, CPU cores >= 4', async (ctx) => {
    gate(ctx, ...(await resources(host)));
  });

  it('P0-SC4: infrastructure validated and ready (every automatable Story 4 check passes)', async (ctx) => {
    // Story 4's automatable checks: AC1a-d, AC2a-c and AC3c (Node >= 18 in the frontends' Dockerfiles, as versions.test.ts).
    const node = checkDockerBaseImage(scanRepo(target().repoRoot), 'P0-S4-AC3c', { services: FRONTEND_APPS, image: 'node', minimum: '18', hint: 'Vite 6 needs Node 18+ (000 L338)' });
    const parts = [...(await hostChecks(host)), node];
    gate(ctx, rollUp('P0-SC4', 'infrastructure validated (000 Story 4)', parts));
  });
});
