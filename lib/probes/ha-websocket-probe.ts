// Talks the Home Assistant websocket protocol as websocket-ingestion does: auth_required → auth → auth_ok,
// then subscribe_events and collect state_changed events. Every step is bounded and named on timeout.
import { WebSocket } from 'ws';
import { createLogger, type Logger } from '../common/logger.js';
import { maskSecrets, registerSecret } from '../common/secrets.js';

/** One state_changed event as seen on the HA websocket. */
export interface HaEventSample {
  /** `data.entity_id` (`sensor.living_room_temperature`). */
  readonly entityId: string;
  /** `context.id`; websocket-ingestion writes it as the `context_id` field in InfluxDB. */
  readonly contextId: string;
  /** `time_fired`, ISO time. */
  readonly timeFired: string;
}

/** The protocol step reached: connect, auth_required, auth_ok, subscribed, events. */
export type HaWebsocketStep = 'connect' | 'auth_required' | 'auth_ok' | 'subscribed' | 'events';

/**
 * The phase a session waited in when its step bound ran out: `connect` (TCP connect + websocket upgrade),
 * `auth_required` (upgraded, waiting for HA's greeting), `auth_ok` (auth sent, waiting for the verdict),
 * `subscribe` (subscribe_events sent, waiting for its result).
 */
export type HaWebsocketPhase = 'connect' | 'auth_required' | 'auth_ok' | 'subscribe';

/** What one websocket session observed. Every string is secret-masked. */
export interface HaWebsocketResult {
  /** True when every requested step succeeded (and, when collecting, at least one event arrived). */
  readonly ok: boolean;
  /** The last step reached. */
  readonly step: HaWebsocketStep;
  /** True when HA answered `auth_invalid` (a wrong token, distinct from a silent peer). */
  readonly authInvalid: boolean;
  /** The first events collected (at most `maxStoredEvents`). */
  readonly events: HaEventSample[];
  /** How many state_changed events arrived after subscribing (all of them, not only the stored ones). */
  readonly stateChangedCount: number;
  /** `ha_version` from `auth_required`. */
  readonly haVersion?: string;
  /** The phase the session was stuck in when a step bound ran out; absent when no bound ran out. */
  readonly stuckIn?: HaWebsocketPhase;
  /** Why it failed, naming the URL, the step (`stuck in phase auth_ok`) and, for stalls, a hint. */
  readonly error?: string;
  /** Wall time of the session, ms. */
  readonly durationMs: number;
}

/** One websocket session to run. */
export interface HaWebsocketOptions {
  /** ws:// or http:// base URL of HA; `/api/websocket` is appended when missing. */
  readonly url: string;
  /** Long-lived access token; registered as a secret and never printed. */
  readonly token: string;
  /** Bound per protocol step (connect + upgrade + auth_required, auth_ok, subscribe result), in ms. @default 5000 */
  readonly stepTimeoutMs?: number;
  /** After subscribing, collect events for this long, ms. 0 means do not subscribe. @default 0 */
  readonly collectMs?: number;
  /** Stop collecting once this many events arrived. @default Infinity */
  readonly maxEvents?: number;
  /** Events kept in `events` (the count goes on). @default 100 */
  readonly maxStoredEvents?: number;
  /** How the peer is named in messages (`HA`, `simulator`). @default 'HA' */
  readonly peerName?: string;
}

interface HaMessage {
  readonly id?: number;
  readonly type?: string;
  readonly ha_version?: string;
  readonly success?: boolean;
  readonly message?: string;
  readonly error?: { readonly message?: string };
  readonly event?: { readonly event_type?: string; readonly time_fired?: string; readonly context?: { readonly id?: string }; readonly data?: { readonly entity_id?: string } };
}

const SUBSCRIBE_ID = 1;

/** Runs bounded HA websocket sessions with the `ws` client. */
export class HaWebsocketProbe {
  private readonly log: Logger;

  constructor(options: { /** @default createLogger('phasegate:probe:ha-ws') */ readonly log?: Logger } = {}) {
    this.log = options.log ?? createLogger('phasegate:probe:ha-ws');
  }

  /** Connects, authenticates and optionally collects events. Resolves with the observation; never rejects. */
  run(options: HaWebsocketOptions): Promise<HaWebsocketResult> {
    registerSecret(options.token);
    const stepTimeoutMs = options.stepTimeoutMs ?? 5_000;
    const collectMs = options.collectMs ?? 0;
    const maxEvents = options.maxEvents ?? Number.POSITIVE_INFINITY;
    const maxStored = options.maxStoredEvents ?? 100;
    const peer = options.peerName ?? 'HA';
    const base = options.url.replace(/^http/, 'ws').replace(/\/$/, '');
    const target = base.endsWith('/api/websocket') ? base : `${base}/api/websocket`;
    const url = maskSecrets(target);
    const started = performance.now();
    this.log(`connecting to ${url}`);
    return new Promise((resolve) => {
      const events: HaEventSample[] = [];
      let count = 0;
      let step: HaWebsocketStep = 'connect';
      let haVersion: string | undefined;
      let authInvalid = false;
      let opened = false;
      let stuckIn: HaWebsocketPhase | undefined;
      let settled = false;
      let timer: NodeJS.Timeout | undefined;
      let ws: WebSocket;
      const finish = (ok: boolean, error?: string) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        ws.terminate();
        const result: HaWebsocketResult = {
          ok,
          step,
          authInvalid,
          events,
          stateChangedCount: count,
          ...(haVersion ? { haVersion } : {}),
          ...(stuckIn ? { stuckIn } : {}),
          ...(error ? { error: maskSecrets(error) } : {}),
          durationMs: performance.now() - started,
        };
        this.log(`${url}: ${ok ? 'ok' : result.error} at step ${step}, ${count} events`);
        resolve(result);
      };
      // Arms the bound of the next step; when it runs out, the message names the phase and what usually causes it.
      const expect = (phase: HaWebsocketPhase | (() => HaWebsocketPhase), what: () => string, hint: () => string) => {
        clearTimeout(timer);
        timer = setTimeout(() => {
          stuckIn = typeof phase === 'function' ? phase() : phase;
          finish(false, `${url}: ${what()} within ${stepTimeoutMs}ms (stuck in phase ${stuckIn}). hint: ${hint()}`);
        }, stepTimeoutMs);
      };
      try {
        // No handshakeTimeout: the step timer below bounds the upgrade and names it.
        ws = new WebSocket(target);
      } catch (error) {
        ws = undefined as unknown as WebSocket;
        settled = true;
        resolve({ ok: false, step, authInvalid, events, stateChangedCount: 0, error: maskSecrets(`${url}: ${(error as Error).message}`), durationMs: performance.now() - started });
        return;
      }
      expect(
        () => (opened ? 'auth_required' : 'connect'),
        () => (opened ? `no auth_required message from ${peer}` : `no websocket upgrade from ${peer}`),
        () => (opened
          ? `the websocket opened but ${peer} said nothing; is this the HA websocket API (/api/websocket)?`
          : `is ${peer} up and serving /api/websocket there? a peer that accepts TCP but never answers the upgrade is hung`),
      );
      ws.on('open', () => {
        opened = true;
      });
      ws.on('error', (e) => finish(false, `${url}: ${e.message}`));
      ws.on('close', () => finish(step === 'events' || (step === 'auth_ok' && collectMs === 0), `${url}: connection closed by ${peer} at step ${step}`));
      ws.on('message', (data) => {
        let msg: HaMessage;
        try {
          msg = JSON.parse(String(data)) as HaMessage;
        } catch {
          return finish(false, `${url}: a message from ${peer} was not JSON at step ${step}`);
        }
        if (msg.type === 'auth_required' && step === 'connect') {
          step = 'auth_required';
          haVersion = msg.ha_version;
          ws.send(JSON.stringify({ type: 'auth', access_token: options.token }));
          expect('auth_ok', () => `${peer} never sent auth_ok after auth`, () => `HA answers auth with auth_ok or auth_invalid at once; a silent ${peer} is hung or not HA`);
        } else if (msg.type === 'auth_invalid') {
          authInvalid = true;
          finish(false, `${url}: ${peer} answered auth_invalid (${msg.message ?? 'invalid token'}). hint: check the access token`);
        } else if (msg.type === 'auth_ok' && step === 'auth_required') {
          step = 'auth_ok';
          if (collectMs === 0) return finish(true);
          ws.send(JSON.stringify({ id: SUBSCRIBE_ID, type: 'subscribe_events', event_type: 'state_changed' }));
          expect('subscribe', () => `${peer} sent no result for subscribe_events`, () => `authenticated but the subscription is unanswered; is ${peer}'s event bus stuck?`);
        } else if (msg.type === 'result' && msg.id === SUBSCRIBE_ID && step === 'auth_ok') {
          if (!msg.success) return finish(false, `${url}: subscribe_events failed: ${msg.error?.message ?? 'success=false'}`);
          step = 'subscribed';
          clearTimeout(timer);
          timer = setTimeout(
            () => finish(count > 0, count > 0 ? undefined : `${url}: no state_changed event from ${peer} within ${collectMs}ms after subscribing`),
            collectMs,
          );
        } else if (msg.type === 'event' && msg.event && (step === 'subscribed' || step === 'events')) {
          // The simulator sends events to every client, even before subscribing; only count the subscribed ones.
          if (msg.event.event_type !== undefined && msg.event.event_type !== 'state_changed') return;
          step = 'events';
          count += 1;
          if (events.length < maxStored) {
            events.push({ entityId: msg.event.data?.entity_id ?? '', contextId: msg.event.context?.id ?? '', timeFired: msg.event.time_fired ?? '' });
          }
          if (count >= maxEvents) finish(true);
        }
      });
    });
  }
}
