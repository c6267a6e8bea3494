// Topological start order of the active services, in waves that can start in parallel.
import { ConfigError } from '../common/index.js';
import type { Inventory } from './types.js';

/**
 * Returns the services in dependency waves: wave 0 depends on nothing, wave n only on earlier waves. Names are
 * sorted within a wave. Dependencies on services that are not active are ignored (they are inventory anomalies).
 * A cycle is a {@link ConfigError} listing the cycle path.
 */
export function dependencyOrder(inventory: Pick<Inventory, 'services' | 'files'>): string[][] {
  const active = new Map(inventory.services.map((s) => [s.name, s]));
  const pending = new Map<string, Set<string>>();
  for (const service of inventory.services) {
    pending.set(service.name, new Set(service.dependsOn.map((d) => d.service).filter((name) => active.has(name))));
  }
  const waves: string[][] = [];
  while (pending.size > 0) {
    const ready = [...pending.entries()].filter(([, deps]) => deps.size === 0).map(([name]) => name).sort();
    if (ready.length === 0) {
      const cycle = findCycle(pending);
      const first = active.get(cycle[0] ?? '');
      const where = first ? `${first.source.file}:${first.source.line}: ` : '';
      throw new ConfigError(`${where}depends_on cycle: ${cycle.join(' → ')}`, {
        file: first?.source.file,
        path: first ? `services.${first.name}.depends_on` : undefined,
        hint: 'compose cannot start services that wait for each other; remove one depends_on link of the cycle',
      });
    }
    waves.push(ready);
    for (const name of ready) pending.delete(name);
    for (const deps of pending.values()) for (const name of ready) deps.delete(name);
  }
  return waves;
}

function findCycle(graph: ReadonlyMap<string, ReadonlySet<string>>): string[] {
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (name: string): string[] | undefined => {
    state.set(name, 'visiting');
    stack.push(name);
    for (const dep of [...(graph.get(name) ?? [])].sort()) {
      if (state.get(dep) === 'visiting') return [...stack.slice(stack.indexOf(dep)), dep];
      if (state.get(dep) === undefined && graph.has(dep)) {
        const found = visit(dep);
        if (found) return found;
      }
    }
    stack.pop();
    state.set(name, 'done');
    return undefined;
  };
  for (const name of [...graph.keys()].sort()) {
    if (state.get(name) === undefined) {
      const found = visit(name);
      if (found) return found;
    }
  }
  return [];
}
