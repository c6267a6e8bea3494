// Phase 0, Story 2: the websocket-ingestion service is healthy by its body, quiet in its logs, and ingesting; its
// diagnostics are saved (logs, inspect, stats under reports/phase0/diagnostics/, secrets masked); it reaches
// InfluxDB and Home Assistant's HTTP API (with its own URL and token) from inside its container and has its HA_*/INFLUX*
// environment; it stays healthy; and it recovers from a
// `docker restart` (000 Task 2.3), watched afterwards (001 §0.2). The recovery tests run last: they restart it.
import Docker from 'dockerode';
import { describe, inject, it } from 'vitest';
import {
  checkContainersHealthy,
  checkContainerWatch,
  checkDnsFromContainer,
  checkEnvVars,
  checkEventsFlowing,
  checkEvidenceFiles,
  checkHaApiFromContainer,
  checkHealthBody,
  checkInfluxFromContainer,
  checkNoErrorLogs,
  checkRecovery,
  haApiInContainer,
  httpGetInContainer,
  influxHealthUrlInside,
  isHostNetwork,
  resolveInContainer,
  rollUp,
  watchContainer,
} from '../../lib/checks/index.js';
import { DockerodeContainerInspector, waitForHealthy } from '../../lib/docker/index.js';
import { FluxClient } from '../../lib/influx/index.js';
import { diagnosticsDir, writeEvidence } from '../../lib/reports/phase0-artifacts.js';
import { ExecaCommandRunner } from '../../lib/system/command-runner.js';
import { gate, target } from '../_setup/gate.js';
import { captureContainerDiagnostics } from '../_setup/phase0-evidence.js';

const t = target();
const SERVICE = 'websocket-ingestion';
const health = `${t.urls[SERVICE]}/health`;
const container = t.initialContainers.find((c) => c.service === SERVICE)?.name ?? 'homeiq-websocket';
const docker = new Docker();
const inspector = new DockerodeContainerInspector();
const runner = new ExecaCommandRunner();
const dir = diagnosticsDir('phase0');

describe('Phase 0 — websocket-ingestion (000 Story 2, 001 Critical Issue 1)', () => {
  it('P0-S2-AC3a / P0-S2-AC1d / P0-001-CI1: /health answers 200 with status "healthy"', async (ctx) => {
    const results = await Promise.all(
      ['P0-S2-AC3a', 'P0-S2-AC1d', 'P0-001-CI1'].map((id) => checkHealthBody({ criterionId: id, service: SERVICE, url: health, rule: { field: 'status', equals: 'healthy' } })),
    );
    gate(ctx, ...results);
  });

  it('P0-S2-AC3b: websocket logs show no errors', async (ctx) => {
    const states = await inspector.listProject(t.projectName);
    gate(ctx, await checkNoErrorLogs(inspector, states, { criterionId: 'P0-S2-AC3b', services: [SERVICE], tail: 500 }));
  });

  it('P0-S2-AC3c: events are being ingested (count > 0 and rising)', async (ctx) => {
    const flux = new FluxClient({ url: t.influx.url, token: t.influx.token, org: t.influx.org });
    gate(ctx, await checkEventsFlowing({ criterionId: 'P0-S2-AC3c', ingestionHealthUrl: health, flux, bucket: t.influx.bucket }));
  });

  it('P0-S2-AC1a/b/c: logs (last 500 lines), container inspect and resource stats saved, secrets masked', async (ctx) => {
    const saved = await captureContainerDiagnostics({ docker, inspector }, container, SERVICE, dir);
    gate(
      ctx,
      checkEvidenceFiles([saved.logs], { criterionId: 'P0-S2-AC1a', what: `${SERVICE} log tail (500 lines)` }),
      checkEvidenceFiles([saved.inspect], { criterionId: 'P0-S2-AC1b', what: `${SERVICE} container inspect` }),
      checkEvidenceFiles([saved.stats], { criterionId: 'P0-S2-AC1c', what: `${SERVICE} resource stats` }),
    );
  });

  it('P0-S2-AC2a: InfluxDB reachable from inside the websocket container', async (ctx) => {
    const info = await docker.getContainer(container).inspect();
    const url = influxHealthUrlInside({ networkMode: info.HostConfig.NetworkMode ?? 'default', hostInfluxUrl: t.influx.url });
    const { outcome, command } = await httpGetInContainer(runner, container, url);
    gate(ctx, checkInfluxFromContainer(outcome, { service: SERVICE, container, url, command }));
  });

  it('P0-S2-AC2b: Home Assistant\'s HTTP API answers inside the websocket container, with its own URL and token (D3.7)', async (ctx) => {
    const auth = inject('haProbeAuth');
    const { outcome, command } = await haApiInContainer(runner, container, auth);
    gate(ctx, checkHaApiFromContainer(outcome, { service: SERVICE, container, command, auth }));
  });

  it('P0-S2-AC2c: HA_* and INFLUX* environment variables present (values masked)', async (ctx) => {
    const info = await docker.getContainer(container).inspect();
    gate(ctx, checkEnvVars(info.Config.Env ?? [], { service: SERVICE }));
  });

  it('P0-S2-AC2d: the name influxdb resolves inside the websocket container (n/a on a host network)', async (ctx) => {
    const networkMode = (await docker.getContainer(container).inspect()).HostConfig.NetworkMode ?? 'default';
    const lookup = isHostNetwork(networkMode) ? undefined : await resolveInContainer(runner, container, 'influxdb');
    gate(ctx, checkDnsFromContainer(lookup?.outcome, { service: SERVICE, container, networkMode, command: lookup?.command ?? 'nslookup influxdb' }));
  });

  it('P0-S2-AC3d: websocket stable (healthy, no restarts; the criterion asks 30 min, watched here 30 s)', { timeout: 90_000 }, async (ctx) => {
    const samples = await watchContainer(() => inspector.inspect(container), { durationMs: 30_000, intervalMs: 10_000 });
    gate(ctx, checkContainerWatch(samples, { criterionId: 'P0-S2-AC3d', service: SERVICE, requiredWindowMs: 30 * 60_000, maxGapMs: 60_000 }));
  });

  it('P0-SC2: websocket-ingestion healthy (Docker Health.Status and its /health body) — the Phase 1 gate', async (ctx) => {
    const states = await inspector.listProject(t.projectName);
    const state = checkContainersHealthy(states, { criterionId: 'P0-SC2', expected: [SERVICE] });
    const body = await checkHealthBody({ criterionId: 'P0-SC2', service: SERVICE, url: health, rule: { field: 'status', equals: 'healthy' } });
    gate(ctx, rollUp('P0-SC2', `${SERVICE} healthy (Blocker 1)`, [state, body]));
  });

  it('P0-S2-T3: recovery — docker restart, then healthy within 30 s (000 Task 2.3)', { timeout: 120_000 }, async (ctx) => {
    let restartError: string | undefined;
    try {
      await docker.getContainer(container).restart({ t: 10 });
    } catch (error) {
      restartError = error instanceof Error ? error.message : String(error);
    }
    const started = performance.now();
    let waitError: string | undefined;
    if (!restartError) await waitForHealthy(inspector, [container], { timeoutMs: 30_000, intervalMs: 500 }).catch((e: unknown) => (waitError = e instanceof Error ? e.message.split('\n', 1)[0] : String(e)));
    const elapsedMs = performance.now() - started;
    const after = await inspector.inspect(container).catch(() => undefined);
    gate(ctx, checkRecovery({ service: SERVICE, elapsedMs, ...(restartError ? { restartError } : {}), ...(waitError ? { waitError } : {}), ...(after ? { after } : {}) }));
  });

  it('P0-001-T2: after the restart, websocket-ingestion watched 5 min (poll 10 s): healthy, no restart', { timeout: 420_000 }, async (ctx) => {
    const samples = await watchContainer(() => inspector.inspect(container), { durationMs: 300_000, intervalMs: 10_000 });
    writeEvidence(dir, `${SERVICE}.watch.json`, samples);
    gate(ctx, checkContainerWatch(samples, { criterionId: 'P0-001-T2', service: SERVICE, requiredWindowMs: 300_000, maxGapMs: 20_000 }));
  });
});
