// DEP-0's continuous availability probe around the setup hook's rebuild: started before the first step, fed the
// rebuild's progress events (recreate windows), stopped after the last; the record reaches the tests by provide/inject.
import { AvailabilityProbe, type AvailabilityTarget } from '../../lib/probes/availability-probe.js';
import { healthEndpoints } from './health-endpoints.js';

/** What the probe needs to know of the target: its compose project (for each service's health path) and URLs. */
export type AvailabilityTargetSource = Parameters<typeof healthEndpoints>[0];

/**
 * One probe target per service of the gate's target that has a URL, on the path its own compose healthcheck uses
 * (`/api/v1/health` for rule-recommendation-ml and energy-forecasting, `/health/` for device-intelligence-service…;
 * `/health` when the service has none), so a probe never reads a 404 from a path the service does not serve.
 */
export function availabilityTargets(t: AvailabilityTargetSource): AvailabilityTarget[] {
  return healthEndpoints(t).map(({ service, url }) => ({ service, url }));
}

/** Starts a probe of every target service (500 ms interval, 2 s bound per request). */
export function startAvailabilityProbe(t: AvailabilityTargetSource, log: (line: string) => void): AvailabilityProbe {
  const targets = availabilityTargets(t);
  log(`[availability] probing ${targets.length} services every 500 ms during the rollout (DEP-0)`);
  return new AvailabilityProbe({ targets, intervalMs: 500, timeoutMs: 2_000 }).start();
}
