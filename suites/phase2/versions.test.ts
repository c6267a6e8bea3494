// Phase 2 version audits (001 §2.1-2.8), static over the HomeIQ checkout the target names (config audit.repoRoot).
// The reference target's tree is the state after Phase 1, so these fail there until a Phase 2 tree is audited.
import { describe, it } from 'vitest';
import { ASYNCIO_MQTT_RULES, FRONTEND_APPS, INFLUXDB_CLIENT_RULES, PHASE2_BASE_PINS, PHASE2_NPM_VERSIONS, scanRepo } from '../../lib/audit/index.js';
import { checkBasePins, checkNoGrepHits, checkNpmVersions } from '../../lib/checks/index.js';
import { gate, target } from '../_setup/gate.js';

const t = target();
const scan = scanRepo(t.repoRoot);

describe('Phase 2 — versions (HomeIQ checkout at audit.repoRoot)', () => {
  it('P2-T1: requirements-base pytest >=9.0.2,<10; tenacity >=9.1.2,<10; influxdb3-python >=0.17.0,<1.0', (ctx) => {
    gate(ctx, checkBasePins(scan, { criterionId: 'P2-T1', pins: PHASE2_BASE_PINS }));
  });

  it('P2-T2c: no asyncio_mqtt / asyncio-mqtt left in requirements or imports', (ctx) => {
    gate(ctx, checkNoGrepHits(scan.root, 'P2-T2c', 'asyncio_mqtt in requirements and imports', ASYNCIO_MQTT_RULES, ['services', 'domains', 'shared', 'libs']));
  });

  it('P2-T2d: no influxdb_client imports (all writers on influxdb3-python)', (ctx) => {
    gate(ctx, checkNoGrepHits(scan.root, 'P2-T2d', 'influxdb_client imports and requirements', INFLUXDB_CLIENT_RULES, ['.']));
  });

  it('P2-B6: both frontends on vitest 4.0.17, @playwright/test 1.58.1, happy-dom 20.5.0, msw 2.12.8', (ctx) => {
    gate(ctx, checkNpmVersions(scan, 'P2-B6', PHASE2_NPM_VERSIONS, FRONTEND_APPS, '001 L641-644'));
  });
});
