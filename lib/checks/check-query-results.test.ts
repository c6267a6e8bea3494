import { describe, expect, it } from 'vitest';
import type { FluxRow } from '../influx/annotated-csv.js';
import { checkQueryResultsIdentical, compareQueryResults } from './check-query-results.js';

const row = (entity: string, time: string, value: string | number, table = 0, extra: Record<string, string> = {}): FluxRow => ({
  result: '_result', table, _start: '2026-12-01T00:00:00Z', _stop: '2026-12-02T00:00:00Z', _time: time, _value: value,
  _field: 'context_id', _measurement: 'home_assistant_events', entity_id: entity, ...extra,
});
const BEFORE = [row('sensor.a', '2026-12-01T01:00:00Z', 'c1'), row('sensor.a', '2026-12-01T02:00:00Z', 'c2'), row('sensor.b', '2026-12-01T01:30:00Z', 'c3', 1)];

const CSV = [
  '#datatype,string,long,dateTime:RFC3339,dateTime:RFC3339,dateTime:RFC3339,double,string,string,string',
  '#group,false,false,true,true,false,false,true,true,true',
  '#default,_result,,,,,,,,',
  ',result,table,_start,_stop,_time,_value,_field,_measurement,entity_id',
  ',,0,2026-12-01T00:00:00Z,2026-12-02T00:00:00Z,2026-12-01T01:00:00Z,21.5,temp,weather,sensor.t',
  ',,0,2026-12-01T00:00:00Z,2026-12-02T00:00:00Z,2026-12-01T02:00:00Z,22,temp,weather,sensor.t',
  '',
].join('\r\n');

describe('compareQueryResults', () => {
  it('should find the same rows identical in another order, with other table numbers and query bounds', () => {
    const after = [{ ...BEFORE[2]!, table: 0, _start: 'x' }, { ...BEFORE[1]!, table: 1 }, { ...BEFORE[0]!, table: 1, _stop: 'y' }];
    expect(compareQueryResults(BEFORE, after)).toEqual({ identical: true, rowsBefore: 3, rowsAfter: 3, tablesBefore: 2, tablesAfter: 2, missing: 0, extra: 0, tables: [] });
  });

  it('should report a lost row with the first differing row of its table', () => {
    const diff = compareQueryResults(BEFORE, [BEFORE[1]!, BEFORE[2]!]);
    expect(diff).toMatchObject({ identical: false, rowsBefore: 3, rowsAfter: 2, missing: 1, extra: 0 });
    expect(diff.tables).toEqual([{
      table: '_field=context_id,_measurement=home_assistant_events,entity_id=sensor.a', rowsBefore: 2, rowsAfter: 1, missing: 1, extra: 0,
      firstDifference: { index: 0, before: BEFORE[0], after: BEFORE[1] },
    }]);
  });

  it('should count duplicated rows (a restore over existing data) and changed values exactly', () => {
    const dup = compareQueryResults(BEFORE, [...BEFORE, BEFORE[2]!]);
    expect([dup.missing, dup.extra, dup.tables[0]!.firstDifference.index]).toEqual([0, 1, 1]);
    const changed = compareQueryResults(BEFORE, [BEFORE[0]!, BEFORE[1]!, { ...BEFORE[2]!, _value: 'c3 ' }]);
    expect([changed.missing, changed.extra]).toEqual([1, 1]);
    const typed = compareQueryResults([row('s', 't', 1)], [row('s', 't', '1')]);
    expect(typed.identical).toBe(false);
  });

  it('should compare the bounds too when asked (absolute ranges)', () => {
    expect(compareQueryResults(BEFORE, [BEFORE[0]!, BEFORE[1]!, { ...BEFORE[2]!, _start: 'x' }], { ignoreColumns: ['result', 'table'] }).identical).toBe(false);
  });

  it('should read annotated CSV with its types', () => {
    expect(compareQueryResults(CSV, CSV.replace('21.5', '21.50')).identical).toBe(true);
    const diff = compareQueryResults(CSV, CSV.replace(',22,', ',22.1,'));
    expect(diff.tables[0]!.firstDifference).toMatchObject({ index: 1, before: { _value: 22 }, after: { _value: 22.1 } });
  });
});

describe('checkQueryResultsIdentical (RB-R-1)', () => {
  it('should pass identical answers', () => {
    const r = checkQueryResultsIdentical(BEFORE, [...BEFORE].reverse(), { what: 'home_assistant_events 2026-12-01' });
    expect(r).toMatchObject({ criterionId: 'RB-R-1', status: 'passed', message: 'home_assistant_events 2026-12-01: 3 rows in 2 table(s), identical to before the teardown' });
  });

  it('should fail with counts and the first differing row', () => {
    const r = checkQueryResultsIdentical(BEFORE, [BEFORE[1]!, BEFORE[2]!, BEFORE[2]!], { what: 'q' });
    expect(r.status).toBe('failed');
    expect(r.message).toBe('q: 3 rows in 2 table(s) before, 3 in 2 after; 1 row(s) lost, 1 new or changed, in 2 table(s). First difference in _field=context_id,_measurement=home_assistant_events,entity_id=sensor.a at row 0: before _time="2026-12-01T01:00:00Z" _value="c1" _field="context_id" _measurement="home_assistant_events" entity_id="sensor.a"; after _time="2026-12-01T02:00:00Z" _value="c2" _field="context_id" _measurement="home_assistant_events" entity_id="sensor.a". hint: lost rows mean the restore is incomplete; new rows in a closed window mean it was restored over existing data (D7.5)');
    expect(r.evidence).toEqual([
      { label: '_field=context_id,_measurement=home_assistant_events,entity_id=sensor.a', value: '2 → 1 rows, 1 lost, 0 new' },
      { label: '_field=context_id,_measurement=home_assistant_events,entity_id=sensor.b', value: '1 → 2 rows, 0 lost, 1 new' },
    ]);
  });

  it('should skip when nothing was there before (an empty answer proves nothing)', () => {
    expect(checkQueryResultsIdentical([], [], { what: 'q' })).toMatchObject({ status: 'skipped' });
  });
});
