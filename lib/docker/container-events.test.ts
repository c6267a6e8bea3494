import { describe, expect, it } from 'vitest';
import { parseDockerEvents } from './container-events.js';

const ev = (action: string, service: string, timeNano: number, extra: Record<string, string> = {}) =>
  JSON.stringify({ Type: 'container', Action: action, status: action, time: Math.floor(timeNano / 1e9), timeNano, Actor: { ID: 'abc', Attributes: { name: `homeiq-${service}`, 'com.docker.compose.service': service, ...extra } } });

describe('parseDockerEvents', () => {
  it('should read container events line by line, oldest first, with service, container, action and exit code', () => {
    const text = [ev('start', 'influxdb', 1_764_640_002_500_000_000), ev('die', 'influxdb', 1_764_640_001_000_000_000, { exitCode: '0' }), JSON.stringify({ Type: 'network', Action: 'connect' }), 'not json', ''].join('\n');
    expect(parseDockerEvents(text)).toEqual([
      { timeMs: 1_764_640_001_000, action: 'die', service: 'influxdb', container: 'homeiq-influxdb', exitCode: 0 },
      { timeMs: 1_764_640_002_500, action: 'start', service: 'influxdb', container: 'homeiq-influxdb' },
    ]);
  });
});
