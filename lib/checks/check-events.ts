// INFLUX_DATAFLOW: events really flow. A websocket-ingestion that says "healthy" with HTTP 200 but writes
// nothing must fail, so both the ingestion counter and the InfluxDB point count have to rise.
import type { CheckResult } from './check-result.js';
import { SystemClock, type Clock } from '../common/clock.js';
import { maskSecrets } from '../common/secrets.js';
import type { FluxClient } from '../influx/flux-client.js';
import { countPoints, fluxString } from '../influx/flux-queries.js';
import type { InfluxQueryClient } from '../influx/influx-query-client.js';
import { readPath } from '../probes/body-rule.js';
import { HaWebsocketProbe } from '../probes/ha-websocket-probe.js';
import { HttpProbe } from '../probes/http-probe.js';

/** Where events come from and go to. Give `influx` (typed client) or `flux` (the string-row façade). */
export interface EventsFlowingCheck {
  /** Criterion ID (`P0-S2-AC3c`, `P1-SC6`, `P1-S4-V3`). */
  readonly criterionId: string;
  /** websocket-ingestion `/health` URL; its `subscription.total_events_received` must rise. */
  readonly ingestionHealthUrl: string;
  /** @default flux.typed */
  readonly influx?: InfluxQueryClient;
  readonly flux?: FluxClient;
  /** Bucket websocket-ingestion writes to (`home_assistant_events`). */
  readonly bucket: string;
  /** @default 'home_assistant_events' */
  readonly measurement?: string;
  /** Field every event point carries. @default 'context_id' */
  readonly field?: string;
  /** Observation window between the two samples, ms. @default 6000 */
  readonly windowMs?: number;
  /** How far back the point count starts (the plans' `-5m`), ms. The start is fixed at the first sample, so points leaving a sliding window cannot hide new ones. @default 300000 */
  readonly lookbackMs?: number;
  /** @default new SystemClock() */
  readonly clock?: Clock;
  /** @default new HttpProbe() */
  readonly probe?: HttpProbe;
}

type Sample = { readonly count: number } | { readonly error: string };

async function ingestionCount(probe: HttpProbe, url: string): Promise<Sample> {
  const r = await probe.get(url, { timeoutMs: 5_000 });
  if (r.status === undefined) return { error: `did not answer: ${r.error}` };
  try {
    const v = readPath(JSON.parse(r.body), 'subscription.total_events_received');
    return typeof v === 'number' ? { count: v } : { error: `answered HTTP ${r.status} without subscription.total_events_received` };
  } catch {
    return { error: `answered HTTP ${r.status} with a body that is not JSON` };
  }
}

async function influxCount(client: InfluxQueryClient, check: EventsFlowingCheck, start: Date): Promise<Sample> {
  try {
    return { count: await countPoints(client, { bucket: check.bucket, measurement: check.measurement ?? 'home_assistant_events', field: check.field ?? 'context_id', range: { start } }) };
  } catch (error) {
    return { error: (error as Error).message.split('\n', 1)[0] ?? String(error) };
  }
}

/** Samples the ingestion counter and the InfluxDB point count twice, `windowMs` apart; both must rise. */
export async function checkEventsFlowing(check: EventsFlowingCheck): Promise<CheckResult> {
  const clock = check.clock ?? new SystemClock();
  const probe = check.probe ?? new HttpProbe();
  const windowMs = check.windowMs ?? 6_000;
  const lookbackMs = check.lookbackMs ?? 300_000;
  const secs = `${windowMs / 1000}s`;
  const base = {
    criterionId: check.criterionId,
    title: 'events flow HA → websocket-ingestion → InfluxDB',
    limit: `ingestion counter and InfluxDB point count both rise within ${secs}`,
  };
  const client = check.influx ?? check.flux?.typed;
  if (!client) return { ...base, status: 'error', message: 'no InfluxDB client given (influx or flux). hint: this is a suite wiring bug' };
  const started = clock.monotonicMs();
  const start = new Date(clock.now() - lookbackMs);
  const [i0, n0] = await Promise.all([ingestionCount(probe, check.ingestionHealthUrl), influxCount(client, check, start)]);
  await clock.sleep(windowMs);
  const [i1, n1] = await Promise.all([ingestionCount(probe, check.ingestionHealthUrl), influxCount(client, check, start)]);
  const durationMs = clock.monotonicMs() - started;
  const influxError = 'error' in n0 ? n0.error : 'error' in n1 ? n1.error : undefined;
  if (influxError !== undefined || 'error' in n0 || 'error' in n1) {
    return { ...base, status: 'error', durationMs, message: maskSecrets(`cannot count points in InfluxDB bucket ${check.bucket}: ${influxError}`) };
  }
  const ingestError = 'error' in i0 ? i0.error : 'error' in i1 ? i1.error : undefined;
  const ingested = 'count' in i0 && 'count' in i1 ? i1.count - i0.count : undefined;
  const written = n1.count - n0.count;
  const evidence = [
    { label: 'events received by websocket-ingestion in window', value: ingested ?? null, unit: 'events' },
    { label: 'points written to InfluxDB in window', value: written, unit: 'points' },
    { label: `points in InfluxDB since ${start.toISOString()}`, value: n1.count, unit: 'points' },
  ];
  if (ingested === undefined) {
    return { ...base, status: 'failed', durationMs, evidence, message: maskSecrets(`websocket-ingestion (${check.ingestionHealthUrl}) ${ingestError}; cannot tell whether events arrive. hint: is websocket-ingestion up?`) };
  }
  if (ingested <= 0) {
    const from = 'count' in i0 ? i0.count : '?';
    return { ...base, status: 'failed', durationMs, measurement: 0, evidence, message: `websocket-ingestion received 0 events in ${secs} (counter ${from} → ${from}). hint: is it connected and subscribed to Home Assistant?` };
  }
  if (written <= 0) {
    return {
      ...base,
      status: 'failed',
      durationMs,
      measurement: 0,
      evidence,
      message: `websocket-ingestion received ${ingested} events in ${secs} but InfluxDB bucket ${check.bucket} gained 0 points (${n0.count} → ${n1.count}). hint: writes are failing or dropped although /health may say healthy`,
    };
  }
  return { ...base, status: 'passed', durationMs, measurement: written, evidence, message: `${ingested} events received and ${written} points written to ${check.bucket} in ${secs} (${n1.count} points in the last ${lookbackMs / 60_000} min)` };
}

/** One event followed from HA to InfluxDB to data-api. */
export interface EndToEndCheck {
  /** Criterion ID (`P1-S4-AC8`). */
  readonly criterionId: string;
  /** HA (or simulator) base URL (`http://127.0.0.1:8125`) and token. */
  readonly haUrl: string;
  readonly haToken: string;
  /** @default flux.typed */
  readonly influx?: InfluxQueryClient;
  readonly flux?: FluxClient;
  readonly bucket: string;
  /** data-api base URL and its Bearer key. */
  readonly dataApiUrl: string;
  readonly apiKey: string;
  /** Bound on the whole trip after the event was seen, ms. @default 20000 */
  readonly timeoutMs?: number;
  /** How long to wait at HA for an event, ms. @default 10000 */
  readonly haWaitMs?: number;
  /** Pause between lookups, ms. @default 500 */
  readonly pollMs?: number;
  /** @default new SystemClock() */
  readonly clock?: Clock;
  /** @default new HaWebsocketProbe() */
  readonly ha?: HaWebsocketProbe;
  /** @default new HttpProbe() */
  readonly probe?: HttpProbe;
}

/** One event seen at HA is found by its context id in InfluxDB and through data-api /api/v1/events. */
export async function checkEndToEndEvent(check: EndToEndCheck): Promise<CheckResult> {
  const clock = check.clock ?? new SystemClock();
  const probe = check.probe ?? new HttpProbe();
  const timeoutMs = check.timeoutMs ?? 20_000;
  const haWaitMs = check.haWaitMs ?? 10_000;
  const base = { criterionId: check.criterionId, title: 'one event end to end: HA → InfluxDB → data-api', limit: `visible in InfluxDB and data-api within ${timeoutMs / 1000}s` };
  const client = check.influx ?? check.flux?.typed;
  if (!client) return { ...base, status: 'error', message: 'no InfluxDB client given (influx or flux). hint: this is a suite wiring bug' };
  const ha = await (check.ha ?? new HaWebsocketProbe()).run({ url: check.haUrl, token: check.haToken, collectMs: haWaitMs, maxEvents: 1 });
  const event = ha.events[0];
  if (!ha.ok || !event) {
    return { ...base, status: ha.authInvalid ? 'error' : 'failed', message: `no event observed at Home Assistant: ${ha.error ?? `none within ${haWaitMs}ms`}` };
  }
  const started = clock.monotonicMs();
  let inInflux = false;
  let inApi = false;
  let lastInflux = '';
  let lastApi = '';
  const flux = `from(bucket: ${fluxString(check.bucket)}) |> range(start: -15m) |> filter(fn: (r) => r._measurement == "home_assistant_events" and r._field == "context_id" and r._value == ${fluxString(event.contextId)}) |> count()`;
  for (;;) {
    if (!inInflux) {
      try {
        const rows = await client.query(flux);
        inInflux = rows.some((r) => Number(r._value) > 0);
        lastInflux = 'count 0';
      } catch (error) {
        lastInflux = (error as Error).message.split('\n', 1)[0] ?? '';
      }
    }
    if (inInflux && !inApi) {
      const r = await probe.get(`${check.dataApiUrl}/api/v1/events?limit=500&entity_id=${encodeURIComponent(event.entityId)}`, { timeoutMs: 5_000, headers: { Authorization: `Bearer ${check.apiKey}` } });
      lastApi = r.status === undefined ? `${r.error}` : `HTTP ${r.status}`;
      inApi = r.status === 200 && r.body.includes(event.contextId);
    }
    if ((inInflux && inApi) || clock.monotonicMs() - started >= timeoutMs) break;
    await clock.sleep(check.pollMs ?? 500);
  }
  const took = Math.round(clock.monotonicMs() - started);
  const evidence = [
    { label: 'context id', value: event.contextId },
    { label: 'entity', value: event.entityId },
  ];
  if (!inInflux) {
    return { ...base, status: 'failed', evidence, measurement: took, message: maskSecrets(`event ${event.contextId} (${event.entityId}) seen at HA was not in InfluxDB bucket ${check.bucket} after ${took}ms (last answer: ${lastInflux}). hint: websocket-ingestion is not writing`) };
  }
  if (!inApi) {
    return { ...base, status: 'failed', evidence, measurement: took, message: maskSecrets(`event ${event.contextId} is in InfluxDB but data-api /api/v1/events did not return it after ${took}ms (last answer ${lastApi}). hint: check data-api's InfluxDB settings and its API key`) };
  }
  return { ...base, status: 'passed', evidence, measurement: took, message: `event ${event.contextId} (${event.entityId}) went HA → InfluxDB → data-api in ${took}ms` };
}
