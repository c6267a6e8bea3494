// Real Ctrl-C: a `phasegate rebuild`-equivalent child process gets SIGINT on its process group mid-rebuild, then
// `--resume` completes it. bench/rebuild/interrupts.ts runs 20 such trials at random points; this test pins two, counted from the rebuild's start.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExitCode } from '../common/exit-codes.js';
import { SigintScenario, sigintTrial } from './testing/sigint-trials.js';

const scenario = new SigintScenario(`pgtest-sigint-${process.pid}`, 18150);

beforeAll(async () => {
  await scenario.start();
}, 300_000);

afterAll(async () => {
  await scenario.close();
}, 180_000);

describe.sequential('SIGINT during a rebuild, then --resume', { timeout: 400_000 }, () => {
  // Counted from the child's first `[rebuild]` line, so a slow node start on a loaded runner cannot move the signal
  // before the handlers exist (the bench also covers that case).
  it.each([1_500, 8_000])('interrupted %i ms into the rebuild: stops resumable (exit 130), resumes to success, no orphans, volume identical', async (afterMs) => {
    const { interrupted, resumed, audit } = await sigintTrial(scenario, afterMs, 'rebuild');
    expect(interrupted.signalledAtMs, 'the signal was sent while the rebuild ran').toBeDefined();
    expect([interrupted.status, interrupted.exitCode], interrupted.stderrTail).toEqual(['interrupted', ExitCode.Interrupted]);
    expect(interrupted.stderrTail).toContain('[interrupt] SIGINT: stopping the rebuild after the current step');
    expect([resumed?.status, resumed?.exitCode], resumed?.stderrTail).toEqual(['succeeded', 0]);
    expect(audit).toEqual({ stateStatus: 'succeeded', orphanContainers: [], orphanTags: [], volumeSha256: scenario.volumeBefore });
  });
});
