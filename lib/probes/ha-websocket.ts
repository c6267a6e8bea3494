// Function form of HaWebsocketProbe (kept for the suites that call it directly).
import { HaWebsocketProbe, type HaWebsocketOptions, type HaWebsocketResult } from './ha-websocket-probe.js';

/** Runs one bounded HA websocket session; see {@link HaWebsocketProbe.run}. */
export function probeHaWebsocket(options: HaWebsocketOptions): Promise<HaWebsocketResult> {
  return new HaWebsocketProbe().run(options);
}
