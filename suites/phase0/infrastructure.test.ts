// Phase 0, Story 4: infrastructure prerequisites, measured from the Docker API and the host (the checks live in
// suites/_setup/phase0-infrastructure.ts; suites/selftest/infrastructure.test.ts proves each can fail).
import Docker from 'dockerode';
import { describe, it } from 'vitest';
import { checkInfrastructureReport, rollUp, type CheckResult } from '../../lib/checks/index.js';
import type { InfrastructureEntry } from '../../lib/reports/infrastructure-report.js';
import { diagnosticsDir } from '../../lib/reports/phase0-artifacts.js';
import { gate, target } from '../_setup/gate.js';
import { readIfExists, writeInfrastructureReport } from '../_setup/phase0-evidence.js';
import { infrastructureEntries } from '../_setup/phase0-infrastructure.js';

const host = { docker: new Docker() };
// Story 4 as a whole (AC1a-d, AC2a-c, AC3c), measured once: each criterion's test, the roll-up and the report read it.
let story4: Promise<InfrastructureEntry[]> | undefined;
const wholeStory = (): Promise<InfrastructureEntry[]> => (story4 ??= infrastructureEntries(host, target().repoRoot));
/** The results of `ids` from that one measurement (every one must be there). */
async function results(...ids: string[]): Promise<CheckResult[]> {
  const found = (await wholeStory()).map((e) => e.result).filter((r) => ids.includes(r.criterionId));
  if (found.length !== ids.length) throw new Error(`Story 4 measured ${found.map((r) => r.criterionId).join(', ') || 'nothing'} of ${ids.join(', ')}`);
  return found;
}

describe('Phase 0 — infrastructure (000 Story 4)', () => {
  it('P0-S4-AC1a: Docker Engine >= 20.10', async (ctx) => {
    gate(ctx, ...(await results('P0-S4-AC1a')));
  });

  it('P0-S4-AC1b: Docker Compose >= v2.0', async (ctx) => {
    gate(ctx, ...(await results('P0-S4-AC1b')));
  });

  it('P0-S4-AC1c: BuildKit enabled and functional (docker buildx version, buildx ls)', async (ctx) => {
    gate(ctx, ...(await results('P0-S4-AC1c')));
  });

  it('P0-S4-AC1d: Docker daemon responsive (/_ping)', async (ctx) => {
    gate(ctx, ...(await results('P0-S4-AC1d')));
  });

  it('P0-S4-AC2a / P0-S4-AC2b / P0-S4-AC2c: memory >= 16 GB, free disk >= 50 GB, CPU cores >= 4', async (ctx) => {
    gate(ctx, ...(await results('P0-S4-AC2a', 'P0-S4-AC2b', 'P0-S4-AC2c')));
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
