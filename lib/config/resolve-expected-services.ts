// The service set a gate expects: derived from compose + profiles, or pinned in the config (contradiction D1.1).
import { findService } from '../inventory/index.js';
import type { Inventory } from '../inventory/index.js';
import type { ResolvedPhasegateConfig } from './schema.js';

/** The expected services and where the list came from. */
export interface ExpectedServices {
  readonly names: readonly string[];
  readonly source: 'compose-profiles' | 'pinned';
}

/**
 * Returns the expected services: the inventory's active services minus those marked `optional`, or the pinned
 * list (each name must exist in the inventory; unknown names fail with a "did you mean").
 */
export function resolveExpectedServices(config: Pick<ResolvedPhasegateConfig, 'contradictions' | 'expectedServices' | 'services'>, inventory: Inventory): ExpectedServices {
  if (config.contradictions['D1.1'] === 'pinned' && config.expectedServices) {
    return { names: config.expectedServices.map((name) => findService(inventory, name).name), source: 'pinned' };
  }
  const names = inventory.services.map((s) => s.name).filter((name) => config.services[name]?.optional !== true);
  return { names, source: 'compose-profiles' };
}
