// A separate process that rebuilds the scenario exactly as `phasegate rebuild` does (state file, Ctrl-C handling),
// so a test can send it a real SIGINT. Usage:
//   node --import tsx lib/rebuild/testing/rebuild-child.ts <project> <stateDir> <storePort> [--resume]
// Prints one JSON line {"status": …, "runId": …} and exits 0 (succeeded), 130 (interrupted) or 1.
import { ExitCode } from '../../common/exit-codes.js';
import { DockerodeContainerInspector } from '../../docker/dockerode-container-inspector.js';
import { interruptOnSignals } from '../../system/interrupt.js';
import { rebuildForPhase } from '../phase-rebuild.js';
import { FileRebuildStateStore } from '../state-store.js';
import { SCENARIO_PLAN, scenarioProject } from './scenario.js';

async function main(): Promise<number> {
  const [project, stateDir, storePort, flag] = process.argv.slice(2);
  if (!project || !stateDir || !storePort) throw new Error('usage: rebuild-child.ts <project> <stateDir> <storePort> [--resume]');
  const port = Number(storePort);
  const scenario = scenarioProject(project, { STORE_PORT: String(port), API_PORT: String(port + 1), UI_PORT: String(port + 2) });
  const interrupt = interruptOnSignals({ log: (l) => process.stderr.write(`${l}\n`), what: 'the rebuild' });
  try {
    const result = await rebuildForPhase({
      plan: SCENARIO_PLAN,
      inventory: scenario.inventory,
      compose: scenario.compose,
      inspector: new DockerodeContainerInspector(),
      project,
      store: new FileRebuildStateStore(project, stateDir),
      unfinished: flag === '--resume' ? 'resume' : 'refuse',
      readyTimeoutMs: 60_000,
      signal: interrupt.signal,
      tty: false,
    });
    process.stdout.write(`${JSON.stringify({ status: result.state.status, runId: result.state.runId })}\n`);
    return result.state.status === 'succeeded' ? ExitCode.Ok : result.state.status === 'interrupted' ? ExitCode.Interrupted : ExitCode.GateFailed;
  } finally {
    interrupt.dispose();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`rebuild-child: ${(error as Error).message}\n`);
    process.exit(2);
  },
);
