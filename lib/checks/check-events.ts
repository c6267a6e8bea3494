// INFLUX_DATAFLOW: events really flow. A websocket-ingestion that says "healthy" with HTTP 200 but writes
// nothing must fail, so both the ingestion counter and the InfluxDB point count have to rise.
import type { CheckResult } from './check-result.js';
import type { Clock } from '../common/clock.js';
import { SystemClock } from '../common/clock.js';
import type { FluxClient } from '../influx/flux-client.js';
import { httpGet, readPath } from '../probes/http-get.js';
import { probeHaWebsocket } from '../probes/ha-websocket.js';

export interface EventsFlowingCheck {
  readonly criterionId: string;
  /** websocket-ingestion /health URL. */
  readonly ingestionHealthUrl: string;
  readonly flux: FluxClient;
  readonly bucket: string;
  /** Observation window between the two samples, ms. @default 6000 */
  readonly windowMs?: number;
  readonly clock?: Clock;
}

async function ingestionCount(url: string): Promise<number | undefined> {
  const r = await httpGet(url, { timeoutMs: 5_000 });
  try {
    const v = readPath(JSON.parse(r.body), 'subscription.total_events_received');
    return typeof v === 'number' ? v : undefined;
  } catch {
    return undefined;
  }
}

async function influxCount(flux: FluxClient, bucket: string): Promise<number | string> {
  try {
    return await flux.countPoints(bucket, 'home_assistant_events', 'context_id', '-15m');
  } catch (error) {
    return (error as Error).message;
  }
}

export async function checkEventsFlowing(check: EventsFlowingCheck): Promise<CheckResult> {
  const clock = check.clock ?? new SystemClock();
  const windowMs = check.windowMs ?? 6_000;
  const [i0, n0] = await Promise.all([ingestionCount(check.ingestionHealthUrl), influxCount(check.flux, check.bucket)]);
  await clock.sleep(windowMs);
  const [i1, n1] = await Promise.all([ingestionCount(check.ingestionHealthUrl), influxCount(check.flux, check.bucket)]);
  const base = { criterionId: check.criterionId, title: 'events flow HA → websocket-ingestion → InfluxDB', limit: `ingestion counter and InfluxDB point count both rise within ${windowMs / 1000}s` };
  if (typeof n0 === 'string' || typeof n1 === 'string') {
    return { ...base, status: 'failed', message: `cannot count points in InfluxDB bucket ${check.bucket}: ${typeof n0 === 'string' ? n0 : n1}` };
  }
  const ingested = i0 === undefined || i1 === undefined ? undefined : i1 - i0;
  const written = n1 - n0;
  const evidence = [
    { label: 'events received by websocket-ingestion in window', value: ingested ?? null, unit: 'events' },
    { label: 'points written to InfluxDB in window', value: written, unit: 'points' },
    { label: 'points in InfluxDB over the last 15 min', value: n1, unit: 'points' },
  ];
  if (ingested === undefined) {
    return { ...base, status: 'failed', evidence, message: `websocket-ingestion (${check.ingestionHealthUrl}) /health has no subscription.total_events_received; cannot tell whether events arrive` };
  }
  if (ingested <= 0) {
    return { ...base, status: 'failed', measurement: 0, evidence, message: `websocket-ingestion received 0 events in ${windowMs / 1000}s (counter ${i0} → ${i1}). hint: is it connected and subscribed to Home Assistant?` };
  }
  if (written <= 0) {
    return { ...base, status: 'failed', measurement: 0, evidence, message: `websocket-ingestion received ${ingested} events in ${windowMs / 1000}s but InfluxDB bucket ${check.bucket} gained 0 points (${n0} → ${n1}). hint: writes are failing or dropped although /health may say healthy` };
  }
  return { ...base, status: 'passed', measurement: written, evidence, message: `${ingested} events received and ${written} points written to ${check.bucket} in ${windowMs / 1000}s (${n1} points in the last 15 min)` };
}

export interface EndToEndCheck {
  readonly criterionId: string;
  /** HA (or simulator) base URL and token. */
  readonly haUrl: string;
  readonly haToken: string;
  readonly flux: FluxClient;
  readonly bucket: string;
  /** data-api base URL and its Bearer key. */
  readonly dataApiUrl: string;
  readonly apiKey: string;
  /** Bound on the whole trip, ms. @default 20000 */
  readonly timeoutMs?: number;
  readonly clock?: Clock;
}

/** One event seen at HA is found by its context id in InfluxDB and through data-api /api/v1/events. */
export async function checkEndToEndEvent(check: EndToEndCheck): Promise<CheckResult> {
  const clock = check.clock ?? new SystemClock();
  const timeoutMs = check.timeoutMs ?? 20_000;
  const base = { criterionId: check.criterionId, title: 'one event end to end: HA → InfluxDB → data-api', limit: `visible in InfluxDB and data-api within ${timeoutMs / 1000}s` };
  const started = clock.monotonicMs();
  const ha = await probeHaWebsocket({ url: check.haUrl, token: check.haToken, collectMs: 10_000, maxEvents: 1 });
  const event = ha.events[0];
  if (!ha.ok || !event) return { ...base, status: 'failed', message: `no event observed at Home Assistant: ${ha.error ?? 'none within 10s'}` };
  let inInflux = false;
  let inApi = false;
  let lastApi = '';
  while (clock.monotonicMs() - started < timeoutMs && !(inInflux && inApi)) {
    if (!inInflux) {
      const rows = await check.flux
        .query(`from(bucket: "${check.bucket}") |> range(start: -15m) |> filter(fn: (r) => r._measurement == "home_assistant_events" and r._field == "context_id" and r._value == "${event.contextId}") |> count()`)
        .catch(() => []);
      inInflux = rows.some((r) => Number(r._value) > 0);
    }
    if (inInflux && !inApi) {
      const r = await httpGet(`${check.dataApiUrl}/api/v1/events?limit=500&entity_id=${encodeURIComponent(event.entityId)}`, { timeoutMs: 5_000, headers: { Authorization: `Bearer ${check.apiKey}` } });
      lastApi = `HTTP ${r.status ?? r.error}`;
      inApi = r.status === 200 && r.body.includes(event.contextId);
    }
    if (!(inInflux && inApi)) await clock.sleep(500);
  }
  const took = clock.monotonicMs() - started;
  const evidence = [{ label: 'context id', value: event.contextId }, { label: 'entity', value: event.entityId }];
  if (!inInflux) return { ...base, status: 'failed', evidence, measurement: Math.round(took), message: `event ${event.contextId} (${event.entityId}) seen at HA was not in InfluxDB bucket ${check.bucket} after ${Math.round(took)}ms. hint: websocket-ingestion is not writing` };
  if (!inApi) return { ...base, status: 'failed', evidence, measurement: Math.round(took), message: `event ${event.contextId} is in InfluxDB but data-api /api/v1/events did not return it after ${Math.round(took)}ms (last answer ${lastApi})` };
  return { ...base, status: 'passed', evidence, measurement: Math.round(took), message: `event ${event.contextId} (${event.entityId}) went HA → InfluxDB → data-api in ${Math.round(took)}ms` };
}
