// The setup hook of suites/rollback: the plans' rollback procedures run for real on the reference stack, done the
// safe way (recorded image ids, verified by a health re-run, data restore verified — never the plans' `:phase2-backup`
// (D7.1) or an extract over existing data (D7.5)):
//   1. pre-rollback backup: every project volume archived, checksummed and restore-tested (DEP-RB-P3);
//   2. a deployment (lib/plans/rollback-drill.ts) rebuilt and seen healthy;
//   3. the emergency / full rollback (001 L1226-1270, L1500-1548): the recorded images back, each service recreated
//      and verified; then the data volumes restored from the backup with their owners stopped; every container Up
//      and the services 001 names answering (DEP-RB-V1, DEP-RB-V3), the restored window queried again;
//   4. the automatic rollback (004 L271-285): the same deployment with a new admin-api image that never becomes
//      healthy; the executor must roll the run back by itself and the health re-run must pass (RUN-RB-1, RUN-RB-2).
// Every verdict is computed here, right after its step, and handed to the tests as CheckResults by criterion ID.
import { join, relative } from 'node:path';
import { execa } from 'execa';
import { createBackup, restoreVolume, verifyBackup } from '../../lib/backup/index.js';
import { checkBackupCriterion, checkContainersHealthy, checkHealthBody, checkHealthSweep, checkHealthTriggered, checkQueryResultsIdentical, checkRollback, checkRollbackTracked, checkRunningImages, rollUp } from '../../lib/checks/index.js';
import { waitForHealthy } from '../../lib/docker/index.js';
import { FluxClient } from '../../lib/influx/flux-client.js';
import { resolvePlan } from '../../lib/plans/resolve-plan.js';
import { ROLLBACK_DRILL_PLAN } from '../../lib/plans/rollback-drill.js';
import { ComposeRebuildDriver, rebuildTargets } from '../../lib/rebuild/compose-rebuild-driver.js';
import { rebuildForPhase, type PhaseRebuildResult } from '../../lib/rebuild/phase-rebuild.js';
import { rollbackRebuild } from '../../lib/rebuild/rollback.js';
import { FileRebuildStateStore } from '../../lib/rebuild/state-store.js';
import { REFERENCE_COMPOSE_FILE } from '../../lib/stack/index.js';
import { healthEndpoints } from './health-endpoints.js';
import { procedureRecord, procedureStamp, type ProcedureOptions, type ProcedureOutcome } from './procedure.js';

/** The gate suite whose setup hook runs the rollback drill. */
export const ROLLBACK_SUITE = 'rollback';

/** The service whose new image the automatic-rollback drill breaks (its health answers 503 from the start). */
export const BROKEN_SERVICE = 'admin-api';

/** What the hook hands to suites/rollback; `backupDir` is phasegate's verified pre-rollback backup. */
export type RollbackDrillOutcome = ProcedureOutcome;

/** Options of {@link runRollbackDrill}. */
export type RollbackDrillOptions = ProcedureOptions;

/** The data volumes 001's full rollback restores (`homeiq_influxdb_data`, `homeiq_sqlite-data`), by compose name. */
const RESTORED_VOLUMES = ['influxdb_data', 'sqlite-data'];

export async function runRollbackDrill(options: RollbackDrillOptions): Promise<RollbackDrillOutcome> {
  const { started, services, inventory, influx, log } = options;
  const project = started.projectName;
  const { results, timings, add, step } = procedureRecord('rollback', log);
  const store = new FileRebuildStateStore(project);
  const buildArgs = options.buildArgs ?? {};
  const planServices = ROLLBACK_DRILL_PLAN.steps.flatMap((s) => s.services).filter((s) => services.includes(s));
  const imageId = (ref: string) => started.inspector.imageId(ref);
  const deploy = (extra: (service: string) => Record<string, string>) =>
    rebuildForPhase({ plan: ROLLBACK_DRILL_PLAN, inventory, targetServices: services, compose: started.compose, inspector: started.inspector, project, store, unfinished: 'discard', buildArgs: (s) => ({ ...buildArgs, ...extra(s) }), readyTimeoutMs: 90_000 });
  const flux = new FluxClient({ url: influx.url, token: influx.token, org: influx.org });
  const ts = procedureStamp();

  // 1 — the pre-rollback backup (001 L1498): a closed window of events answered first, so the restore can be compared.
  const windowStop = new Date(Date.now() - 1_000).toISOString();
  const windowStart = new Date(Date.now() - 3_600_000).toISOString();
  const query = `from(bucket: "${influx.bucket}") |> range(start: ${windowStart}, stop: ${windowStop}) |> filter(fn: (r) => r._measurement == "home_assistant_events")`;
  /** The services that mount the restored volumes (influxdb, data-api): stopped while their volumes are archived or restored. */
  const owners = inventory.services.filter((s) => services.includes(s.name) && s.volumes.some((v) => v.type === 'named' && RESTORED_VOLUMES.includes(v.source ?? ''))).map((s) => s.name);
  // `compose stop` without services stops the whole project: never call it with an empty list.
  if (owners.length === 0) throw new Error(`rollback drill: no target service mounts ${RESTORED_VOLUMES.join(' or ')} (services: ${services.join(', ')}); the compose file must declare them`);
  const { backup, before } = await step(`pre-rollback backup (${owners.join(', ')} stopped; volumes archived, checksummed, restore-tested)`, async () => {
    const before = await flux.query(query);
    // The volumes 001's full rollback restores; the other 19 of the twin are empty or disposable (Phase 0 backs up all).
    const volumes = String((await execa('docker', ['volume', 'ls', '-q', '--filter', `label=com.docker.compose.project=${project}`], { reject: false, timeout: 60_000 })).stdout)
      .split('\n')
      .filter((v) => RESTORED_VOLUMES.some((label) => v === label || v === `${project}_${label}`));
    const images = [...new Set((await started.inspector.listProject(project)).map((c) => c.image))];
    // A cold backup: the volumes' writers stopped while they are archived. A tar of InfluxDB's volume while it writes
    // differs from the volume's own fingerprint (seen in the first drill: P0-S1-AC1c failed on it; D7.5).
    await started.compose.stop(owners);
    let created;
    try {
      created = await createBackup({ dir: join(options.backupsDir, 'reference', `rollback-drill-${ts}`), project, volumes, envFile: join(REFERENCE_COMPOSE_FILE, '..', '.env'), composeFiles: [REFERENCE_COMPOSE_FILE], infrastructureDir: join(REFERENCE_COMPOSE_FILE, '..', 'infrastructure'), repoRoot: options.repoRoot, images, log });
    } finally {
      await started.compose.start(owners);
    }
    await waitForHealthy(started.inspector, (await started.inspector.listProject(project)).map((c) => c.name), { timeoutMs: options.healthyTimeoutMs ?? 240_000 });
    const verification = await verifyBackup(created.dir, { restoreTest: true });
    add(rollUp('DEP-RB-P3', 'pre-rollback backups available', (['P0-S1-AC1a', 'P0-S1-AC1b', 'P0-S1-AC1c', 'P0-S1-AC4b'] as const).map((id) => checkBackupCriterion(id, verification))));
    return { backup: created, before };
  });
  log(`[rollback] ${before.length} rows in the comparison window; backup in ${relative(process.cwd(), backup.dir)}`);

  // 2 — the deployment that gets rolled back.
  const deployed = await step(`deploy ${planServices.join(', ')}`, () => deploy(() => ({})));
  if (deployed.state.status !== 'succeeded') log(`[rollback] the deployment ended ${deployed.state.status}; the emergency rollback below has nothing of its own to undo`);

  // 3a — emergency rollback, images: the recorded pre-deployment image of every rebuilt service back under its tag,
  // recreated and seen ready again (rollbackRebuild), newest wave first.
  let emergency: PhaseRebuildResult = deployed;
  if (deployed.state.status === 'succeeded') {
    emergency = await step('emergency rollback: recorded images restored and verified', async () => {
      const resolved = resolvePlan(ROLLBACK_DRILL_PLAN, inventory, { targetServices: services });
      const driver = new ComposeRebuildDriver({ compose: started.compose, inspector: started.inspector, services: rebuildTargets(inventory, Object.keys(deployed.state.services), project) });
      const state = await rollbackRebuild(structuredClone(deployed.state), { driver, store, readiness: resolved.readiness });
      return { ...deployed, state };
    });
  }
  add(await checkRollback(emergency, { criterionId: 'DEP-RB-V1', services: planServices, imageId }));
  const running = await started.inspector.listProject(project);
  add(checkRunningImages(running, emergency, 'DEP-RB-V1'));

  // 3b — full rollback, data (001 L1520-1529, done safely): the owners of the data volumes stopped, each volume emptied
  // and restored from its archive (sha256 checked first, content fingerprint compared after), started again.
  await step('full rollback: data volumes restored from the backup', async () => {
    await started.compose.stop(owners);
    try {
      for (const label of RESTORED_VOLUMES) {
        const volume = backup.record.volumes.find((v) => v.name === `${project}_${label}` || v.name === label);
        if (!volume) {
          add({ criterionId: 'DEP-RB-V3', title: `volume ${label} restored`, status: 'failed', message: `the backup in ${relative(process.cwd(), backup.dir)} has no archive of ${label}. hint: the compose file must declare it` });
          continue;
        }
        const archive = join(backup.dir, volume.archive);
        const file = backup.record.files.find((f) => f.path === volume.archive);
        const restored = await restoreVolume(archive, volume.name, { replace: true, expectedFingerprint: volume.fingerprint, ...(file ? { expectedSha256: file.sha256 } : {}), log }).catch((e: Error) => e);
        add(restored instanceof Error
          ? { criterionId: 'DEP-RB-V3', title: `volume ${volume.name} restored`, status: 'failed', message: `restoring ${volume.name} from ${volume.archive} failed: ${restored.message}` }
          : { criterionId: 'DEP-RB-V3', title: `volume ${volume.name} restored`, status: restored.identical ? 'passed' : 'failed', measurement: restored.fingerprint.files, limit: 'content identical to the backup',
              message: `${volume.name}: ${restored.replaced ? 'emptied and ' : ''}restored from ${volume.archive}: ${restored.fingerprint.files} files, content ${restored.identical ? 'identical to the backup' : `DIFFERS from the backup (sha256 ${restored.fingerprint.sha256.slice(0, 12)}… vs ${volume.fingerprint.sha256.slice(0, 12)}…)`}` });
      }
    } finally {
      await started.compose.start(owners);
    }
    const names = (await started.inspector.listProject(project)).map((c) => c.name);
    await waitForHealthy(started.inspector, names, { timeoutMs: options.healthyTimeoutMs ?? 240_000 }).catch((e: Error) => log(`[rollback] not every container healthy after the restore: ${e.message.split('\n', 1)[0]}`));
  });

  // 3c — verification after the full rollback (001 L1537-1547: `docker ps`, `npm run validate`, curl :8006, :8001, :3000).
  add(checkContainersHealthy(await started.inspector.listProject(project), { criterionId: 'DEP-RB-V1', expected: [...services] }));
  const rule = { field: 'status', equals: 'healthy' } as const;
  add(await checkHealthBody({ criterionId: 'DEP-RB-V3', service: 'data-api', url: `${started.url('data-api')}/health`, rule }));
  add(await checkHealthBody({ criterionId: 'DEP-RB-V3', service: 'websocket-ingestion', url: `${started.url('websocket-ingestion')}/health`, rule }));
  add(await checkHealthBody({ criterionId: 'DEP-RB-V3', service: 'health-dashboard', url: `${started.url('health-dashboard')}/`, rule: { any: true } }));
  add(checkQueryResultsIdentical(before, await flux.query(query), { criterionId: 'DEP-RB-V3', what: `every home_assistant_events value from ${windowStart} to ${windowStop} (backed up before the deployment)` }));

  // 4 — automatic rollback (004 L271-285): a deployment whose new admin-api never becomes healthy.
  const broken = await step(`automatic rollback: deploy with a ${BROKEN_SERVICE} image that answers 503`, () => deploy((s): Record<string, string> => (s === BROKEN_SERVICE ? { START_FAULTS: JSON.stringify({ healthHttpStatus: 503 }) } : {})));
  add(checkHealthTriggered(broken, { criterionId: 'RUN-RB-1', service: BROKEN_SERVICE }));
  add(await checkRollback(broken, { criterionId: 'RUN-RB-1', services: planServices, imageId }));
  // RUN-RB-2: the health re-run after the rollback (every service, body-judged), the images back, and the rollback tracked.
  add(await checkRollback(broken, { criterionId: 'RUN-RB-2', services: planServices, imageId }));
  add(checkRunningImages(await started.inspector.listProject(project), broken, 'RUN-RB-2'));
  const sweep = await checkHealthSweep(healthEndpoints({ projectName: project, urls: started.urls(), services, ...(options.healthOverrides ? { healthOverrides: options.healthOverrides } : {}) }), { criterionId: 'RUN-RB-2' });
  for (const r of sweep.results) add(r);
  add(checkRollbackTracked(store.load(), broken, { criterionId: 'RUN-RB-2', path: store.path }));
  return { results, backupDir: backup.dir, timings };
}
