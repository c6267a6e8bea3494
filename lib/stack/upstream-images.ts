// Which HomeIQ services run an upstream image rather than HomeIQ's own code. The reference twins are all built
// locally (no registry), so the reference compose file cannot tell; HomeIQ's own docker-compose.yml runs these two
// from upstream images (homeiq-facts.md §2: influxdb:2.7.12, jaegertracing/all-in-one:1.75.0) and builds every
// other service from services/<name> (Python/FastAPI, or the two frontends).
import type { ServiceSpec } from '../inventory/types.js';

/** Service → the upstream image HomeIQ runs it from. */
export const HOMEIQ_UPSTREAM_IMAGES: Readonly<Record<string, string>> = { influxdb: 'influxdb:2.7.12', jaeger: 'jaegertracing/all-in-one:1.75.0' };

/**
 * Whether a service runs HomeIQ's own code (a code change needs a rebuild and a new container). live: its compose
 * spec has `build:` (undefined when the compose file does not know it); reference: every service except the
 * upstream images above.
 */
export function runsOwnCode(service: string, target: { readonly kind: 'reference' | 'live'; readonly services: readonly Pick<ServiceSpec, 'name' | 'build'>[] }): boolean | undefined {
  if (target.kind === 'reference') return !(service in HOMEIQ_UPSTREAM_IMAGES);
  const spec = target.services.find((s) => s.name === service);
  return spec === undefined ? undefined : spec.build !== null;
}
