// The setup hook of suites/rebuild: 003's complete rebuild on the reference stack, in the plan's order
// (lib/plans/complete-rebuild.ts), with phasegate's safe choices (D7.2 keep the :pre-rebuild tags, D6.11 no host-wide
// prunes, volumes preserved). Prep (backup, state documented, a Flux query answered) → teardown (down, images removed,
// snapshot) → build --no-cache → up, wait healthy → restore (`influx restore --full`, metadata.db copied back) → the
// same Flux query again. Every step's verdict is computed here and handed to the tests as CheckResults by criterion ID.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { execa } from 'execa';
import { createBackup } from '../../lib/backup/index.js';
import { checkExpectedImages, checkQueryResultsIdentical, checkRebuildBackup, checkStartOrder, checkTeardown, leftoverImageTags } from '../../lib/checks/index.js';
import { waitForHealthy } from '../../lib/docker/index.js';
import { FluxClient } from '../../lib/influx/flux-client.js';
import { COMPLETE_REBUILD_PROCEDURE, teardownPlan } from '../../lib/plans/complete-rebuild.js';
import { DockerodeDockerStateSource } from '../../lib/rebuild/dockerode-docker-state-source.js';
import { REFERENCE_COMPOSE_FILE } from '../../lib/stack/index.js';
import { procedureRecord, procedureStamp, type ProcedureOptions, type ProcedureOutcome } from './procedure.js';

/** The gate suite whose setup hook runs 003's complete rebuild. */
export const COMPLETE_REBUILD_SUITE = 'rebuild';

/** What the hook hands to suites/rebuild; `backupDir` is the 003-style folder (influxdb-backup/, metadata.db.backup, …) with phasegate's verified backup in it. */
export type CompleteRebuildOutcome = ProcedureOutcome;

/** Options of {@link runCompleteRebuild}. */
export type CompleteRebuildOptions = ProcedureOptions;

/** The query answered before the teardown and after the restore: every event field value of the closed window. */
function windowQuery(bucket: string, startIso: string, stopIso: string): string {
  return `from(bucket: "${bucket}") |> range(start: ${startIso}, stop: ${stopIso}) |> filter(fn: (r) => r._measurement == "home_assistant_events")`;
}

async function docker(args: readonly string[], timeoutMs = 120_000) {
  return execa('docker', args, { reject: false, timeout: timeoutMs, stdin: 'ignore' });
}

const firstLine = (text: unknown) => String(text ?? '').trim().split('\n').slice(-1)[0] ?? '';

export async function runCompleteRebuild(options: CompleteRebuildOptions): Promise<CompleteRebuildOutcome> {
  const { started, services, influx, log } = options;
  const { results, timings, add, step } = procedureRecord('rebuild-003', log);
  const project = started.projectName;
  const ts = procedureStamp();
  const backupDir = join(options.backupsDir, 'reference', `homeiq-backup-${ts}`);
  mkdirSync(backupDir, { recursive: true });
  const flux = new FluxClient({ url: influx.url, token: influx.token, org: influx.org });
  const container = (service: string) => started.inspector.listProject(project).then((cs) => cs.find((c) => c.service === service)?.name);
  const influxContainer = (await container('influxdb')) ?? 'homeiq-influxdb';
  const dataApiContainer = (await container('data-api')) ?? 'homeiq-data-api';

  // Stage 1 — preparation (003 Step 1.1-1.2): the backup and the documented state.
  const windowStop = new Date(Date.now() - 1_000).toISOString();
  const windowStart = new Date(Date.now() - 3_600_000).toISOString();
  const query = windowQuery(influx.bucket, windowStart, windowStop);
  const before = await step('prep: backup and documented state', async () => {
    const images = [...new Set((await started.inspector.listProject(project)).map((c) => c.image))];
    const volumes = String((await docker(['volume', 'ls', '-q', '--filter', `label=com.docker.compose.project=${project}`])).stdout).split('\n').filter(Boolean);
    await createBackup({ dir: join(backupDir, 'phasegate'), project, volumes, envFile: join(REFERENCE_COMPOSE_FILE, '..', '.env'), composeFiles: [REFERENCE_COMPOSE_FILE], infrastructureDir: join(REFERENCE_COMPOSE_FILE, '..', 'infrastructure'), repoRoot: options.repoRoot, images, log });
    // 003's own artefacts: `influx backup` inside the container, then copied out; metadata.db; env/compose; listings.
    const ib = await docker(['exec', influxContainer, 'influx', 'backup', '/tmp/phasegate-backup']);
    if (ib.exitCode !== 0) log(`[rebuild-003] influx backup failed: ${firstLine(ib.stderr || ib.stdout)}`);
    await docker(['cp', `${influxContainer}:/tmp/phasegate-backup`, join(backupDir, 'influxdb-backup')]);
    await docker(['cp', `${dataApiContainer}:/app/data/metadata.db`, join(backupDir, 'metadata.db.backup')]);
    writeFileSync(join(backupDir, 'env.backup'), '', { mode: 0o600 });
    await execa('cp', [join(REFERENCE_COMPOSE_FILE, '..', '.env'), join(backupDir, 'env.backup')], { reject: false });
    await execa('cp', [REFERENCE_COMPOSE_FILE, join(backupDir, 'docker-compose.yml.backup')], { reject: false });
    writeFileSync(join(backupDir, 'docker-images-list.txt'), String((await docker(['images'])).stdout));
    writeFileSync(join(backupDir, 'docker-volumes-list.txt'), String((await docker(['volume', 'ls'])).stdout));
    writeFileSync(join(backupDir, 'docker-containers-status.txt'), String((await docker(['ps', '-a', '--filter', `label=com.docker.compose.project=${project}`])).stdout));
    // RB-P1-2: the current state documented (003 L358-366): health bodies saved.
    const state: Record<string, unknown> = {};
    for (const [name, url] of [['admin-api', `${started.url('admin-api')}/api/v1/health`], ['influxdb', `${started.url('influxdb')}/health`], ['websocket-ingestion', `${started.url('websocket-ingestion')}/health`]] as const) {
      state[name] = await fetch(url, { signal: AbortSignal.timeout(5_000) }).then(async (r) => ({ status: r.status, body: await r.text() }), (e: Error) => ({ error: e.message }));
    }
    writeFileSync(join(backupDir, 'health-status.json'), `${JSON.stringify(state, null, 2)}\n`);
    const documented = Object.entries(state).filter(([, v]) => (v as { status?: number }).status === 200).map(([k]) => k);
    add({ criterionId: 'RB-P1-2', title: 'current state documented before the teardown', status: documented.length === 3 ? 'passed' : 'failed', measurement: documented.length, limit: '3 health answers saved',
      message: `${relative(process.cwd(), join(backupDir, 'health-status.json'))}: ${documented.length}/3 health answers saved (${documented.join(', ') || 'none'})${documented.length === 3 ? '' : '. hint: a service did not answer before the teardown'}` });
    add(checkRebuildBackup(backupDir));
    return flux.query(query);
  });
  log(`[rebuild-003] ${before.length} rows in the comparison window before the teardown`);

  // Stage 2 — teardown (003 Step 2, Option A): down without -v, images untagged by repo:tag (the :pre-rebuild tags
  // stay, D7.2), no host-wide prune (D6.11); then the Docker state is snapshotted for RB-TD-1..7.
  const plan = teardownPlan(COMPLETE_REBUILD_PROCEDURE);
  await step('teardown', async () => {
    const source = new DockerodeDockerStateSource();
    const down = await started.compose.down({ volumes: false });
    if (down.exitCode !== 0) log(`[rebuild-003] down failed: ${down.stderrTail}`);
    // 003 removes every *homeiq* image; untagging by repo:tag (not `rmi -f <id>`) keeps the :pre-rebuild anchors (D7.2).
    const scope = { project, imagePattern: plan.imagePattern, networkNames: plan.networkNames };
    for (const ref of leftoverImageTags(await source.snapshot(scope), plan)) {
      const rmi = await docker(['rmi', ref]);
      if (rmi.exitCode !== 0) log(`[rebuild-003] rmi ${ref}: ${firstLine(rmi.stderr)}`);
    }
    const snapshot = await source.snapshot(scope);
    // The twin's compose volumes carry the project prefix; Option A's list names them without it.
    const preserved = plan.preservedVolumes.filter((v) => snapshot.volumes.some((x) => x.name === `${project}_${v}` || x.name === v));
    for (const r of checkTeardown(snapshot, { ...plan, preservedVolumes: preserved.length > 0 ? preserved : plan.preservedVolumes })) add(r);
  });

  // Stage 3 — rebuild (003 Step 3): every image without cache.
  await step('build --no-cache', async () => {
    const built = await started.compose.build([...services], { noCache: true, buildArgs: options.buildArgs ?? {} });
    add({ criterionId: 'RB-B-3', title: '`build --no-cache` finishes', status: built.exitCode === 0 ? 'passed' : 'failed', measurement: built.exitCode, limit: 'exit 0',
      message: built.exitCode === 0 ? `${built.command}: exit 0` : `${built.command}: exit ${built.exitCode}: ${built.stderrTail}. hint: the build log names the failing service` });
    const refs = String((await docker(['images', '--format', '{{.Repository}}:{{.Tag}}'])).stdout).split('\n').filter(Boolean);
    add(checkExpectedImages(refs, { procedure: COMPLETE_REBUILD_PROCEDURE, inventory: options.inventory }));
  });

  // Stage 4 — deploy (003 Step 4): up, then every service healthy.
  await step('up and wait healthy', async () => {
    const up = await started.compose.up([...services]);
    if (up.exitCode !== 0) log(`[rebuild-003] up failed: ${up.stderrTail}`);
    const names = (await started.inspector.listProject(project)).map((c) => c.name);
    const waited = await waitForHealthy(started.inspector, names, { timeoutMs: options.healthyTimeoutMs ?? 240_000 }).then(() => null, (e: Error) => e.message.split('\n', 1)[0]!);
    const states = await started.inspector.listProject(project);
    add(checkStartOrder(states, options.inventory));
    const unhealthy = states.filter((c) => c.state !== 'running' || (c.health !== undefined && c.health !== 'healthy' && c.health !== 'none'));
    add({ criterionId: 'RB-DP-2', title: 'all services Up (healthy) after `up -d`', status: waited === null && unhealthy.length === 0 ? 'passed' : 'failed', measurement: states.length - unhealthy.length, limit: `${states.length} healthy`,
      message: waited === null && unhealthy.length === 0 ? `${states.length}/${states.length} containers running and healthy` : `${unhealthy.map((c) => `${c.service} ${c.state}/${c.health ?? '-'}`).join(', ') || waited}. hint: docker logs of the named containers` });
  });

  // Stage 6 — restore (003 Step 6): InfluxDB from its backup (`--full`: the double replaces its content atomically,
  // not an extract over existing data), metadata.db copied back with data-api stopped; then the same query again.
  await step('restore', async () => {
    const cp = await docker(['cp', join(backupDir, 'influxdb-backup'), `${influxContainer}:/tmp/phasegate-restore`]);
    const restore = cp.exitCode === 0 ? await docker(['exec', influxContainer, 'influx', 'restore', '/tmp/phasegate-restore', '--full']) : cp;
    const buckets = await docker(['exec', influxContainer, 'influx', 'bucket', 'list']);
    const listed = String(buckets.stdout).includes(influx.bucket);
    add({ criterionId: 'RB-R-1', title: '`influx restore` → bucket list shows the buckets', status: restore.exitCode === 0 && listed ? 'passed' : 'failed', measurement: listed, limit: `bucket ${influx.bucket} listed`,
      message: restore.exitCode !== 0 ? `influx restore exit ${restore.exitCode}: ${firstLine(restore.stderr || restore.stdout)}. hint: is the backup in ${relative(process.cwd(), join(backupDir, 'influxdb-backup'))} complete?` : `influx restore --full: exit 0; bucket list ${listed ? 'shows' : 'lacks'} ${influx.bucket}` });
    const after = await flux.query(query);
    add(checkQueryResultsIdentical(before, after, { criterionId: 'RB-R-1', what: `every home_assistant_events value from ${windowStart} to ${windowStop}` }));
    // SQLite (003 Step 6.2): stop data-api, copy metadata.db back, start, healthy again. The twin runs as root (no chown).
    await started.compose.stop(['data-api']);
    const back = await docker(['cp', join(backupDir, 'metadata.db.backup'), `${dataApiContainer}:/app/data/metadata.db`]);
    await started.compose.start(['data-api']);
    const healthy = await waitForHealthy(started.inspector, [dataApiContainer], { timeoutMs: 60_000 }).then(() => null, (e: Error) => e.message.split('\n', 1)[0]!);
    add({ criterionId: 'RB-R-2', title: 'SQLite restore → data-api healthy', status: back.exitCode === 0 && healthy === null ? 'passed' : 'failed', measurement: healthy === null, limit: 'metadata.db copied back, data-api healthy',
      message: back.exitCode !== 0 ? `docker cp metadata.db into ${dataApiContainer}: ${firstLine(back.stderr)}` : healthy === null ? `metadata.db copied back into ${dataApiContainer} (stopped), started, healthy` : `data-api after the restore: ${healthy}` });
  });
  return { results, backupDir, timings };
}
