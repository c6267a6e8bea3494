// Runbook 004 "Pre-Deployment Checklist" (L17-46): tools, disk, connectivity, env vars, compose validity, env files,
// non-default secrets, HA and InfluxDB credentials, auth on protected endpoints. Compose questions are answered by
// our own parser (lib/inventory), not by running `docker compose config`.
import { existsSync, readFileSync, statfsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Docker from 'dockerode';
import { execa } from 'execa';
import { describe, it } from 'vitest';
import { checkAtLeast, checkAuth, checkComposeProject, checkHealthBody, checkSecretsNotDefault, checkVersionAtLeast, onlyNecessary, type CheckResult } from '../../lib/checks/index.js';
import { loadInventory, parseDotenv } from '../../lib/inventory/index.js';
import { REFERENCE_COMPOSE_FILE } from '../../lib/stack/index.js';
import { gate, target } from '../_setup/gate.js';
import { choiceOf } from '../_setup/rebuild-gate.js';
import { devicesPath } from '../_setup/routes.js';

const t = target();
const docker = new Docker();
// The live target's own compose files, else the reference stack's.
const COMPOSE_FILE = t.composeFiles?.[0] ?? REFERENCE_COMPOSE_FILE;
const PROJECT_DIR = dirname(COMPOSE_FILE);
const inventory = () => loadInventory({ files: t.composeFiles ?? [COMPOSE_FILE], projectName: t.projectName, driver: 'v1', env: process.env });

describe('Runbook 004 — pre-deployment checklist', () => {
  it('RUN-PRE-1a: Docker and Docker Compose are installed', async (ctx) => {
    const engine = await docker.version().then((v) => v.Version, () => undefined);
    const v2 = await execa('docker', ['compose', 'version', '--short'], { reject: false, timeout: 10_000 });
    const v1 = v2.exitCode === 0 ? undefined : await execa('docker-compose', ['version', '--short'], { reject: false, timeout: 10_000 });
    const compose = v2.exitCode === 0 ? String(v2.stdout).trim().replace(/^v/, '') : v1?.exitCode === 0 ? String(v1.stdout).trim() : undefined;
    // "installed" (004 L21) names no version; the Phase 0 minimums (P0-S4-AC1a/b) are that gate's business.
    gate(
      ctx,
      checkVersionAtLeast('RUN-PRE-1a', 'Docker Engine', engine, '0', 'install Docker Engine and make /var/run/docker.sock reachable'),
      checkVersionAtLeast('RUN-PRE-1a', 'Docker Compose', compose, '0', 'install the compose plugin (`docker compose`) or docker-compose'),
    );
  });

  // D5.7: 004 L22 says 10 GB, 000 L331 says 50 GB; phasegate.config.ts decides (default prereq-000 = 50 GB).
  const diskGb = choiceOf('D5.7') === 'runbook-004' ? 10 : 50;
  it(`RUN-PRE-1b: at least ${diskGb} GB free disk where Docker keeps images and volumes (D5.7)`, async (ctx) => {
    const info = await docker.info();
    const root = info.DockerRootDir ?? '/var/lib/docker';
    const disk = statfsSync(root);
    gate(ctx, checkAtLeast('RUN-PRE-1b', `free disk under ${root}`, (disk.bavail * disk.bsize) / 1e9, diskGb, 'GB', `free space (docker system df, docker image prune); 004 asks 10 GB, 000 asks 50 GB (D5.7 choice: ${choiceOf('D5.7') ?? 'default'})`));
  });

  it('RUN-PRE-1c: network connectivity to Home Assistant (registries are not probed)', async (ctx) => {
    const ha = await checkHealthBody({ criterionId: 'RUN-PRE-1c', service: 'home-assistant', url: `${t.ha.url}/api/`, headers: { Authorization: `Bearer ${t.ha.token}` }, rule: { any: true } });
    gate(ctx, onlyNecessary(ha, 'reaching the image registries and package indexes the build pulls from is not probed (phasegate never contacts a registry)'));
  });

  it('RUN-PRE-1d: every variable the compose file interpolates is set, and every env_file exists', (ctx) => {
    gate(ctx, checkComposeProject(inventory, { criterionId: 'RUN-PRE-1d', what: 'required env vars set', kinds: ['unset-variable', 'missing-env-file'], services: t.services }));
  });

  it('RUN-PRE-2a: docker-compose.yml is a valid compose project (parsed and checked by lib/inventory)', (ctx) => {
    gate(ctx, checkComposeProject(inventory, { criterionId: 'RUN-PRE-2a', what: 'docker-compose.yml valid', kinds: ['unknown-dependency', 'inactive-dependency', 'duplicate-host-port', 'healthy-condition-without-healthcheck'], services: t.services }));
  });

  it('RUN-PRE-2b: the env files .env and infrastructure/env.production exist', (ctx) => {
    const results: CheckResult[] = ['.env', join('infrastructure', 'env.production')].map((file) => {
      const path = join(PROJECT_DIR, file);
      const ok = existsSync(path);
      return {
        criterionId: 'RUN-PRE-2b',
        title: `env file ${file}`,
        status: ok ? 'passed' : 'failed',
        measurement: ok,
        limit: 'exists',
        message: ok ? `${path} exists` : `${path} does not exist; 004 L29 requires it before deploying. hint: copy infrastructure/env.example and fill in real values`,
      };
    });
    gate(ctx, ...results);
  });

  it('RUN-PRE-2c: API keys and tokens are set and are neither env.example placeholders nor HomeIQ\'s known defaults', (ctx) => {
    const inv = inventory();
    const template = [join(PROJECT_DIR, 'infrastructure', 'env.example'), join(PROJECT_DIR, '.env.example')].find((p) => existsSync(p));
    const variables = inv.services.filter((s) => t.services.includes(s.name)).flatMap((s) => s.environment.filter((e) => e.secret).map((e) => ({ service: s.name, name: e.name, value: e.value })));
    gate(
      ctx,
      checkSecretsNotDefault(variables, { criterionId: 'RUN-PRE-2c', ...(template ? { template: parseDotenv(readFileSync(template, 'utf8'), { file: template }) } : {}) }),
      checkComposeProject(() => inv, { criterionId: 'RUN-PRE-2c', what: 'no secret with a hard-coded compose default', kinds: ['hardcoded-secret-default'], services: t.services }),
    );
  });

  it('RUN-PRE-2d: Home Assistant URL and token verified (GET /api/ with the Bearer token → 200)', async (ctx) => {
    gate(ctx, await checkHealthBody({ criterionId: 'RUN-PRE-2d', service: 'home-assistant', url: `${t.ha.url}/api/`, headers: { Authorization: `Bearer ${t.ha.token}` }, rule: { field: 'message', equals: 'API running.' } }));
  });

  it('RUN-PRE-2e: InfluxDB credentials confirmed (GET /api/v2/buckets with the token → 200, bucket listed)', async (ctx) => {
    gate(ctx, await checkHealthBody({ criterionId: 'RUN-PRE-2e', service: 'influxdb', url: `${t.influx.url}/api/v2/buckets`, headers: { Authorization: `Token ${t.influx.token}` }, rule: { contains: t.influx.bucket } }));
  });

  it(`RUN-PRE-3c: protected endpoints reject calls without a valid key (data-api /api/v1/events, ${devicesPath()})`, async (ctx) => {
    const attempts = [{ label: 'no key' }, { label: 'Bearer invalid', headers: { Authorization: 'Bearer invalid' } }];
    gate(
      ctx,
      await checkAuth({ criterionId: 'RUN-PRE-3c', service: 'data-api', url: `${t.urls['data-api']}/api/v1/events?limit=1`, expect: 'rejected', attempts }),
      await checkAuth({ criterionId: 'RUN-PRE-3c', service: 'data-api', url: `${t.urls['data-api']}${devicesPath()}`, expect: 'rejected', attempts }),
    );
  });
});
