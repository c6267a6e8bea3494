// Ctrl-C trials (issue 8: ≥ 10, issue 12: ≥ 20): SIGINT to a rebuild's process group at random moments, then
// `--resume`; counts runs resumed to success, orphan containers and tags, and volumes changed.
//   npx tsx bench/rebuild/interrupts.ts [trials=20] [seed=1]
// Uses fixtures/compose/rebuild.yml on ports 18153-18155 (never the reference stack); takes ~1 min per trial.
import { createSeededRandom } from '../../lib/stats/seeded-random.js';
import { SigintScenario, sigintTrial } from '../../lib/rebuild/testing/sigint-trials.js';

const trials = Number(process.argv[2] ?? 20);
const random = createSeededRandom(Number(process.argv[3] ?? 1));
const scenario = new SigintScenario(`pgbench-sigint-${process.pid}`, 18153);
const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

try {
  await scenario.start();
  const clean = await scenario.run();
  if (clean.status !== 'succeeded') throw new Error(`an uninterrupted rebuild did not succeed: ${clean.stderrTail}`);
  console.log(`uninterrupted rebuild of store → api → ui: ${s(clean.durationMs)}; SIGINT points drawn uniformly from 3% to 97% of it`);
  console.log('trial | SIGINT at | first run ends   | resume ends | containers | tags | volume');
  let resumedOk = 0;
  let orphanContainers = 0;
  let orphanTags = 0;
  let volumeChanged = 0;
  let interruptedCount = 0;
  // SIGINT before node has installed the handler kills it with nothing written: the resume then starts afresh.
  let killedAtStart = 0;
  for (let i = 1; i <= trials; i++) {
    const at = Math.round(clean.durationMs * (0.03 + 0.94 * random()));
    const { interrupted, resumed, audit } = await sigintTrial(scenario, at);
    if (interrupted.status === 'interrupted') interruptedCount++;
    if (interrupted.status === undefined) killedAtStart++;
    const ok = audit.stateStatus === 'succeeded' && (resumed === undefined || resumed.status === 'succeeded');
    if (ok) resumedOk++;
    orphanContainers += audit.orphanContainers.length;
    orphanTags += audit.orphanTags.length;
    if (audit.volumeSha256 !== scenario.volumeBefore) volumeChanged++;
    console.log(
      `${String(i).padStart(5)} | ${s(at).padStart(9)} | ${(interrupted.status === undefined ? 'killed at start' : `${interrupted.status} (${interrupted.exitCode})`).padEnd(16)} | ${(resumed ? `${resumed.status} (${resumed.exitCode})` : '—').padEnd(11)} | ` +
        `${audit.orphanContainers.length === 0 ? 'ok' : audit.orphanContainers.join(', ')} | ${audit.orphanTags.length === 0 ? 'ok' : audit.orphanTags.join(', ')} | ${audit.volumeSha256 === scenario.volumeBefore ? 'identical' : 'CHANGED'}`,
    );
    if (!ok) console.log(`        first run: ${interrupted.stderrTail.replace(/\n/g, '\n        ')}\n        resume: ${resumed?.stderrTail.replace(/\n/g, '\n        ') ?? ''}`);
  }
  console.log(`\n${trials} SIGINT trials (${interruptedCount} stopped mid-run, ${killedAtStart} killed while starting, ${trials - interruptedCount - killedAtStart} after the last step): ${resumedOk}/${trials} completed, ${orphanContainers} orphan containers, ${orphanTags} orphan tags, ${volumeChanged} volumes changed`);
} finally {
  await scenario.close();
}
