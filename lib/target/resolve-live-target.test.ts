import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { UnsafeTargetError } from '../common/errors.js';
import { clearRegisteredSecrets, maskSecrets } from '../common/secrets.js';
import { PhasegateConfigSchema, type PhasegateUserConfig } from '../config/schema.js';
import { loadLiveTarget, topLevelName } from './load-live-target.js';

const ROOT = resolve(import.meta.dirname, '../..');
const FIXTURE = join(ROOT, 'fixtures/live/homeiq');

/** A loaded config as if `phasegate.config.ts` sat in `dir`. */
function loaded(dir: string, input: PhasegateUserConfig = {}) {
  return { path: join(dir, 'phasegate.config.ts'), file: 'phasegate.config.ts', config: PhasegateConfigSchema.parse({ target: 'live', ...input }) };
}

function scratch(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'pg-live-target-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

afterEach(() => clearRegisteredSecrets());

describe('loadLiveTarget', () => {
  it('should resolve a HomeIQ checkout: project from name:, loopback URLs, expected services, Influx/HA/key from .env, repoRoot = compose dir', () => {
    const { target, envFile } = loadLiveTarget(loaded(FIXTURE), { env: {} });
    expect(envFile).toBe(join(FIXTURE, '.env'));
    expect(target.projectName).toBe('homeiq');
    expect(target.composeFiles).toEqual([join(FIXTURE, 'docker-compose.yml')]);
    expect(target.workingDir).toBe(FIXTURE);
    expect(target.urls).toEqual({
      influxdb: 'http://127.0.0.1:8086',
      'data-api': 'http://127.0.0.1:8006',
      'websocket-ingestion': 'http://127.0.0.1:8001',
      'admin-api': 'http://127.0.0.1:8004',
      'health-dashboard': 'http://127.0.0.1:3000',
      'ai-pattern-service': 'http://127.0.0.1:8034',
    });
    expect(target.services).toEqual(['influxdb', 'data-api', 'websocket-ingestion', 'admin-api', 'health-dashboard', 'ai-pattern-service', 'ner-service']);
    expect(target.withoutUrl).toEqual([{ service: 'ner-service', reason: 'no published TCP port' }]);
    expect(target.containerNames['data-api']).toBe('homeiq-data-api');
    expect(target.influx).toEqual({ url: 'http://127.0.0.1:8086', org: 'homeiq', bucket: 'home_assistant_events', token: 'live-fixture-influx-token-7f3a' });
    expect(target.ha).toEqual({ url: 'http://127.0.0.1:8123', token: 'live-fixture-ha-token-91c2' });
    expect(target.apiKey).toBe('live-fixture-api-key-5d0e');
    expect(target.repoRoot).toBe(FIXTURE);
    expect([...target.secrets].sort()).toEqual(['live-fixture-api-key-5d0e', 'live-fixture-ha-token-91c2', 'live-fixture-influx-token-7f3a']);
  });

  it('should register every secret so it is masked', () => {
    loadLiveTarget(loaded(FIXTURE), { env: {} });
    expect(maskSecrets('token live-fixture-influx-token-7f3a and key live-fixture-api-key-5d0e')).toBe('token *** and key ***');
  });

  it('should honour compose profiles, optional services, port overrides, audit.repoRoot and the shell environment over .env', () => {
    const { target } = loadLiveTarget(loaded(FIXTURE, {
      compose: { profiles: ['production'] },
      services: { 'ner-service': { optional: true }, 'health-dashboard': { port: 3300 } },
      audit: { repoRoot: '../../homeiq-tree/after-phase1' },
    }), { env: { INFLUXDB_ORG: 'shell-org', API_KEY: '', DATA_API_KEY: 'data-api-key-from-shell' } });
    expect(target.services).toContain('calendar');
    expect(target.services).not.toContain('ner-service');
    expect(target.urls.calendar).toBe('http://127.0.0.1:8013');
    expect(target.urls['health-dashboard']).toBe('http://127.0.0.1:3300');
    expect(target.influx.org).toBe('shell-org');
    expect(target.apiKey).toBe('data-api-key-from-shell');
    expect(target.repoRoot).toBe(join(ROOT, 'fixtures/homeiq-tree/after-phase1'));
  });

  it('should take the project name from COMPOSE_PROJECT_NAME, then name:, then compose.projectName, then the directory', () => {
    const withName = scratch({ 'docker-compose.yml': 'name: homeiq\nservices:\n  influxdb:\n    image: influxdb\n    ports: ["8086:8086"]\n    container_name: homeiq-influxdb\n', '.env': 'HOME_ASSISTANT_URL=http://127.0.0.1:8123\n' });
    expect(loadLiveTarget(loaded(withName, { compose: { projectName: 'other' } }), { env: {} }).target.projectName).toBe('homeiq');
    expect(loadLiveTarget(loaded(withName), { env: { COMPOSE_PROJECT_NAME: 'staging' } }).target.projectName).toBe('staging');
    const without = scratch({ 'docker-compose.yml': 'services:\n  influxdb:\n    image: influxdb\n    ports: ["8086:8086"]\n', '.env': 'HOME_ASSISTANT_URL=http://localhost:8123\n' });
    const fromConfig = loadLiveTarget(loaded(without, { compose: { projectName: 'myhome' } }), { env: {} }).target;
    expect(fromConfig.projectName).toBe('myhome');
    expect(fromConfig.containerNames.influxdb).toBe('myhome-influxdb-1');
    expect(fromConfig.ha.url).toBe('http://localhost:8123');
    const dirName = loadLiveTarget(loaded(without), { env: {} }).target.projectName;
    expect(dirName).toMatch(/^pg-live-target-/);
    expect(topLevelName([join(withName, 'docker-compose.yml')])).toBe('homeiq');
  });

  it('should refuse an expected service published only on a LAN address, naming it, the binding and the rule', () => {
    const dir = scratch({
      'docker-compose.yml': 'name: homeiq\nservices:\n  influxdb:\n    image: influxdb\n    ports: ["8086:8086"]\n  data-api:\n    image: d\n    ports: ["192.168.1.20:8006:8006"]\n',
      '.env': 'HOME_ASSISTANT_URL=http://127.0.0.1:8123\n',
    });
    const run = () => loadLiveTarget(loaded(dir), { env: {} });
    expect(run).toThrow(UnsafeTargetError);
    expect(run).toThrow(`live target ${join(dir, 'docker-compose.yml')}: data-api published only on 192.168.1.20:8006:8006, not reachable on 127.0.0.1; phasegate sends traffic only to 127.0.0.1\nhint: publish it on all interfaces or 127.0.0.1 ("127.0.0.1:8006:8006"), set services.<name>.port to a loopback port (e.g. an SSH tunnel), or mark it services.<name>.optional`);
    // Optional: left out of the URLs and the expected set instead.
    const { target } = loadLiveTarget(loaded(dir, { services: { 'data-api': { optional: true } } }), { env: {} });
    expect(target.urls['data-api']).toBeUndefined();
    expect(target.withoutUrl).toEqual([{ service: 'data-api', reason: 'published only on 192.168.1.20:8006:8006' }]);
  });

  it('should refuse a Home Assistant on the LAN unless live.haUrl points at a loopback tunnel', () => {
    const dir = scratch({
      'docker-compose.yml': 'name: homeiq\nservices:\n  influxdb:\n    image: influxdb\n    ports: ["8086:8086"]\n',
      '.env': 'HOME_ASSISTANT_URL=http://192.168.1.50:8123\nHOME_ASSISTANT_TOKEN=lan-ha-token-value\n',
    });
    expect(() => loadLiveTarget(loaded(dir), { env: {} })).toThrow('live target: Home Assistant at http://192.168.1.50:8123 (HOME_ASSISTANT_URL in .env) is not on 127.0.0.1; phasegate sends traffic only to 127.0.0.1\nhint: tunnel Home Assistant to this machine (ssh -L 8123:<ha-host>:8123 …) and set live.haUrl: "http://127.0.0.1:8123" in the config');
    expect(loadLiveTarget(loaded(dir, { live: { haUrl: 'http://127.0.0.1:18123/' } }), { env: {} }).target.ha).toEqual({ url: 'http://127.0.0.1:18123', token: 'lan-ha-token-value' });
    expect(() => loadLiveTarget(loaded(dir, { live: { haUrl: 'http://ha.local:8123' } }), { env: {} })).toThrow('live.haUrl http://ha.local:8123 is not on 127.0.0.1; phasegate sends traffic only to 127.0.0.1');
  });

  it('should take the ha-simulator port when HOME_ASSISTANT_URL names the compose service', () => {
    const dir = scratch({
      'docker-compose.yml': 'name: homeiq\nservices:\n  influxdb:\n    image: influxdb\n    ports: ["8086:8086"]\n  ha-simulator:\n    image: sim\n    ports: ["8123:8123"]\n',
      '.env': 'HOME_ASSISTANT_URL=http://ha-simulator:8123\n',
    });
    expect(loadLiveTarget(loaded(dir), { env: {} }).target.ha.url).toBe('http://127.0.0.1:8123');
  });

  it('should refuse a project whose InfluxDB has no loopback URL', () => {
    const dir = scratch({ 'docker-compose.yml': 'name: homeiq\nservices:\n  influxdb:\n    image: influxdb\n    expose: ["8086"]\n', '.env': '' });
    expect(() => loadLiveTarget(loaded(dir), { env: {} })).toThrow(`live target ${join(dir, 'docker-compose.yml')}: InfluxDB has no URL on 127.0.0.1 (service "influxdb" publishes no loopback-reachable TCP port); phasegate sends traffic only to 127.0.0.1\nhint: publish influxdb on 8086 ("8086:8086" or "127.0.0.1:8086:8086"), or set services.influxdb.port to a loopback port`);
  });
});
