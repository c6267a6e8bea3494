// Phase 1 "Next steps" (002 L822-828) decided from this run: the sequencer runs this file after every other Phase 1
// file (lib/vitest/rollups-last.ts) and each test reads what the others recorded (lib/reports/run-test-log.ts).
// A success criterion this run did not decide (filtered out, "not yet provable", no baseline) leaves the roll-up
// "not decided" — skipped with the reason, never passed.
import { describe, inject, it } from 'vitest';
import { checkContainersHealthy, checkCriteriaRollup, checkNoRestarts, checkPhaseTagged, checkRunWithoutFailures, checkValidationReport, phaseTagBlocker } from '../../lib/checks/index.js';
import { DockerodeContainerInspector } from '../../lib/docker/index.js';
import { probeReportReadiness } from '../../lib/reports/report-readiness.js';
import { tagAndVerify } from '../../lib/rebuild/phase-tag.js';
import { readTestRecords } from '../../lib/reports/run-test-log.js';
import { gate, target } from '../_setup/gate.js';

const t = target();
const inspector = new DockerodeContainerInspector();
/** 002 L32-38: the Phase 1 success criteria. */
const SUCCESS_CRITERIA = ['P1-SC1', 'P1-SC2', 'P1-SC3', 'P1-SC4', 'P1-SC5', 'P1-SC6', 'P1-SC7'];
const DAY_MS = 24 * 3_600_000;

describe('Phase 1 — next steps (roll-ups of this run, run last)', () => {
  it('P1-NEXT1: all Phase 1 success criteria (P1-SC1 … P1-SC7) met in this run', (ctx) => {
    gate(ctx, checkCriteriaRollup(readTestRecords(inject('testLog')), { criterionId: 'P1-NEXT1', title: 'all Phase 1 success criteria', constituents: SUCCESS_CRITERIA }));
  });

  it('P1-NEXT3: all services stable before Phase 2 — healthy now, P1-SC1/P1-SC5 passed in this run, no restart for 24 h', async (ctx) => {
    const now = await inspector.listProject(t.projectName);
    const services = t.initialContainers.map((c) => c.service);
    const extra = [
      checkContainersHealthy(now, { criterionId: 'P1-NEXT3', expected: t.services }),
      checkNoRestarts(t.initialContainers, now, { criterionId: 'P1-NEXT3', services, requiredWindowMs: DAY_MS, observedWindowMs: Date.now() - t.initialSampledAt }),
    ];
    gate(ctx, checkCriteriaRollup(readTestRecords(inject('testLog')), { criterionId: 'P1-NEXT3', title: 'all services stable for 24 h before Phase 2', constituents: ['P1-SC1', 'P1-SC5'], extra }));
  });

  it('P1-S11-T10: the validation report will be generated — phase reporter active, reports/phase1 writable, this run\'s results render in every format', (ctx) => {
    const readiness = probeReportReadiness({ writer: inject('reportWriter'), phase: 'phase1', records: readTestRecords(inject('testLog')), startedAt: inject('runStartedAt'), now: new Date() });
    gate(ctx, checkValidationReport(readiness));
  });

  // Last: it tags only after every other test of this run finished without a failure.
  it('P1-DOC6: the rebuilt images are tagged :phase1-complete after a run without failures, each tag resolving to the running image', async (ctx) => {
    const rebuild = inject('rebuild');
    const rebuilt = Object.entries(rebuild?.state.services ?? {}).filter(([, p]) => p.action === 'rebuild').map(([service]) => service);
    const precondition = checkRunWithoutFailures(readTestRecords(inject('testLog')), { criterionId: 'P1-DOC6', exclude: ['P1-DOC6'] });
    const blocked = phaseTagBlocker(inject('phaseTagging'), precondition, rebuilt);
    if (blocked) return gate(ctx, blocked);
    gate(ctx, checkPhaseTagged(await tagAndVerify(await inspector.listProject(t.projectName), rebuilt, inspector, 'phase1-complete')));
  });
});
