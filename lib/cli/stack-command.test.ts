import { describe, expect, it } from 'vitest';
import type { ContainerState } from '../docker/container-inspector.js';
import { formatStackStatus, parseKnobs } from './stack-command.js';

describe('parseKnobs', () => {
  it('should read JSON values and keep bare words as strings', () => {
    expect(parseKnobs(['latencyMs=700', 'stopWriting=true', 'healthStatus=degraded', 'missingTab="sports"'])).toEqual({ latencyMs: 700, stopWriting: true, healthStatus: 'degraded', missingTab: 'sports' });
  });

  it('should reject a knob without a value', () => {
    expect(() => parseKnobs(['latencyMs'])).toThrowError('fault knob "latencyMs" must look like name=value\nhint: e.g. latencyMs=700 or stopWriting=true');
  });
});

describe('formatStackStatus', () => {
  it('should list containers with health, restarts and URL', () => {
    const s = (service: string, health: ContainerState['health'], restartCount = 0): ContainerState => ({ id: service, name: `homeiq-${service}`, service, state: 'running', health, restartCount, startedAt: '', imageId: '', exitCode: 0 });
    expect(formatStackStatus([s('influxdb', 'healthy'), s('data-api', 'unhealthy', 2)], { influxdb: 'http://127.0.0.1:8086', 'data-api': 'http://127.0.0.1:8006' })).toMatchInlineSnapshot(`
      "service   container        state/health       restarts  url
      data-api  homeiq-data-api  running/unhealthy  2         http://127.0.0.1:8006
      influxdb  homeiq-influxdb  running/healthy    0         http://127.0.0.1:8086

      1/2 healthy"
    `);
  });
});
