import { describe, expect, it } from 'vitest';
import type { FluxRow } from '../influx/annotated-csv.js';
import type { InfluxQueryClient } from '../influx/influx-query-client.js';
import { checkNoDataLoss, snapshotPoints } from './check-no-data-loss.js';

/** An InfluxQueryClient answering count() queries from a script and recording the Flux it was sent. */
class ScriptedInflux implements InfluxQueryClient {
  readonly queries: string[] = [];
  constructor(private readonly counts: Array<number | Error>) {}
  async query(flux: string): Promise<FluxRow[]> {
    this.queries.push(flux);
    const next = this.counts.shift();
    if (next instanceof Error) throw next;
    return [{ _value: next ?? 0 }];
  }
}

const stop = new Date('2026-12-02T02:00:00.000Z');
const event = 'the restart of influxdb (step P1-S3)';

describe('checkNoDataLoss', () => {
  it('should count a closed window ending before the restart and pass when the recount finds every point', async () => {
    const influx = new ScriptedInflux([120, 120]);
    const before = await snapshotPoints({ influx, bucket: 'home_assistant_events', stop, lookbackMs: 3_600_000 });
    expect(before).toEqual({ bucket: 'home_assistant_events', measurement: 'home_assistant_events', start: '2026-12-02T01:00:00.000Z', stop: '2026-12-02T02:00:00.000Z', count: 120 });
    const r = await checkNoDataLoss({ criterionId: 'P1-S3-AC5', influx, before, event });
    expect(r).toMatchObject({ status: 'passed', measurement: 120, limit: 'count ≥ 120' });
    expect(influx.queries[1]).toBe(influx.queries[0]);
    expect(influx.queries[1]).toContain('range(start: 2026-12-02T01:00:00.000Z, stop: 2026-12-02T02:00:00.000Z)');
  });

  it('should fail with the number of lost points when the restart wiped data', async () => {
    const influx = new ScriptedInflux([120, 0]);
    const before = await snapshotPoints({ influx, bucket: 'home_assistant_events', stop, lookbackMs: 3_600_000 });
    const r = await checkNoDataLoss({ criterionId: 'P1-S3-AC5', influx, before, event });
    expect(r.status).toBe('failed');
    expect(r.message).toBe(
      'InfluxDB lost 120 of 120 points written before the restart of influxdb (step P1-S3) (bucket home_assistant_events, measurement home_assistant_events, 2026-12-02T01:00:00.000Z → 2026-12-02T02:00:00.000Z: 120 before, 0 after). hint: is /var/lib/influxdb2 a named volume, and did the restart remove it (down -v)?',
    );
  });

  it('should not pass on an empty snapshot or without one, and report a failed recount as an error', async () => {
    const empty = await checkNoDataLoss({ criterionId: 'P1-S3-AC5', influx: new ScriptedInflux([0]), before: { bucket: 'b', measurement: 'm', start: 's', stop: 't', count: 0 }, event });
    expect(empty.status).toBe('skipped');
    expect(empty.message).toMatch(/^nothing to lose: InfluxDB held 0 points/);
    expect((await checkNoDataLoss({ criterionId: 'P1-S3-AC5', influx: new ScriptedInflux([]), before: null, event })).status).toBe('skipped');
    const broken = await checkNoDataLoss({ criterionId: 'P1-S3-AC5', influx: new ScriptedInflux([new Error('HTTP 401 unauthorized')]), before: { bucket: 'b', measurement: 'm', start: '2026-12-02T01:00:00.000Z', stop: '2026-12-02T02:00:00.000Z', count: 5 }, event });
    expect(broken).toMatchObject({ status: 'error' });
    expect(broken.message).toMatch(/^cannot recount the points of bucket b, measurement m, .* after the restart of influxdb \(step P1-S3\): HTTP 401 unauthorized\. hint/);
  });
});
