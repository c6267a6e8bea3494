// DEP-0's continuous availability probe around the setup hook's rebuild: started before the first step, fed the
// rebuild's progress events (recreate windows), stopped after the last; the record reaches the tests by provide/inject.
import { AvailabilityProbe, type AvailabilityTarget } from '../../lib/probes/availability-probe.js';

/**
 * Where each HomeIQ service answers 2xx when it is up (homeiq-facts.md §3; the reference compose HEALTH_PATH): UIs and
 * Jaeger at `/`, Streamlit at its own path, device-intelligence at `/health/`, the rest at `/health`.
 */
export function healthPath(service: string): string {
  if (['jaeger', 'health-dashboard', 'ai-automation-ui'].includes(service)) return '/';
  if (service === 'observability-dashboard') return '/_stcore/health';
  if (service === 'device-intelligence-service') return '/health/';
  return '/health';
}

/** One probe target per service of the gate's target that has a URL. */
export function availabilityTargets(services: readonly string[], urls: Readonly<Record<string, string>>): AvailabilityTarget[] {
  return services.flatMap((service) => (urls[service] ? [{ service, url: `${urls[service]}${healthPath(service)}` }] : []));
}

/** Starts a probe of every target service (500 ms interval, 2 s bound per request). */
export function startAvailabilityProbe(services: readonly string[], urls: Readonly<Record<string, string>>, log: (line: string) => void): AvailabilityProbe {
  const targets = availabilityTargets(services, urls);
  log(`[availability] probing ${targets.length} services every 500 ms during the rollout (DEP-0)`);
  return new AvailabilityProbe({ targets, intervalMs: 500, timeoutMs: 2_000 }).start();
}
