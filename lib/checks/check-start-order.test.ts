import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadInventory } from '../inventory/load-inventory.js';
import { checkStartOrder } from './check-start-order.js';

const inventory = loadInventory({ files: [join(import.meta.dirname, '..', '..', 'fixtures', 'homeiq-tree', 'rebuild-003', 'good', 'docker-compose.yml')], env: {} });
const at = (s: number) => new Date(Date.UTC(2026, 11, 2, 5, 0, s)).toISOString();
const state = (service: string, s: number, restartCount = 0) => ({ service, startedAt: at(s), restartCount });

describe('checkStartOrder (RB-DP-1)', () => {
  it('should pass when every container started after its dependencies', () => {
    const r = checkStartOrder([state('influxdb', 0), state('data-api', 5), state('websocket-ingestion', 20), state('admin-api', 21), state('health-dashboard', 40)], inventory);
    expect(r).toMatchObject({ status: 'passed', message: '6 depends_on edge(s) between 5 started containers kept in order' });
  });

  it('should name a service that started before its dependency', () => {
    const r = checkStartOrder([state('influxdb', 0), state('data-api', 30), state('websocket-ingestion', 20), state('admin-api', 21)], inventory);
    expect(r.status).toBe('failed');
    expect(r.message).toBe('2 of 5 depends_on edge(s) out of order: websocket-ingestion started 10.0 s before its dependency data-api (service_healthy); admin-api started 9.0 s before its dependency data-api (service_healthy). hint: was the service started with --no-deps, or recreated alone after `up -d`?');
  });

  it('should not judge an edge whose dependency restarted since, and skip when there is no edge', () => {
    const r = checkStartOrder([state('influxdb', 0), state('data-api', 30, 1), state('websocket-ingestion', 20)], inventory);
    expect(r).toMatchObject({ status: 'passed', message: '2 depends_on edge(s) between 3 started containers kept in order; not judged, restarted since: data-api (RestartCount 1)' });
    expect(checkStartOrder([state('influxdb', 0), { service: 'data-api', startedAt: '0001-01-01T00:00:00Z', restartCount: 0 }], inventory).status).toBe('skipped');
  });
});
