// The target's compose project as lib/inventory reads it, with the same files, env file and profiles the target was
// loaded with (on `live`: config compose.files/envFile/profiles; on reference: its compose file and the environment).
import { loadInventory, type Inventory } from '../../lib/inventory/index.js';
import { REFERENCE_COMPOSE_FILE } from '../../lib/stack/index.js';
import type { TargetDescription } from './target.js';

/** The parts of a target description its inventory is read from. */
export type InventorySource = Pick<TargetDescription, 'composeFiles' | 'composeEnvFile' | 'composeProfiles' | 'projectName'>;

/** The target's inventory; the shell environment wins over the env file, as in compose. */
export function targetInventory(t: InventorySource): Inventory {
  return loadInventory({
    files: t.composeFiles ?? [REFERENCE_COMPOSE_FILE],
    projectName: t.projectName,
    driver: 'v1',
    env: process.env,
    ...(t.composeEnvFile !== undefined ? { envFile: t.composeEnvFile } : {}),
    ...(t.composeProfiles !== undefined ? { profiles: t.composeProfiles } : {}),
  });
}
