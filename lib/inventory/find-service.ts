// Looks a service up by compose name or container name, with a "did you mean" for typos and plan aliases.
import { ConfigError } from '../common/index.js';
import { closestMatch } from './closest-match.js';
import type { Inventory, ServiceSpec } from './types.js';

/**
 * Returns the active service named `name` (compose service name, or its container name such as
 * `homeiq-websocket`). Throws a {@link ConfigError} with a suggestion when there is none, e.g.
 * `calendar-service` → `calendar`; a service disabled by profiles is reported as such.
 */
export function findService(inventory: Pick<Inventory, 'services' | 'files' | 'inactiveServices' | 'activeProfiles'>, name: string): ServiceSpec {
  const found = inventory.services.find((s) => s.name === name) ?? inventory.services.find((s) => s.containerName === name);
  if (found) return found;
  const files = inventory.files.join(', ');
  if (inventory.inactiveServices.includes(name)) {
    const profiles = inventory.activeProfiles.length === 0 ? 'none' : inventory.activeProfiles.join(', ');
    throw new ConfigError(`service "${name}" is disabled by profiles in ${files} (active profiles: ${profiles})`, {
      file: inventory.files[0],
      hint: 'add its profile to compose.profiles in the config',
    });
  }
  const candidates = [...inventory.services.map((s) => s.name), ...inventory.inactiveServices];
  const suggestion = closestMatch(name, candidates)
    ?? inventory.services.find((s) => s.containerName === closestMatch(name, inventory.services.map((c) => c.containerName)))?.name;
  throw new ConfigError(`unknown service "${name}" in ${files}`, {
    file: inventory.files[0],
    hint: suggestion ? `did you mean "${suggestion}"?` : `services: ${candidates.slice(0, 20).join(', ')}${candidates.length > 20 ? ', …' : ''}`,
  });
}
