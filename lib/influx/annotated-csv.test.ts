import { describe, expect, it } from 'vitest';
import { FluxCsvError, parseAnnotatedCsv, parseFluxCsv } from './annotated-csv.js';

// Shaped after the "annotated CSV" examples of the InfluxDB 2 docs: two blocks with different schemas
// (double then string _value), #default filling the result column, CRLF line ends, a blank line after each block.
const TWO_BLOCKS = [
  '#group,false,false,true,true,false,false,true,true,true',
  '#datatype,string,long,dateTime:RFC3339,dateTime:RFC3339,dateTime:RFC3339,double,string,string,string',
  '#default,_result,,,,,,,,',
  ',result,table,_start,_stop,_time,_value,_field,_measurement,entity_id',
  ',,0,2026-11-22T10:00:00Z,2026-11-22T10:05:00Z,2026-11-22T10:01:00Z,21.5,duration_in_state_seconds,home_assistant_events,sensor.a',
  ',,0,2026-11-22T10:00:00Z,2026-11-22T10:05:00Z,2026-11-22T10:02:00Z,,duration_in_state_seconds,home_assistant_events,sensor.a',
  '',
  '#group,false,false,true,true,false,false,true,true,true',
  '#datatype,string,long,dateTime:RFC3339,dateTime:RFC3339,dateTime:RFC3339,string,string,string,string',
  '#default,_result,,,,,,,,',
  ',result,table,_start,_stop,_time,_value,_field,_measurement,entity_id',
  ',,1,2026-11-22T10:00:00Z,2026-11-22T10:05:00Z,2026-11-22T10:01:00Z,"{""unit"": ""°C"", ""note"": ""a,b""}",attributes,home_assistant_events,sensor.a',
  ',,2,2026-11-22T10:00:00Z,2026-11-22T10:05:00Z,2026-11-22T10:03:00Z,"line one',
  'line two",state_value,home_assistant_events,sensor.b',
  '',
  '',
].join('\r\n');

describe('parseFluxCsv', () => {
  it('should type cells by #datatype across blocks and fill #default', () => {
    const rows = parseFluxCsv(TWO_BLOCKS);
    expect(rows.map((r) => [r.result, r.table, r._value, r._field])).toEqual([
      ['_result', 0, 21.5, 'duration_in_state_seconds'],
      ['_result', 0, null, 'duration_in_state_seconds'],
      ['_result', 1, '{"unit": "°C", "note": "a,b"}', 'attributes'],
      ['_result', 2, 'line one\r\nline two', 'state_value'],
    ]);
    expect(Object.keys(rows[0]!)).not.toContain('');
    expect(rows[0]!._time).toBe('2026-11-22T10:01:00Z');
  });

  it('should read a query answered without a dialect as text cells', () => {
    const plain = ',result,table,_value\r\n,_result,0,7\r\n,_result,1,true\r\n\r\n';
    expect(parseFluxCsv(plain)).toEqual([
      { result: '_result', table: '0', _value: '7' },
      { result: '_result', table: '1', _value: 'true' },
    ]);
  });

  it('should type booleans, unsignedLong and infinities', () => {
    const csv = '#datatype,string,long,boolean,unsignedLong,double\n#default,_result,,,,\n,result,table,ok,n,x\n,,0,true,18446744073709,+Inf\n,,0,false,0,-Inf\n';
    expect(parseFluxCsv(csv)).toEqual([
      { result: '_result', table: 0, ok: true, n: 18446744073709, x: Number.POSITIVE_INFINITY },
      { result: '_result', table: 0, ok: false, n: 0, x: Number.NEGATIVE_INFINITY },
    ]);
  });

  it('should raise an error table streamed inside a 200 answer', () => {
    const csv = '#datatype,string,string\r\n#group,true,true\r\n#default,,\r\n,error,reference\r\n,"failed to create physical plan: bucket not found",897\r\n\r\n';
    expect(() => parseFluxCsv(csv)).toThrow(new FluxCsvError('InfluxDB streamed an error table: failed to create physical plan: bucket not found'));
  });

  it('should give nothing for an empty result', () => {
    expect(parseFluxCsv('\r\n')).toEqual([]);
  });
});

describe('parseAnnotatedCsv', () => {
  it('should keep raw strings and skip annotations', () => {
    expect(parseAnnotatedCsv(TWO_BLOCKS).map((r) => [r.table, r._value])).toEqual([
      ['0', '21.5'],
      ['0', ''],
      ['1', '{"unit": "°C", "note": "a,b"}'],
      ['2', 'line one\r\nline two'],
    ]);
  });
});
