// RB-DP-1 "up -d starts in dependency order": every container started no earlier than the containers it depends on
// (compose depends_on, read by lib/inventory), judged from Docker's StartedAt (pure). 003's own order (L692-699)
// is older than the compose file (admin-api did not wait for data-api then, D6.7), so the compose graph decides.
import type { Inventory } from '../inventory/types.js';
import type { CheckResult } from './check-result.js';
import type { ContainerSnapshot } from './container-state-source.js';

/** Options of {@link checkStartOrder}. */
export interface StartOrderCheck {
  /** @default 'RB-DP-1' */
  readonly criterionId?: string;
  /** Only these services are judged. @default every service with a container */
  readonly services?: readonly string[];
}

/** Each dependency edge (service → dependency) where the dependency started later than the service. */
export function checkStartOrder(states: readonly Pick<ContainerSnapshot, 'service' | 'startedAt' | 'restartCount'>[], inventory: Pick<Inventory, 'services'>, check: StartOrderCheck = {}): CheckResult {
  const criterionId = check.criterionId ?? 'RB-DP-1';
  const base = { criterionId, title: 'containers started in dependency order', limit: 'StartedAt(dependency) ≤ StartedAt(service) for every depends_on edge' };
  const started = new Map(states.filter((s) => s.startedAt && !s.startedAt.startsWith('0001-')).map((s) => [s.service, s]));
  const scope = new Set(check.services ?? [...started.keys()]);
  const violations: string[] = [];
  const restarted: string[] = [];
  let edges = 0;
  for (const spec of inventory.services) {
    if (!scope.has(spec.name) || !started.has(spec.name)) continue;
    const self = started.get(spec.name)!;
    for (const dep of spec.dependsOn) {
      const other = started.get(dep.service);
      if (!other) continue;
      edges++;
      const lag = Date.parse(other.startedAt) - Date.parse(self.startedAt);
      if (lag <= 0) continue;
      // A dependency that restarted later has a newer StartedAt without having started out of order.
      if (other.restartCount > 0) restarted.push(`${dep.service} (RestartCount ${other.restartCount})`);
      else violations.push(`${spec.name} started ${(lag / 1000).toFixed(1)} s before its dependency ${dep.service} (${dep.condition})`);
    }
  }
  const restartNote = restarted.length ? `; not judged, restarted since: ${[...new Set(restarted)].join(', ')}` : '';
  if (edges === 0) return { ...base, status: 'skipped', measurement: 0, message: `no depends_on edge between started containers to judge${restartNote}` };
  if (violations.length === 0) return { ...base, status: 'passed', measurement: 0, message: `${edges} depends_on edge(s) between ${started.size} started containers kept in order${restartNote}` };
  return { ...base, status: 'failed', measurement: violations.length, message: `${violations.length} of ${edges} depends_on edge(s) out of order: ${violations.slice(0, 6).join('; ')}${violations.length > 6 ? ` (+${violations.length - 6} more)` : ''}${restartNote}. hint: was the service started with --no-deps, or recreated alone after \`up -d\`?` };
}
