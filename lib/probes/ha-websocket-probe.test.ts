import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import { HaWebsocketProbe } from './ha-websocket-probe.js';

const TOKEN = 'sim-token-5d1e8c';
/** Behaviour of the fake HA per connection, chosen by the test. */
let mode: 'normal' | 'silent-auth' | 'no-events' = 'normal';
let wss: WebSocketServer;
let base = '';

function event(n: number) {
  return JSON.stringify({
    type: 'event',
    event: { event_type: 'state_changed', time_fired: `2026-11-22T10:00:0${n}Z`, context: { id: `sim_${n}` }, data: { entity_id: 'sensor.living_room_temperature' } },
  });
}

beforeAll(async () => {
  wss = new WebSocketServer({ host: '127.0.0.1', port: 0, path: '/api/websocket' });
  wss.on('connection', (ws: WebSocket) => {
    ws.send(JSON.stringify({ type: 'auth_required', ha_version: '2025.10.1' }));
    // The simulator broadcasts to every client, even unsubscribed ones.
    ws.send(event(0));
    ws.on('message', (raw) => {
      const msg = JSON.parse(String(raw)) as { type: string; id?: number; access_token?: string };
      if (msg.type === 'auth') {
        if (mode === 'silent-auth') return;
        ws.send(JSON.stringify(msg.access_token === TOKEN ? { type: 'auth_ok', ha_version: '2025.10.1' } : { type: 'auth_invalid', message: 'Invalid access token or password' }));
      } else if (msg.type === 'subscribe_events') {
        ws.send(JSON.stringify({ id: msg.id, type: 'result', success: true, result: null }));
        if (mode === 'normal') [1, 2, 3].forEach((n) => setTimeout(() => ws.readyState === ws.OPEN && ws.send(event(n)), n * 20));
      }
    });
  });
  await new Promise<void>((r) => wss.on('listening', r));
  base = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`;
});

afterAll(() => new Promise((r) => wss.close(r)));

describe('HaWebsocketProbe', () => {
  it('should authenticate, subscribe and count state_changed events after subscribing', async () => {
    mode = 'normal';
    const r = await new HaWebsocketProbe().run({ url: base, token: TOKEN, collectMs: 300 });
    expect(r).toMatchObject({ ok: true, step: 'events', authInvalid: false, stateChangedCount: 3, haVersion: '2025.10.1' });
    expect(r.events.map((e) => e.contextId)).toEqual(['sim_1', 'sim_2', 'sim_3']);
    expect(r.events[0]).toEqual({ entityId: 'sensor.living_room_temperature', contextId: 'sim_1', timeFired: '2026-11-22T10:00:01Z' });
  });

  it('should stop after maxEvents', async () => {
    mode = 'normal';
    const r = await new HaWebsocketProbe().run({ url: `${base.replace('ws:', 'http:')}/`, token: TOKEN, collectMs: 5_000, maxEvents: 1 });
    expect(r).toMatchObject({ ok: true, stateChangedCount: 1 });
    expect(r.durationMs).toBeLessThan(2_000);
  });

  it('should report auth_invalid distinctly and never show the token', async () => {
    mode = 'normal';
    const r = await new HaWebsocketProbe().run({ url: base, token: 'wrong-token-0a9b8c', collectMs: 300 });
    expect(r).toMatchObject({ ok: false, authInvalid: true, step: 'auth_required' });
    expect(r.error).toBe(`${base}/api/websocket: HA answered auth_invalid (Invalid access token or password). hint: check the access token`);
    expect(JSON.stringify(r)).not.toContain('wrong-token-0a9b8c');
  });

  it('should name the step when the peer never sends auth_ok', async () => {
    mode = 'silent-auth';
    const r = await new HaWebsocketProbe().run({ url: base, token: TOKEN, stepTimeoutMs: 250, peerName: 'simulator' });
    expect(r).toMatchObject({ ok: false, authInvalid: false, step: 'auth_required', stuckIn: 'auth_ok' });
    expect(r.error).toBe(`${base}/api/websocket: simulator never sent auth_ok after auth within 250ms (stuck in phase auth_ok). hint: HA answers auth with auth_ok or auth_invalid at once; a silent simulator is hung or not HA`);
  });

  it('should fail when no event arrives within the collect window', async () => {
    mode = 'no-events';
    const r = await new HaWebsocketProbe().run({ url: base, token: TOKEN, collectMs: 200 });
    expect(r).toMatchObject({ ok: false, step: 'subscribed', stateChangedCount: 0 });
    expect(r.error).toBe(`${base}/api/websocket: no state_changed event from HA within 200ms after subscribing`);
  });

  it('should report a refused connection', async () => {
    const r = await new HaWebsocketProbe().run({ url: 'ws://127.0.0.1:9', token: TOKEN, stepTimeoutMs: 1_000 });
    expect(r).toMatchObject({ ok: false, step: 'connect' });
    expect(r.error).toBe('ws://127.0.0.1:9/api/websocket: connect ECONNREFUSED 127.0.0.1:9');
  });
});
