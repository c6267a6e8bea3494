// 003 "Complete System Rebuild" as data: a procedure of stages (prep → teardown → build → deploy → validate →
// restore), not rebuild waves. Every step keeps the command as written, its criterion IDs and source lines; the
// plan's own defects are data too, each with the phasegate choice (lib/config/contradictions.ts) that avoids it.
import { z } from 'zod';
import { ConfigError } from '../common/errors.js';

const serviceName = z.string().regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/, 'a compose service name (letters, digits, `_`, `.`, `-`)');
const sourceLines = z.string().regex(/^003 L\d+(-\d+)?(, L\d+(-\d+)?)*$/, 'source lines of 003, like "003 L490-503"');
const criterionId = z.string().regex(/^RB-[A-Za-z0-9-]+$/, 'a 003 criterion id (`RB-TD-1`)');

/** The stages of 003 in its order (Phase 7 hardening is optional and only checked statically, RB-H-*). */
export const REBUILD_STAGES = ['prep', 'teardown', 'build', 'deploy', 'validate', 'restore'] as const;
export type RebuildStageId = (typeof REBUILD_STAGES)[number];

/** What a step does to the host; the integrator's suite maps each kind onto an adapter call. */
export const REBUILD_ACTIONS = [
  'backup', 'document', 'static-check', 'compose-down', 'remove-containers', 'remove-images', 'keep-volumes',
  'remove-networks', 'prune-build-cache', 'verify-teardown', 'check-env', 'build', 'verify-images', 'compose-up',
  'wait-healthy', 'validate', 'restore-influxdb', 'restore-sqlite',
] as const;

/** One step of the procedure, with the command 003 gives and phasegate's deviation, if any. */
export const rebuildStepSchema = z.strictObject({
  /** Step id, unique in the procedure (`RB-2.3`, after 003's "Step 2.3"). */
  id: z.string().regex(/^RB-\d\.\d$/, 'a step id like "RB-2.3"'),
  title: z.string().min(1),
  action: z.enum(REBUILD_ACTIONS),
  /** The shell command(s) as 003 writes them; recorded for the report, never run. */
  asWritten: z.string().min(1),
  /** What phasegate does instead when it deviates (names the contradiction switch). @default undefined (as written) */
  phasegate: z.string().min(1).optional(),
  /** The contradiction whose choice decides the deviation (`D7.2`). @default undefined */
  switch: z.string().regex(/^D\d+\.\d+$/).optional(),
  /** True when the step deletes something (containers, images, cache, data). @default false */
  destructive: z.boolean().default(false),
  /** Bound the plan gives for the step, in seconds (down --timeout 30; healthy within 5 min). Recorded. @default undefined */
  planBoundS: z.number().positive().optional(),
  /** Criterion ids this step decides. @default [] */
  criteria: z.array(criterionId).default([]),
  source: sourceLines,
});

export const rebuildStageSchema = z.strictObject({
  id: z.enum(REBUILD_STAGES),
  title: z.string().min(1),
  steps: z.array(rebuildStepSchema).min(1),
});

/** A defect of the plan as written: what goes wrong, where, and what phasegate does about it. */
export const rebuildDefectSchema = z.strictObject({
  id: z.string().regex(/^RB-DEF-\d+$/),
  /** Step the defect sits in. */
  step: z.string().regex(/^RB-\d\.\d$/),
  title: z.string().min(1),
  /** Why it is a defect, with the consequence. */
  detail: z.string().min(1),
  /** What phasegate does (a switch, a check, or "reported only"). */
  phasegate: z.string().min(1),
  switch: z.string().regex(/^D\d+\.\d+$/).optional(),
  source: sourceLines,
});

/** An image 003 L665-680 expects after the build, as written, and the compose service it stands for. */
export const expectedImageSchema = z.strictObject({
  /** Name as 003 writes it (`homeiq-websocket`). */
  asWritten: z.string().min(1),
  /** Compose service that builds (or pulls) it; null when the service does not exist any more. */
  service: serviceName.nullable(),
  /** For a pulled image: the repository as written (`influxdb`) and its tag (`2.7`). @default undefined (built) */
  pulled: z.strictObject({ repository: z.string().min(1), tag: z.string().min(1) }).optional(),
});

export const completeRebuildSchema = z.strictObject({
  id: z.literal('rebuild-003'),
  title: z.string().min(1),
  source: z.string().min(1),
  /** 003 spellings that are not compose names at REF, with the reason (criteria.md §D4). @default {} */
  renames: z.record(z.string(), z.strictObject({ to: serviceName, reason: z.string().min(1) })).default({}),
  /** 003 services that no compose file at REF has (enrichment-pipeline), with the reason. @default {} */
  absent: z.record(z.string(), z.string().min(1)).default({}),
  /** RB-P1-3a: services the production compose must contain, as 003 L39-50 spells them. */
  prodServices: z.array(serviceName).min(1),
  /** RB-TD-4 (Option A): compose volume names the teardown must preserve. */
  preservedVolumes: z.array(z.string().min(1)).min(1),
  /** RB-TD-5: networks the teardown removes, as written. */
  removedNetworks: z.array(z.string().min(1)).min(1),
  /** RB-TD-3: the image reference pattern 003 removes (docker's `reference` filter glob). */
  imagePattern: z.string().min(1),
  /** RB-B-4: expected images. */
  expectedImages: z.array(expectedImageSchema).min(1),
  /** RB-DP-1: the start order 003 L692-699 states, as groups of 003 names (a group starts together). */
  startOrder: z.array(z.array(serviceName).min(1)).min(1),
  /** RB-P1-3c: the root `.dockerignore` patterns 003 L420-483 lists. */
  dockerignore: z.array(z.string().min(1)).min(1),
  stages: z.array(rebuildStageSchema).length(REBUILD_STAGES.length),
  defects: z.array(rebuildDefectSchema),
});

export type RebuildStep = z.output<typeof rebuildStepSchema>;
export type RebuildStage = z.output<typeof rebuildStageSchema>;
export type RebuildDefect = z.output<typeof rebuildDefectSchema>;
export type ExpectedImage = z.output<typeof expectedImageSchema>;
export type CompleteRebuildProcedure = z.output<typeof completeRebuildSchema>;
export type CompleteRebuildProcedureInput = z.input<typeof completeRebuildSchema>;

/**
 * Validates the procedure and fills defaults. Throws a {@link ConfigError} naming the dotted path and the rule; the
 * stages must come in 003's order, step ids must be unique, and a defect must sit in a step that exists.
 */
export function defineCompleteRebuild(input: CompleteRebuildProcedureInput, file = 'procedure rebuild-003'): CompleteRebuildProcedure {
  const parsed = completeRebuildSchema.safeParse(input);
  const fail = (path: string, message: string, hint: string): never => {
    throw new ConfigError(`${file}: ${path || '(root)'}: ${message}`, { file, path, hint });
  };
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return fail(issue.path.map(String).join('.'), issue.message, 'see lib/plans/complete-rebuild.ts for the procedure format');
  }
  const procedure = parsed.data;
  procedure.stages.forEach((stage, i) => {
    if (stage.id !== REBUILD_STAGES[i]) fail(`stages.${i}.id`, `stage "${stage.id}" is out of order; expected "${REBUILD_STAGES[i]}"`, `003's order is ${REBUILD_STAGES.join(' → ')}`);
  });
  const steps = new Set<string>();
  procedure.stages.forEach((stage, i) => stage.steps.forEach((step, j) => {
    if (steps.has(step.id)) fail(`stages.${i}.steps.${j}.id`, `step id "${step.id}" is used twice`, 'give every step its own id');
    steps.add(step.id);
    if (step.phasegate !== undefined && step.switch === undefined && step.destructive) fail(`stages.${i}.steps.${j}.switch`, `destructive step ${step.id} deviates from the plan without naming the switch that decides it`, 'add the contradiction id (lib/config/contradictions.ts)');
  }));
  procedure.defects.forEach((d, i) => {
    if (!steps.has(d.step)) fail(`defects.${i}.step`, `defect ${d.id} names step "${d.step}", which the procedure lacks`, `steps: ${[...steps].join(', ')}`);
  });
  return procedure;
}

/** Every step in order, with its stage. */
export function rebuildSteps(procedure: CompleteRebuildProcedure): Array<RebuildStep & { readonly stage: RebuildStageId }> {
  return procedure.stages.flatMap((stage) => stage.steps.map((step) => ({ ...step, stage: stage.id })));
}

/** The compose name of a 003 spelling: the rename's target, `null` for a service that no longer exists, else itself. */
export function composeNameOf(procedure: Pick<CompleteRebuildProcedure, 'renames' | 'absent'>, written: string): string | null {
  if (procedure.absent[written] !== undefined) return null;
  return procedure.renames[written]?.to ?? written;
}

export const COMPLETE_REBUILD_PROCEDURE = defineCompleteRebuild({
  id: 'rebuild-003',
  title: 'Complete System Rebuild (003): backup, teardown, no-cache build, deploy, validate, restore',
  source: '003 Phases 1-6 (L326-914), Validation Checklist L981-1033, Success Criteria L1336-1348',
  renames: {
    'sports-data': { to: 'sports-api', reason: '003 L44 says sports-data; the compose service at REF is sports-api (criteria.md D2.7)' },
    'homeiq-websocket': { to: 'websocket-ingestion', reason: 'container name, not a service name (criteria.md D4.2)' },
  },
  absent: {
    'enrichment-pipeline': '003 only (HA-Ingestor era); no compose file of 001/002 or REF has it, host 8002 is websocket-ingestion-test (criteria.md D2.6)',
  },
  prodServices: ['data-api', 'log-aggregator', 'sports-data', 'carbon-intensity', 'electricity-pricing', 'air-quality', 'calendar', 'smart-meter'],
  preservedVolumes: ['influxdb_data', 'influxdb_config', 'sqlite-data', 'data_retention_backups'],
  removedNetworks: ['homeiq-network', 'homeiq-network-dev'],
  imagePattern: '*homeiq*',
  expectedImages: [
    { asWritten: 'homeiq-websocket', service: 'websocket-ingestion' },
    { asWritten: 'homeiq-enrichment', service: null },
    { asWritten: 'homeiq-admin', service: 'admin-api' },
    { asWritten: 'homeiq-data-api', service: 'data-api' },
    { asWritten: 'homeiq-data-retention', service: 'data-retention' },
    { asWritten: 'homeiq-dashboard', service: 'health-dashboard' },
    { asWritten: 'homeiq-sports-data', service: 'sports-api' },
    { asWritten: 'homeiq-log-aggregator', service: 'log-aggregator' },
    { asWritten: 'homeiq-carbon-intensity', service: 'carbon-intensity' },
    { asWritten: 'homeiq-electricity-pricing', service: 'electricity-pricing' },
    { asWritten: 'homeiq-air-quality', service: 'air-quality' },
    { asWritten: 'homeiq-calendar', service: 'calendar' },
    { asWritten: 'homeiq-smart-meter', service: 'smart-meter' },
    { asWritten: 'influxdb:2.7', service: 'influxdb', pulled: { repository: 'influxdb', tag: '2.7' } },
  ],
  startOrder: [['influxdb'], ['enrichment-pipeline', 'data-api'], ['websocket-ingestion'], ['admin-api'], ['health-dashboard'], ['data-retention'],
    ['carbon-intensity', 'electricity-pricing', 'air-quality', 'calendar', 'smart-meter', 'sports-data', 'log-aggregator']],
  dockerignore: ['.git/', 'docs/', '*.md', '!README.md', 'tests/', '.env*', '!.env.example', 'infrastructure/env.production', 'node_modules/',
    '__pycache__/', '*.pyc', 'dist/', 'build/', 'logs/', '*.log', '*backup*/', '*.backup', '*.bak', '*.db', '*.sqlite', '*.sqlite3'],
  stages: [
    {
      id: 'prep',
      title: 'Phase 1: pre-rebuild preparation',
      steps: [
        { id: 'RB-1.1', title: 'Back up InfluxDB, SQLite, env files, compose file and the image/volume/container lists', action: 'backup', criteria: ['RB-P1-1'], source: '003 L328-356',
          asWritten: 'docker exec homeiq-influxdb influx backup /tmp/backup; docker cp homeiq-influxdb:/tmp/backup ./influxdb-backup; docker cp homeiq-data-api:/app/data/metadata.db ./metadata.db.backup; cp .env infrastructure/.env.* docker-compose.yml; docker images|volume ls|ps -a | grep homeiq',
          phasegate: 'lists images, volumes and containers by compose project label (not `grep homeiq`, which misses unprefixed containers, D4.3) and verifies each backup file exists and is non-empty' },
        { id: 'RB-1.2', title: 'Document the current state (admin health, InfluxDB buckets, disk usage)', action: 'document', criteria: ['RB-P1-2'], source: '003 L358-369',
          asWritten: 'curl :8003/api/v1/health > health-status.json; curl :8086/api/v2/buckets -H "Authorization: Token $INFLUXDB_TOKEN"; du -sh',
          phasegate: 'admin-api on the port the D2.1 choice gives (:8004 by default); the token is masked in every saved file', switch: 'D2.1' },
        { id: 'RB-1.3', title: 'Fix the critical issues: prod compose services, admin-api → data-api healthy, root .dockerignore', action: 'static-check', criteria: ['RB-P1-3a', 'RB-P1-3b', 'RB-P1-3c'], source: '003 L371-484',
          asWritten: 'cp docker-compose.yml docker-compose.prod.yml; add data-api (condition: service_healthy) to admin-api depends_on; cat > .dockerignore',
          phasegate: 'checks the result statically from the compose files and the repo root (lib/checks/check-complete-rebuild.ts); edits nothing' },
      ],
    },
    {
      id: 'teardown',
      title: 'Phase 2: complete system teardown',
      steps: [
        { id: 'RB-2.1', title: 'Stop all services gracefully', action: 'compose-down', planBoundS: 30, criteria: ['RB-TD-1'], source: '003 L490-503', asWritten: 'docker-compose down --timeout 30; docker ps | grep homeiq' },
        { id: 'RB-2.2', title: 'Remove every remaining container', action: 'remove-containers', destructive: true, criteria: ['RB-TD-2'], source: '003 L505-513',
          asWritten: 'docker ps -a --filter "name=homeiq" -q | xargs -r docker rm -f',
          phasegate: 'removes the containers carrying the project label (a name filter misses ai-pattern-service and ai-automation-ui, D4.3)', switch: 'D4.2' },
        { id: 'RB-2.3', title: 'Remove the project images and prune dangling images', action: 'remove-images', destructive: true, criteria: ['RB-TD-3'], source: '003 L515-529',
          asWritten: "docker images --filter=reference='*homeiq*' -q | xargs -r docker rmi -f; docker image prune -f",
          phasegate: 'with keep-backup-tags (default) removes each *homeiq* repo:tag except :pre-rebuild*; an image held by a kept tag stays', switch: 'D7.2' },
        { id: 'RB-2.4', title: 'Keep the data volumes (Option A)', action: 'keep-volumes', criteria: ['RB-TD-4'], source: '003 L531-574',
          asWritten: '# Option A: do NOT remove influxdb_data, influxdb_config, sqlite-data, data_retention_backups' },
        { id: 'RB-2.5', title: 'Remove the networks and prune unused ones', action: 'remove-networks', destructive: true, criteria: ['RB-TD-5'], source: '003 L576-590',
          asWritten: 'docker network rm homeiq-network; docker network rm homeiq-network-dev; docker network prune -f',
          phasegate: 'removes the networks of the compose project (label) and the two names; never `network prune -f`, which removes every unused network of the host', switch: 'D6.11' },
        { id: 'RB-2.6', title: 'Clean the build cache', action: 'prune-build-cache', destructive: true, criteria: ['RB-TD-6'], source: '003 L592-598',
          asWritten: 'docker builder prune -a -f',
          phasegate: 'skip (default): the build runs with --no-cache, so the host-wide prune only destroys other projects\' cache; RB-TD-6 is reported as not done by choice', switch: 'D6.11' },
        { id: 'RB-2.7', title: 'Final verification: no containers, images or networks; volumes only if preserved', action: 'verify-teardown', criteria: ['RB-TD-7'], source: '003 L600-616',
          asWritten: 'docker ps -a | grep homeiq; docker images | grep homeiq; docker volume ls | grep homeiq; docker network ls | grep homeiq',
          phasegate: 'one snapshot by project label (lib/rebuild/teardown-state.ts) judged by checkTeardown; every leftover is named' },
      ],
    },
    {
      id: 'build',
      title: 'Phase 3: system rebuild',
      steps: [
        { id: 'RB-3.1', title: 'Environment files present', action: 'check-env', criteria: ['RB-B-1'], source: '003 L622-638', asWritten: 'ls -la .env infrastructure/.env.*; [ -f .env ] || cp infrastructure/env.example .env',
          phasegate: 'checks the files exist; never copies the template (a copied template runs with placeholder secrets)' },
        { id: 'RB-3.2', title: 'Validate the configuration', action: 'static-check', criteria: ['RB-B-2'], source: '003 L640-646', asWritten: './scripts/deploy.sh validate',
          phasegate: 'the compose project read by lib/inventory (parse errors, unset variables, missing env files); deploy.sh itself is not run' },
        { id: 'RB-3.3', title: 'Build every image without cache, in parallel', action: 'build', planBoundS: 1200, criteria: ['RB-B-3'], source: '003 L648-657', asWritten: 'docker-compose build --no-cache --parallel' },
        { id: 'RB-3.4', title: 'Verify the expected images exist', action: 'verify-images', criteria: ['RB-B-4'], source: '003 L659-681', asWritten: 'docker images | grep homeiq',
          phasegate: 'each expected image is looked up under the name compose gives it (`image:` or <project>-<service>), not the names 003 lists (D4.4)' },
      ],
    },
    {
      id: 'deploy',
      title: 'Phase 4: service deployment',
      steps: [
        { id: 'RB-4.1', title: 'Start every service; compose keeps the dependency order', action: 'compose-up', criteria: ['RB-DP-1'], source: '003 L687-700', asWritten: 'docker-compose up -d' },
        { id: 'RB-4.2', title: 'Wait until every service is healthy', action: 'wait-healthy', planBoundS: 300, criteria: ['RB-DP-2'], source: '003 L702-728', asWritten: "watch -n 2 'docker-compose ps' # wait for all \"healthy\" (2-5 min)",
          phasegate: 'polls Docker health with a 5 min deadline (no watch loop, no fixed sleep)' },
      ],
    },
    {
      id: 'validate',
      title: 'Phase 5: post-deployment validation',
      steps: [
        { id: 'RB-5.1', title: 'Service endpoints answer', action: 'validate', criteria: ['RB-V-1'], source: '003 L734-771', asWritten: 'curl -v :8086/health :8001/health :8002/health :8003/api/v1/health :8006/health :8080/health :8005/health :8015/health :3000' },
        { id: 'RB-5.2', title: 'Dashboard loads, every tab, no console errors', action: 'validate', criteria: ['RB-V-2'], source: '003 L773-790', asWritten: 'xdg-open http://localhost:3000 # verify by eye' },
        { id: 'RB-5.3', title: 'Home Assistant connection in the websocket logs', action: 'validate', criteria: ['RB-V-3'], source: '003 L792-806', asWritten: 'docker-compose logs websocket-ingestion | tail -50' },
        { id: 'RB-5.4', title: 'InfluxDB bucket and recent data; SQLite file', action: 'validate', criteria: ['RB-V-4a', 'RB-V-4b', 'RB-V-4c'], source: '003 L808-834',
          asWritten: "influx bucket list; influx query 'from(bucket:\"home_assistant_events\") |> range(start: -1m) |> limit(n:10)'; ls -lh /app/data/metadata.db; sqlite3 … SELECT COUNT(*) FROM devices" },
        { id: 'RB-5.5', title: 'API endpoints', action: 'validate', criteria: ['RB-V-5'], source: '003 L836-860', asWritten: 'curl :8006/api/devices; :8006/api/events?limit=10; :8005/api/nfl/games; :8005/api/nhl/games',
          phasegate: 'data-api routes per the D3.2 choice, with the Bearer key (D3.3)', switch: 'D3.2' },
        { id: 'RB-5.6', title: 'The project\'s own test scripts', action: 'validate', criteria: ['RB-V-6'], source: '003 L862-874', asWritten: './scripts/test-services.sh; python tests/test_api_keys.py; python tests/test_system_integration.py' },
      ],
    },
    {
      id: 'restore',
      title: 'Phase 6: data restoration (if needed)',
      steps: [
        { id: 'RB-6.1', title: 'Restore InfluxDB from the Phase 1 backup', action: 'restore-influxdb', destructive: true, criteria: ['RB-R-1'], source: '003 L880-893',
          asWritten: 'docker cp ./influxdb-backup homeiq-influxdb:/tmp/backup; docker exec homeiq-influxdb influx restore /tmp/backup',
          phasegate: 'into-empty-only (default): only when the preserved volume holds no data; afterwards the same Flux queries must answer identically to before the teardown (compareQueryResults) and Phase 5 runs again', switch: 'D7.5' },
        { id: 'RB-6.2', title: 'Restore the SQLite metadata database', action: 'restore-sqlite', destructive: true, criteria: ['RB-R-2'], source: '003 L895-914',
          asWritten: 'docker-compose stop data-api; docker cp ./metadata.db.backup homeiq-data-api:/app/data/metadata.db; chown appuser:appgroup; docker-compose start data-api',
          phasegate: 'into-empty-only (default), as for InfluxDB; data-api must be healthy afterwards', switch: 'D7.5' },
      ],
    },
  ],
  defects: [
    { id: 'RB-DEF-1', step: 'RB-2.3', title: 'the teardown deletes the rollback anchor', source: '003 L521',
      detail: '`rmi -f` on the image ids of every *homeiq* image removes all their tags, :pre-rebuild included (000 L99-102 creates it, 001 L1249/L1515 and 002 L768 restore it): after Step 2.3 a failed build has no image to roll back to (criteria.md D7.2)',
      phasegate: 'keep-backup-tags: untag by repo:tag, keep :pre-rebuild*; checkTeardown fails when a kept tag is gone', switch: 'D7.2' },
    { id: 'RB-DEF-2', step: 'RB-2.6', title: 'the build-cache prune is host-wide', source: '003 L592-598',
      detail: '`docker builder prune -a -f` removes every unused build cache record on the host, of every project, not only HomeIQ\'s; the build already runs with --no-cache (L651), so the prune adds nothing to freshness',
      phasegate: 'skip by default; all-host only when switched', switch: 'D6.11' },
    { id: 'RB-DEF-3', step: 'RB-2.5', title: 'network prune is host-wide', source: '003 L576-590',
      detail: '`docker network prune -f` removes every unused network of the host, including other projects\' stopped stacks',
      phasegate: 'removes only the project\'s networks (label) and the two names 003 gives', switch: 'D6.11' },
    { id: 'RB-DEF-4', step: 'RB-6.1', title: 'restore writes over the preserved data', source: '003 L880-914',
      detail: 'with Option A the volumes keep their data, yet Phase 6 restores into the running containers: `influx restore` of an existing bucket fails or duplicates, `docker cp` replaces metadata.db under a WAL (D7.5, D7.7)',
      phasegate: 'into-empty-only: restore only into an empty volume, else skip with the reason', switch: 'D7.5' },
    { id: 'RB-DEF-5', step: 'RB-6.1', title: 'restore comes after validation', source: '003 L878-914',
      detail: 'Phase 5 validates, then Phase 6 changes the data; the validation no longer describes the system (criteria.md D6.8)',
      phasegate: 'every Phase 5 check runs again after a restore; the restore is judged by identical query results' },
    { id: 'RB-DEF-6', step: 'RB-2.2', title: 'name filters miss containers', source: '003 L505-513',
      detail: '`--filter name=homeiq` and `grep homeiq` miss ai-pattern-service and ai-automation-ui (no homeiq prefix) and match unrelated containers with homeiq in the name (D4.3)',
      phasegate: 'compose project label everywhere', switch: 'D4.2' },
    { id: 'RB-DEF-7', step: 'RB-3.4', title: 'the expected image names do not exist', source: '003 L659-681',
      detail: 'compose names built images <project>-<service> (homeiq-websocket-ingestion, homeiq-admin-api…); 003 lists homeiq-websocket, homeiq-admin, homeiq-enrichment, homeiq-dashboard, homeiq-sports-data (D4.4); influxdb is 2.7.12 at REF (D8.8)',
      phasegate: 'expected images derived from the compose file; 003\'s names are mapped to services' },
    { id: 'RB-DEF-8', step: 'RB-3.1', title: 'the env fallback copies the template', source: '003 L630-637',
      detail: 'a missing .env is replaced by infrastructure/env.example, so the stack starts with placeholder and default secrets (homeiq-token, admin123)',
      phasegate: 'RB-B-1 fails on a missing .env; RB-H-1 fails on default secrets' },
    { id: 'RB-DEF-9', step: 'RB-2.7', title: 'grep verifications pass on daemon errors', source: '003 L600-616',
      detail: '`docker … | grep homeiq` prints nothing both when everything is gone and when docker itself fails, so "should show no results" passes on an unreachable daemon',
      phasegate: 'the snapshot comes from the Docker API; a failed listing is an error, never a pass' },
    { id: 'RB-DEF-10', step: 'RB-1.1', title: 'backups land in a dated directory the restore recomputes', source: '003 L330-331, L882-883',
      detail: 'Phase 1 and Phase 6 both cd into ~/homeiq-backup-$(date +%Y%m%d); a rebuild crossing midnight restores from an empty directory (D7.9)',
      phasegate: 'the backup directory is recorded once (config live.backupDir) and reused' },
  ],
});

/** The contradiction choices the 003 procedure depends on (lib/config's `contradictions`). */
export interface CompleteRebuildChoices {
  /** @default 'keep-backup-tags' */
  readonly 'D7.2'?: 'keep-backup-tags' | 'plan-rmi-all';
  /** @default 'into-empty-only' */
  readonly 'D7.5'?: 'into-empty-only' | 'over-existing';
  /** @default 'skip' */
  readonly 'D6.11'?: 'skip' | 'all-host';
}

/** What the teardown must leave, per the choices (the input of lib/checks' `checkTeardown`). */
export interface TeardownPlan {
  readonly imagePattern: string;
  /** Tag globs kept (D7.2). */
  readonly keepTags: readonly string[];
  readonly preservedVolumes: readonly string[];
  readonly volumePolicy: 'preserve';
  readonly networkNames: readonly string[];
  readonly hostPrunes: 'skip' | 'all-host';
}

/** The teardown expectations of the procedure under the given choices (Option A volumes). */
export function teardownPlan(procedure: CompleteRebuildProcedure, choices: CompleteRebuildChoices = {}): TeardownPlan {
  return {
    imagePattern: procedure.imagePattern,
    keepTags: (choices['D7.2'] ?? 'keep-backup-tags') === 'keep-backup-tags' ? ['pre-rebuild*'] : [],
    preservedVolumes: procedure.preservedVolumes,
    volumePolicy: 'preserve',
    networkNames: procedure.removedNetworks,
    hostPrunes: choices['D6.11'] ?? 'skip',
  };
}

/** Whether Phase 6 may restore into a volume, and why (D7.5). */
export function restoreDecision(volume: string, hasData: boolean, choice: CompleteRebuildChoices['D7.5'] = 'into-empty-only'): { readonly restore: boolean; readonly reason: string } {
  if (!hasData) return { restore: true, reason: `${volume} holds no data: restoring the Phase 1 backup` };
  if (choice === 'over-existing') return { restore: true, reason: `${volume} holds data; restoring over it as 003 writes (D7.5 over-existing)` };
  return { restore: false, reason: `${volume} kept its data through the teardown (Option A), so there is nothing to restore; restoring over it would mix two states (D7.5 into-empty-only)` };
}
