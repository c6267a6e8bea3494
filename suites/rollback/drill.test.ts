// Rollback procedures (001 §Rollback Procedures, 004 §Rollback; criteria.md §A6 DEP-RB-*, §A10 RUN-RB-*, §B3), drilled
// for real by the setup hook (suites/_setup/rollback-drill.ts) on the reference stack: a verified pre-rollback backup,
// a deployment, the emergency/full rollback (recorded images, then the data volumes restored from the backup), and
// an automatic rollback of a deployment whose new admin-api never becomes healthy. The plans' own defects are
// recorded as choices: `:phase2-backup` never exists (D7.1), the emergency rollback's DB restore is a placeholder
// (D7.3), the tar restore extracts over existing data (D7.5).
import { describe, inject, it } from 'vitest';
import type { CheckResult } from '../../lib/checks/index.js';
import type { Contradiction } from '../../lib/reports/model.js';
import { gate } from '../_setup/gate.js';

const outcome = inject('rollbackDrill');

/** The hook's verdicts of one criterion; a missing one is an error of the run, never a pass. */
function drilled(criterionId: string): CheckResult[] {
  const found = outcome?.results[criterionId];
  if (found && found.length > 0) return found;
  return [{ criterionId, title: 'rollback drill step', status: 'failed', message: outcome === null || outcome === undefined
    ? `[${criterionId}] the rollback drill did not run (PHASEGATE_REBUILD=0 or not the rollback suite). hint: run \`npx vitest run suites/rollback\``
    : `[${criterionId}] the rollback drill recorded no verdict for this step. hint: see the [rollback] lines of the setup log` }];
}

const CHOICES: readonly Contradiction[] = [
  { id: 'D7.1', question: 'Which image does a rollback restore: `:phase2-backup` (001 L913, L1284, L1562) or the image recorded before the run?', choice: 'the image id recorded before the run, kept under `:pre-rebuild-<runId>`; `:phase2-backup` is never created by any plan', alternatives: ['`docker tag homeiq-<svc>:phase2-backup …:latest` (fails: No such image)'] },
  { id: 'D7.3', question: 'Does the emergency rollback restore the databases?', choice: 'yes: the full rollback\'s volume restore follows the image rollback (001 L1252-1257 leaves "(Add restore commands here)")', alternatives: ['images only'] },
  { id: 'D7.5', question: 'How is a volume restored?', choice: 'its owner stopped, the volume emptied, the archive (sha256 checked) extracted, the content fingerprint compared with the backup\'s', alternatives: ['`tar xzf` over the existing contents of a running volume (001 L1520-1529)'] },
];

describe('Rollback procedures — drilled on the reference stack', () => {
  it('DEP-RB-P3: pre-rollback backups available (newest influxdb_data / sqlite-data archives, checksums OK, restore-tested)', (ctx) => {
    ctx.task.meta.contradictions = [...inject('contradictions'), ...CHOICES];
    gate(ctx, ...drilled('DEP-RB-P3'));
  });
  it('DEP-RB-V1: after the emergency rollback the recorded images run again and every container is Up and healthy (readiness polled, no `sleep 120`)', (ctx) => gate(ctx, ...drilled('DEP-RB-V1')));
  it('DEP-RB-V3: after the full rollback :8006/health, :8001/health and :3000 answer (bodies judged) and the restored data equals the backup (`npm run validate` is HomeIQ\'s own script, not in the twin)', (ctx) => gate(ctx, ...drilled('DEP-RB-V3')));
  it('RUN-RB-1: a deployment whose new admin-api fails its health check is rolled back automatically', (ctx) => gate(ctx, ...drilled('RUN-RB-1')));
  it('RUN-RB-2: the automatic rollback is verified (images back, every service healthy again by its body) and tracked in the state file', (ctx) => gate(ctx, ...drilled('RUN-RB-2')));
});
