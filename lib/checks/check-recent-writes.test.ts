import { describe, expect, it } from 'vitest';
import type { FluxRow } from '../influx/annotated-csv.js';
import type { InfluxQueryClient } from '../influx/influx-query-client.js';
import { checkRecentWrites } from './check-recent-writes.js';

/** Answers count() queries with fixed per-series counts (or fails), recording the Flux it was sent. */
class ScriptedInflux implements InfluxQueryClient {
  readonly queries: string[] = [];
  constructor(private readonly answer: number[] | Error) {}
  async query(flux: string): Promise<FluxRow[]> {
    this.queries.push(flux);
    if (this.answer instanceof Error) throw this.answer;
    return this.answer.map((n) => ({ _value: n }));
  }
}

describe('checkRecentWrites', () => {
  it('should pass when the last hour holds points, summing the series, and query -1h by default', async () => {
    const influx = new ScriptedInflux([40, 2]);
    const r = await checkRecentWrites({ criterionId: 'TV-M5', influx, bucket: 'home_assistant_events', field: 'context_id' });
    expect(r).toMatchObject({ status: 'passed', measurement: 42, message: '42 point(s) written (bucket home_assistant_events, measurement home_assistant_events, field context_id, range -1h)' });
    expect(influx.queries[0]).toContain('range(start: -1h)');
  });

  it('should fail an empty window with the hint', async () => {
    const r = await checkRecentWrites({ criterionId: 'TV-M5', influx: new ScriptedInflux([]), bucket: 'home_assistant_events' });
    expect(r.status).toBe('failed');
    expect(r.message).toBe("0 points written (bucket home_assistant_events, measurement home_assistant_events, range -1h); expected > 0. hint: nothing reached InfluxDB in that window; check websocket-ingestion's writes (its logs, its /health counters) and the Home Assistant connection");
  });

  it('should report an error, not a verdict, when InfluxDB refuses the query', async () => {
    const r = await checkRecentWrites({ criterionId: 'TV-M5', influx: new ScriptedInflux(new Error('401 unauthorized access')), bucket: 'b' });
    expect(r).toMatchObject({ status: 'error' });
    expect(r.message).toMatch(/^InfluxDB could not be queried \(bucket b, .*\): 401 unauthorized access\. hint: check the token and org$/);
  });
});
