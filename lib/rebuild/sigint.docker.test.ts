// Real Ctrl-C: a `phasegate rebuild`-equivalent child process gets SIGINT on its process group mid-rebuild, then
// `--resume` completes it. bench/rebuild/interrupts.ts runs 20 such trials at random points; this test pins two points of the plan.
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
  // Points in the plan, not on the clock: counted from the child's own progress lines, so neither a slow node start on a
  // loaded runner (the signal before the handlers exist; the bench covers that case) nor a fast quiet machine (the whole
  // rebuild done in 6.5 s, before an 8 s signal) can move the signal out of the rebuild.
  it.each([
    { where: '1500 ms into the rebuild (first wave)', afterMs: 1_500, from: 'rebuild' as const },
    { where: 'as the last wave starts (wave 3/3)', afterMs: 0, from: { line: 'wave 3/3' } },
  ])('interrupted $where: stops resumable (exit 130), resumes to success, no orphans, volume identical', async ({ afterMs, from }) => {
    const { interrupted, resumed, audit } = await sigintTrial(scenario, afterMs, from);
    expect(interrupted.signalledAtMs, 'the signal was sent while the rebuild ran').toBeDefined();
    expect([interrupted.status, interrupted.exitCode], interrupted.stderrTail).toEqual(['interrupted', ExitCode.Interrupted]);
    expect(interrupted.stderrTail).toContain('[interrupt] SIGINT: stopping the rebuild after the current step');
    expect([resumed?.status, resumed?.exitCode], resumed?.stderrTail).toEqual(['succeeded', 0]);
    expect(audit).toEqual({ stateStatus: 'succeeded', orphanContainers: [], orphanTags: [], volumeSha256: scenario.volumeBefore });
  });
});
