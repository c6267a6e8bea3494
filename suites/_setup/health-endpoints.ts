// Where each service of the target says how it is, and what its body must say (homeiq-facts.md §3, criteria.md
// D3.1/D3.4): the URL comes from the service's own compose healthcheck (lib/inventory healthUrl), so per-service
// paths such as `/api/v1/health` or `/_stcore/health` are followed rather than assumed to be `/health`.
import { checkHealthSweep, type BodyRule, type CheckResult } from '../../lib/checks/index.js';
import { healthUrl } from '../../lib/inventory/index.js';
import type { TargetDescription } from './target.js';
import { targetInventory, type InventorySource } from './target-inventory.js';

/** Services whose health answer is a page or a stand-in, not a HomeIQ health document: any 2xx. */
const PAGE_SERVICES = new Set(['jaeger', 'health-dashboard', 'ai-automation-ui', 'ha-simulator', 'observability-dashboard']);

/** The body rule for one service: InfluxDB says `pass`, pages answer 2xx, every FastAPI service says `healthy`. */
export function healthRuleOf(service: string, path: string): BodyRule {
  if (service === 'influxdb') return { field: 'status', equals: 'pass' };
  if (PAGE_SERVICES.has(service) || path === '/') return { any: true };
  return { field: 'status', equals: 'healthy' };
}

/**
 * Health URL and body rule of every target service. The config's `services.<name>.healthPath/bodyRule` win; else
 * the path of the service's compose healthcheck; else `/health` on its host port.
 */
export function healthEndpoints(t: InventorySource & Pick<TargetDescription, 'services' | 'urls' | 'healthOverrides'>): Array<{ service: string; url: string; rule: BodyRule }> {
  const inventory = targetInventory(t);
  return t.services.flatMap((service) => {
    const override = t.healthOverrides?.[service] ?? {};
    const spec = inventory.services.find((s) => s.name === service);
    const guess = spec ? healthUrl(spec) : null;
    const base = t.urls[service];
    if (override.healthPath !== undefined && base !== undefined) {
      return [{ service, url: `${base}${override.healthPath}`, rule: override.bodyRule ?? healthRuleOf(service, override.healthPath) }];
    }
    if (!guess && base === undefined) return [];
    const path = guess?.path ?? '/health';
    return [{ service, url: guess?.url ?? `${base}${path}`, rule: override.bodyRule ?? healthRuleOf(service, path) }];
  });
}

/**
 * One body-judged health probe per target service through the bounded sweep (16 in flight, each request bounded
 * at 5 s and cut at 7 s; `bench/health-sweep/sweep.ts` measures it).
 */
export async function checkEveryServiceHealth(t: TargetDescription, criterionId: string, options: { readonly latencyBudgetMs?: number } = {}): Promise<CheckResult[]> {
  return (await checkHealthSweep(healthEndpoints(t), { criterionId, ...options })).results;
}
