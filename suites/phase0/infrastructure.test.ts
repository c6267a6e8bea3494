// Phase 0, Story 4: infrastructure prerequisites, measured from the Docker API and the host (the checks live in
// suites/_setup/phase0-infrastructure.ts; suites/selftest/infrastructure.test.ts proves each can fail).
import Docker from 'dockerode';
import { describe, it } from 'vitest';
import { checkInfrastructureReport, rollUp } from '../../lib/checks/index.js';
import type { InfrastructureEntry } from '../../lib/reports/infrastructure-report.js';
import { diagnosticsDir } from '../../lib/reports/phase0-artifacts.js';
import { gate, target } from '../_setup/gate.js';
import { readIfExists, writeInfrastructureReport } from '../_setup/phase0-evidence.js';
import { buildkit, composeVersion, daemonPing, engineVersion, infrastructureEntries, resources } from '../_setup/phase0-infrastructure.js';

const host = { docker: new Docker() };
// Story 4 as a whole (AC1a-d, AC2a-c, AC3c), measured once for the roll-up and the report.
let story4: Promise<InfrastructureEntry[]> | undefined;
const wholeStory = (): Promise<InfrastructureEntry[]> => (story4 ??= infrastructureEntries(host, target().repoRoot));

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
    gate(ctx, rollUp('P0-SC4', 'infrastructure validated (000 Story 4)', (await wholeStory()).map((e) => e.result)));
  });

  it('P0-S4-AC4: infrastructure_validation_report.md (every check, blockers, upgrade requirements, remediation plan)', async (ctx) => {
    const entries = await wholeStory();
    const file = await writeInfrastructureReport(diagnosticsDir('phase0'), entries, { where: `${target().kind} target, project ${target().projectName}` });
    gate(ctx, checkInfrastructureReport(file, readIfExists(file.path), { expectedIds: entries.map((e) => e.result.criterionId) }));
  });
});
