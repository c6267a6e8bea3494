// Adapter: how many points one measurement has in a window and when the newest of them was written, with the two
// Flux questions of flux-queries.ts (count, last). Used by the data-flow checks (D2-3).
import { countPoints, lastPoint, type PointSelector } from './flux-queries.js';
import type { InfluxQueryClient } from './influx-query-client.js';

/** Points of one selection. */
export interface WindowPoints {
  /** Points in the range (every field counts). */
  readonly count: number;
  /** RFC3339 time of the newest point in the range; undefined when there is none. */
  readonly newestTime: string | undefined;
}

/** Counts the selection's points and finds its newest one (two queries, run together). */
export async function readWindowPoints(client: InfluxQueryClient, selector: PointSelector): Promise<WindowPoints> {
  const [count, newest] = await Promise.all([countPoints(client, selector), lastPoint(client, selector)]);
  return { count, newestTime: newest?.time };
}
