// Runbook 004 pipeline gates a running target can answer (L55-67: compose validation, post-deploy health, database
// connectivity, dependency checks) and the manual steps 1, 3, 4 and 5 (L78-163). The CI-only gates (tests, Trivy,
// code quality, notifications) and the build/track steps are not decided here; see docs/checks.md.
import { describe, it } from 'vitest';
import { checkComposeProject, checkContainersHealthy, checkHealthBody, onlyNecessary } from '../../lib/checks/index.js';
import { DockerodeContainerInspector } from '../../lib/docker/index.js';
import { loadInventory } from '../../lib/inventory/index.js';
import { REFERENCE_COMPOSE_FILE } from '../../lib/stack/index.js';
import { gate, target } from '../_setup/gate.js';
import { checkEveryServiceHealth } from '../_setup/health-endpoints.js';

const t = target();
const inspector = new DockerodeContainerInspector();
const inventory = () => loadInventory({ files: t.composeFiles ?? [REFERENCE_COMPOSE_FILE], projectName: t.projectName, driver: 'v1', env: process.env });
const u = (service: string, path: string) => `${t.urls[service]}${path}`;

/** data-api sees InfluxDB (its body reports real connectivity) and admin-api sees every dependency healthy. */
const connectivity = (criterionId: string) =>
  Promise.all([
    checkHealthBody({ criterionId, service: 'data-api', url: u('data-api', '/health'), rule: { field: 'dependencies.influxdb.status', equals: 'connected' } }),
    checkHealthBody({ criterionId, service: 'admin-api', url: u('admin-api', '/api/v1/health'), rule: { field: 'status', equals: 'healthy' } }),
  ]);

describe('Runbook 004 — pipeline gates and manual deployment steps', () => {
  it('RUN-GATE-4: the compose configuration validates', (ctx) => {
    gate(ctx, checkComposeProject(inventory, { criterionId: 'RUN-GATE-4', what: 'compose config validation', kinds: ['unknown-dependency', 'inactive-dependency', 'duplicate-host-port'], services: t.services }));
  });

  it('RUN-GATE-5: post-deploy health of every service (judged by body), database connectivity and dependency checks', async (ctx) => {
    gate(ctx, ...(await checkEveryServiceHealth(t, 'RUN-GATE-5')), ...(await connectivity('RUN-GATE-5')));
  });

  it('RUN-M1: pre-deployment validation — compose config, env vars, service dependencies (resource limits not judged)', (ctx) => {
    const result = checkComposeProject(inventory, {
      criterionId: 'RUN-M1',
      what: 'validate-deployment --pre-deployment',
      kinds: ['unset-variable', 'missing-env-file', 'unknown-dependency', 'inactive-dependency', 'healthy-condition-without-healthcheck'],
      services: t.services,
    });
    gate(ctx, onlyNecessary(result, 'the "resource limits" part of validate-deployment.py is not written down in 004 (L78-89), so no limit is judged'));
  });

  it('RUN-M3: after `up -d` every expected container runs (and is healthy)', async (ctx) => {
    const states = await inspector.listProject(t.projectName);
    gate(ctx, onlyNecessary(checkContainersHealthy(states, { criterionId: 'RUN-M3', expected: t.services }), 'the "< 1 min" start time of `up -d` belongs to the setup hook\'s start, which is not timed per deployment here'));
  });

  it('RUN-M4: post-deployment validation — services, database and inter-service connectivity', async (ctx) => {
    gate(ctx, ...(await connectivity('RUN-M4')));
  });

  it('RUN-M5: health check of the critical services :8001, :8006, :8004 (HTTP 200 and a healthy body)', async (ctx) => {
    gate(
      ctx,
      ...(await Promise.all(
        ['websocket-ingestion', 'data-api', 'admin-api'].map((service) => checkHealthBody({ criterionId: 'RUN-M5', service, url: u(service, '/health'), rule: { field: 'status', equals: 'healthy' } })),
      )),
    );
  });
});
