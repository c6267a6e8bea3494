// Talks the Home Assistant websocket protocol as websocket-ingestion does: auth_required → auth → auth_ok,
// then subscribe_events and collect state_changed events. Every step is bounded and named on timeout.
import { WebSocket } from 'ws';
import { maskSecrets, registerSecret } from '../common/secrets.js';

export interface HaEventSample {
  readonly entityId: string;
  readonly contextId: string;
  readonly timeFired: string;
}

export interface HaWebsocketResult {
  readonly ok: boolean;
  /** The step reached: connect, auth_required, auth_ok, subscribed, events. */
  readonly step: 'connect' | 'auth_required' | 'auth_ok' | 'subscribed' | 'events';
  readonly events: HaEventSample[];
  readonly haVersion?: string;
  readonly error?: string;
}

export interface HaWebsocketOptions {
  /** ws:// or http:// base URL of HA; `/api/websocket` is appended when missing. */
  readonly url: string;
  readonly token: string;
  /** Bound per protocol step, ms. @default 5000 */
  readonly stepTimeoutMs?: number;
  /** After subscribing, collect events for this long, ms. @default 0 (do not subscribe) */
  readonly collectMs?: number;
  /** Stop collecting once this many events arrived. @default Infinity */
  readonly maxEvents?: number;
}

export function probeHaWebsocket(options: HaWebsocketOptions): Promise<HaWebsocketResult> {
  registerSecret(options.token);
  const stepTimeoutMs = options.stepTimeoutMs ?? 5_000;
  const base = options.url.replace(/^http/, 'ws').replace(/\/$/, '');
  const url = base.endsWith('/api/websocket') ? base : `${base}/api/websocket`;
  return new Promise((resolve) => {
    const events: HaEventSample[] = [];
    let step: HaWebsocketResult['step'] = 'connect';
    let haVersion: string | undefined;
    let settled = false;
    let timer: NodeJS.Timeout | undefined;
    const ws = new WebSocket(url, { handshakeTimeout: stepTimeoutMs });
    const finish = (ok: boolean, error?: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      ws.terminate();
      resolve({ ok, step, events, ...(haVersion ? { haVersion } : {}), ...(error ? { error: maskSecrets(error) } : {}) });
    };
    const expect = (what: string, ms = stepTimeoutMs) => {
      clearTimeout(timer);
      timer = setTimeout(() => finish(false, `${url}: ${what} within ${ms}ms`), ms);
    };
    expect('no auth_required message');
    ws.on('error', (e) => finish(false, `${url}: ${e.message}`));
    ws.on('close', () => finish(step === 'events' || (step === 'auth_ok' && !options.collectMs), `${url}: connection closed at step ${step}`));
    ws.on('message', (data) => {
      let msg: { type?: string; ha_version?: string; success?: boolean; message?: string; event?: { time_fired: string; context?: { id?: string }; data?: { entity_id?: string } } };
      try {
        msg = JSON.parse(String(data)) as typeof msg;
      } catch {
        return finish(false, `${url}: a message was not JSON at step ${step}`);
      }
      if (msg.type === 'auth_required') {
        step = 'auth_required';
        haVersion = msg.ha_version;
        ws.send(JSON.stringify({ type: 'auth', access_token: options.token }));
        expect('HA never sent auth_ok after auth');
      } else if (msg.type === 'auth_invalid') {
        finish(false, `${url}: HA answered auth_invalid (${msg.message ?? 'invalid token'})`);
      } else if (msg.type === 'auth_ok') {
        step = 'auth_ok';
        if (!options.collectMs) return finish(true);
        ws.send(JSON.stringify({ id: 1, type: 'subscribe_events', event_type: 'state_changed' }));
        expect('no result for subscribe_events');
      } else if (msg.type === 'result' && step === 'auth_ok') {
        if (!msg.success) return finish(false, `${url}: subscribe_events failed`);
        step = 'subscribed';
        clearTimeout(timer);
        timer = setTimeout(() => finish(events.length > 0, events.length ? undefined : `${url}: no state_changed event within ${options.collectMs}ms after subscribing`), options.collectMs);
      } else if (msg.type === 'event' && msg.event) {
        step = 'events';
        events.push({ entityId: msg.event.data?.entity_id ?? '', contextId: msg.event.context?.id ?? '', timeFired: msg.event.time_fired });
        if (events.length >= (options.maxEvents ?? Number.POSITIVE_INFINITY)) finish(true);
      }
    });
  });
}
