// 003 Complete System Rebuild — the procedure. The setup hook (suites/_setup/complete-rebuild.ts) ran the stages in
// 003's order with phasegate's safe choices (D7.2, D6.11; docs/complete-rebuild.md); each test here states one
// stage's verdict. The static checks read the target's compose file and checkout.
import { dirname } from 'node:path';
import { describe, inject, it } from 'vitest';
import { checkAdminWaitsForDataApi, checkAuthEnabled, checkCorsOrigins, checkEnvFiles, checkProdComposeServices, checkRootDockerignore, serviceEnvironment, type CheckResult } from '../../lib/checks/index.js';
import { loadInventory } from '../../lib/inventory/load-inventory.js';
import { COMPLETE_REBUILD_PROCEDURE } from '../../lib/plans/complete-rebuild.js';
import { REFERENCE_COMPOSE_FILE } from '../../lib/stack/index.js';
import { gate, target } from '../_setup/gate.js';

const t = target();
const outcome = inject('completeRebuild');
const composeFile = t.composeFiles?.[0] ?? REFERENCE_COMPOSE_FILE;
const checkout = dirname(composeFile);
const inventory = () => loadInventory({ files: [composeFile], projectName: t.projectName, driver: 'v1', env: process.env });

/** The hook's verdicts of one criterion; a missing one is an error of the run, never a pass. */
function stage(criterionId: string): CheckResult[] {
  const found = outcome?.results[criterionId];
  if (found && found.length > 0) return found;
  return [{ criterionId, title: 'complete rebuild step', status: 'failed', message: outcome === null || outcome === undefined
    ? `[${criterionId}] the complete rebuild did not run (PHASEGATE_REBUILD=0 or not the rebuild suite). hint: run \`npx vitest run suites/rebuild\``
    : `[${criterionId}] the complete rebuild recorded no verdict for this step. hint: see the [rebuild-003] lines of the setup log` }];
}

describe('003 complete rebuild — preparation (Stage 1)', () => {
  it('RB-P1-1: backup before the teardown: influx backup, metadata.db, .env, compose file and the three Docker listings', (ctx) => gate(ctx, ...stage('RB-P1-1')));
  it('RB-P1-2: current state documented (health answers saved)', (ctx) => gate(ctx, ...stage('RB-P1-2')));
  it('RB-P1-3a: the compose file has the production services 003 lists', (ctx) => gate(ctx, checkProdComposeServices(inventory, COMPLETE_REBUILD_PROCEDURE)));
  it('RB-P1-3b: admin-api depends_on data-api with condition service_healthy', (ctx) => gate(ctx, checkAdminWaitsForDataApi(inventory)));
  // The build context root is the code checkout (config audit.repoRoot; on the reference target the fixture tree).
  it('RB-P1-3c: a root .dockerignore with 003\'s excludes', (ctx) => gate(ctx, checkRootDockerignore(t.repoRoot, COMPLETE_REBUILD_PROCEDURE.dockerignore)));
});

describe('003 complete rebuild — teardown (Stage 2, Option A: volumes preserved)', () => {
  for (const id of ['RB-TD-1', 'RB-TD-2', 'RB-TD-3', 'RB-TD-4', 'RB-TD-5', 'RB-TD-6', 'RB-TD-7']) {
    const what: Record<string, string> = {
      'RB-TD-1': 'no project container running after `down`', 'RB-TD-2': 'every project container removed', 'RB-TD-3': 'the project\'s images removed (the :pre-rebuild rollback tags kept, D7.2)',
      'RB-TD-4': 'the data volumes preserved', 'RB-TD-5': 'the project networks removed', 'RB-TD-6': 'build cache pruned (not done by choice, D6.11)', 'RB-TD-7': 'final state: no containers, images or networks; volumes preserved',
    };
    it(`${id}: ${what[id]}`, (ctx) => gate(ctx, ...stage(id)));
  }
});

describe('003 complete rebuild — build and deploy (Stages 3-4)', () => {
  it('RB-B-1: .env and infrastructure/.env.* exist', (ctx) => gate(ctx, checkEnvFiles(checkout)));
  it('RB-B-3: `build --no-cache` of every service finishes', (ctx) => gate(ctx, ...stage('RB-B-3')));
  it('RB-B-4: the expected images exist after the build', (ctx) => gate(ctx, ...stage('RB-B-4')));
  it('RB-DP-1: `up -d` started the containers in dependency order (StartedAt along depends_on)', (ctx) => gate(ctx, ...stage('RB-DP-1')));
  it('RB-DP-2: every service Up (healthy) after the deploy', (ctx) => gate(ctx, ...stage('RB-DP-2')));
});

describe('003 complete rebuild — restore (Stage 6)', () => {
  it('RB-R-1: `influx restore` brings the buckets back and the same Flux query answers identically', (ctx) => gate(ctx, ...stage('RB-R-1')));
  it('RB-R-2: metadata.db restored with data-api stopped; data-api healthy again', (ctx) => gate(ctx, ...stage('RB-R-2')));
});

describe('003 complete rebuild — hardening (Step 7)', () => {
  const envOf = (service: string) => {
    const spec = inventory().services.find((s) => s.name === service);
    return spec ? serviceEnvironment(spec) : {};
  };
  it('RB-H-1: admin-api has ENABLE_AUTH=true, a JWT secret and an admin password that are not defaults', (ctx) => gate(ctx, checkAuthEnabled(envOf('admin-api'), { where: `admin-api (${composeFile})` })));
  it('RB-H-2: CORS_ORIGINS is an explicit list, not *', (ctx) => gate(ctx, checkCorsOrigins(['admin-api', 'data-api'].map((service) => ({ service, env: envOf(service) })))));
});
