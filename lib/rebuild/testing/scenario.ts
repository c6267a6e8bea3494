// The three-service rebuild scenario (fixtures/compose/rebuild.yml: store ← api ← ui, a named volume on store) as
// data shared by the real-Docker tests, the SIGINT trials and their child process. Never the reference stack.
import { dirname, join } from 'node:path';
import { ExecaComposeClient } from '../../compose/execa-compose-client.js';
import { loadInventory } from '../../inventory/load-inventory.js';
import { definePlan } from '../../plans/define-plan.js';

export const SCENARIO_COMPOSE_FILE = join(import.meta.dirname, '..', '..', '..', 'fixtures', 'compose', 'rebuild.yml');
export const SCENARIO_SERVICES = ['store', 'api', 'ui'] as const;

/** One store → api → ui plan: three sequential rebuild steps. */
export const SCENARIO_PLAN = definePlan({
  id: 'scenario',
  title: 'scenario rebuild',
  source: 'test',
  steps: SCENARIO_SERVICES.map((service, i) => ({ id: `S${i + 1}`, title: service, action: 'rebuild' as const, services: [service], source: 't' })),
});

/** Host ports of one scenario project (127.0.0.1 only); each user picks its own range. */
export interface ScenarioPorts {
  readonly STORE_PORT: string;
  readonly API_PORT: string;
  readonly UI_PORT: string;
}

/** The compose client and inventory of a scenario project. */
export function scenarioProject(project: string, ports: ScenarioPorts) {
  const env = { ...ports };
  return {
    project,
    env,
    volume: `${project}_data`,
    compose: new ExecaComposeClient({ projectName: project, files: [SCENARIO_COMPOSE_FILE], cwd: dirname(SCENARIO_COMPOSE_FILE), driver: 'auto', env: { ...process.env, ...env } }),
    inventory: loadInventory({ files: [SCENARIO_COMPOSE_FILE], env, envFile: null, projectName: project, driver: 'v1' }),
  };
}
