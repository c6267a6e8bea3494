import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { availabilityTargets } from './availability.js';
import { healthEndpoints } from './health-endpoints.js';

// The reference compose file is read as it is (no Docker): each service's health path comes from its healthcheck.
const urls = {
  'data-api': 'http://127.0.0.1:8006',
  'rule-recommendation-ml': 'http://127.0.0.1:8040',
  'device-intelligence-service': 'http://127.0.0.1:8028',
  'health-dashboard': 'http://127.0.0.1:3000',
  influxdb: 'http://127.0.0.1:8086',
};
const base = { projectName: 'homeiq', services: Object.keys(urls), urls };
const byService = (list: ReadonlyArray<{ service: string }>) => Object.fromEntries(list.map((e) => [e.service, e]));

describe('healthEndpoints', () => {
  it("follows each service's own compose healthcheck path and body shape", () => {
    const e = byService(healthEndpoints(base));
    expect(e['rule-recommendation-ml']).toEqual({ service: 'rule-recommendation-ml', url: 'http://127.0.0.1:8040/api/v1/health', rule: { field: 'status', equals: 'healthy' } });
    expect(e['device-intelligence-service']).toMatchObject({ url: 'http://127.0.0.1:8028/health/' });
    expect(e['influxdb']).toMatchObject({ rule: { field: 'status', equals: 'pass' } });
    expect(e['health-dashboard']).toMatchObject({ rule: { any: true } });
  });

  it("lets the config's services.<name>.healthPath and bodyRule win over the compose healthcheck", () => {
    const e = byService(healthEndpoints({ ...base, healthOverrides: { 'data-api': { healthPath: '/api/v1/health', bodyRule: { field: 'status', oneOf: ['healthy', 'degraded'] } }, 'rule-recommendation-ml': { bodyRule: { any: true } } } }));
    expect(e['data-api']).toEqual({ service: 'data-api', url: 'http://127.0.0.1:8006/api/v1/health', rule: { field: 'status', oneOf: ['healthy', 'degraded'] } });
    expect(e['rule-recommendation-ml']).toEqual({ service: 'rule-recommendation-ml', url: 'http://127.0.0.1:8040/api/v1/health', rule: { any: true } });
  });

  it("reads a live target's compose project with its own env file and profiles, not just the shell environment", () => {
    const dir = mkdtempSync(join(tmpdir(), 'phasegate-health-endpoints-'));
    try {
      // The health path and port live in an env file that is not next to the compose file, and the service is in a
      // profile: read with the shell environment only, it would be unknown and probed on a guessed /health.
      writeFileSync(join(dir, 'docker-compose.yml'), [
        'services:',
        '  ml-service:',
        '    image: ml',
        '    profiles: [ml]',
        '    ports: ["${ML_PORT:-8000}:8000"]',
        '    healthcheck:',
        '      test: ["CMD", "curl", "-f", "http://localhost:8000${ML_HEALTH_PATH:-/health}"]',
        '',
      ].join('\n'));
      writeFileSync(join(dir, 'live.env'), 'ML_PORT=8041\nML_HEALTH_PATH=/api/v1/health\n');
      const live = { projectName: 'homeiq', services: ['ml-service'], urls: { 'ml-service': 'http://127.0.0.1:8041' }, composeFiles: [join(dir, 'docker-compose.yml')] };
      expect(healthEndpoints({ ...live, composeEnvFile: join(dir, 'live.env'), composeProfiles: ['ml'] })).toEqual([
        { service: 'ml-service', url: 'http://127.0.0.1:8041/api/v1/health', rule: { field: 'status', equals: 'healthy' } },
      ]);
      expect(healthEndpoints({ ...live, composeProfiles: [] })).toEqual([{ service: 'ml-service', url: 'http://127.0.0.1:8041/health', rule: { field: 'status', equals: 'healthy' } }]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('falls back to /health on the host port for a service the compose file does not know', () => {
    const e = byService(healthEndpoints({ projectName: 'homeiq', services: ['extra-service'], urls: { 'extra-service': 'http://127.0.0.1:9999' } }));
    expect(e['extra-service']).toMatchObject({ url: 'http://127.0.0.1:9999/health' });
  });
});

describe('availabilityTargets (DEP-0)', () => {
  it('probes every service on the path it serves, so a service with /api/v1/health is not read as a 404 gap', () => {
    const targets = byService(availabilityTargets(base));
    expect(targets['rule-recommendation-ml']).toEqual({ service: 'rule-recommendation-ml', url: 'http://127.0.0.1:8040/api/v1/health' });
    expect(targets['data-api']).toEqual({ service: 'data-api', url: 'http://127.0.0.1:8006/health' });
  });
});
