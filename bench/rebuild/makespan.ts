// Phase 1 rebuild makespan on the reference stack vs (a) the critical-path lower bound and (b) the plan's own
// fixed-sleep procedure with the same builds — all three from ONE run's measured step times (noisy machine: ratios).
// Run: npx tsx bench/rebuild/makespan.ts   (needs Docker; starts the core reference stack when it is not running
// and takes it down again; 3-6 minutes on 2 cores)
import { loadInventory } from '../../lib/inventory/load-inventory.js';
import { PHASE1_PLAN } from '../../lib/plans/phase1.js';
import { resolvePlan } from '../../lib/plans/resolve-plan.js';
import { rebuildForPhase } from '../../lib/rebuild/phase-rebuild.js';
import { fixedSleepReplayMs } from '../../lib/rebuild/replay.js';
import { backupTags } from '../../lib/rebuild/state.js';
import { MemoryRebuildStateStore } from '../../lib/rebuild/state-store.js';
import { CORE_SERVICES, REFERENCE_COMPOSE_FILE, ReferenceStack, type StartedReferenceStack } from '../../lib/stack/index.js';

const stack = new ReferenceStack({ services: 'core', progress: (line) => process.stderr.write(`${line}\n`) });
let started: StartedReferenceStack;
let ownStack = false;
try {
  started = await stack.attach();
} catch {
  started = await stack.up();
  ownStack = true;
}
try {
  const inventory = loadInventory({ files: [REFERENCE_COMPOSE_FILE], projectName: started.projectName, driver: await started.compose.driver() });
  const result = await rebuildForPhase({
    plan: PHASE1_PLAN,
    inventory,
    targetServices: CORE_SERVICES,
    compose: started.compose,
    inspector: started.inspector,
    project: started.projectName,
    store: new MemoryRebuildStateStore(),
  });
  if (result.state.status !== 'succeeded') throw new Error(`the rebuild did not succeed: ${result.state.status} ${result.state.failure?.message ?? ''}`);
  for (const tag of backupTags(result.state)) await started.inspector.untagImage(tag);
  const resolved = resolvePlan(PHASE1_PLAN, inventory, { targetServices: CORE_SERVICES });
  const replayMs = fixedSleepReplayMs(resolved.steps, result.state.timeline);
  const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  const services = Object.keys(result.state.services).length;
  console.log(`Phase 1 rebuild on the reference stack (core): ${result.state.waves.length} waves, ${services} services, cores ${(await import('node:os')).availableParallelism()}`);
  console.log(`  phasegate makespan              ${s(result.makespanMs)}`);
  console.log(`  critical-path lower bound       ${s(result.criticalPathMs)}   makespan / bound = ${(result.makespanMs / result.criticalPathMs).toFixed(2)}x (goal <= 1.2x)`);
  console.log(`  plan's fixed-sleep procedure    ${s(replayMs)}   replay / makespan = ${(replayMs / result.makespanMs).toFixed(2)}x faster (goal >= 3x)`);
  console.log('  (bound and replay use this run\'s measured build/recreate/ready times; the replay adds the plan\'s sleeps instead of health waits)');
} finally {
  if (ownStack) await started.down();
}
