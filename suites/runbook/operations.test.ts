// Runbook 004 operations that phasegate judges from its own records rather than from the running services: the
// build step's result (Step 2), recreate-not-restart after code changes (L121-134), the JSON health report
// (L186-193) and the periodic health check (L261-265).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, inject, it } from 'vitest';
import { parseWorkflow } from '../../lib/ci/index.js';
import { checkBuildResult, checkHealthReport, checkHealthSweep, checkPeriodicGate, checkRecreateNotRestart, rollUp } from '../../lib/checks/index.js';
import { loadInventory } from '../../lib/inventory/index.js';
import { DEPLOY_PLANS } from '../../lib/plans/deploy.js';
import { PLANS } from '../../lib/plans/registry.js';
import { buildHealthReport, healthReportDir, writeHealthReports } from '../../lib/reports/health-report.js';
import { REFERENCE_COMPOSE_FILE, runsOwnCode } from '../../lib/stack/index.js';
import { gate, target } from '../_setup/gate.js';
import { healthEndpoints } from '../_setup/health-endpoints.js';

const t = target();
const WORKFLOWS = '.github/workflows';
// `health-check.sh --critical-only` (004 L158-160): the three services the runbook curls, plus the database.
const CRITICAL = ['influxdb', 'websocket-ingestion', 'data-api', 'admin-api'];

describe('Runbook 004 — operations judged from phasegate\'s records', () => {
  it('RUN-M2: the setup hook\'s image builds finished without a build error (quoted with its service otherwise)', (ctx) => {
    gate(ctx, checkBuildResult(inject('rebuild'), { notRunReason: 'the runbook suite has no rebuild plan (it judges the running target), so its setup hook built nothing' }));
  });

  it('RUN-M3b: no rebuild plan step only restarts a FastAPI service after a code change (rebuild = build + up --force-recreate)', (ctx) => {
    // Own code = a compose `build:` on live; on the reference (all twins built) every service but HomeIQ's upstream images.
    const inventory = loadInventory({ files: t.composeFiles ?? [REFERENCE_COMPOSE_FILE], projectName: t.projectName, driver: 'v1', env: process.env });
    const runsCode = (service: string) => runsOwnCode(service, { kind: t.kind, services: inventory.services });
    gate(ctx, checkRecreateNotRestart([...Object.values(PLANS), ...DEPLOY_PLANS], { runsOwnCode: runsCode }));
  });

  it('RUN-POST-1e: health-report.json (every service: status, latency, body verdict) and its --critical-only subset are written and complete', async (ctx) => {
    const endpoints = healthEndpoints(t);
    const sweep = await checkHealthSweep(endpoints, { criterionId: 'RUN-POST-1e' });
    const swept = endpoints.map((e, i) => ({ service: e.service, url: e.url, result: sweep.results[i]! }));
    const critical = CRITICAL.filter((s) => t.services.includes(s));
    const generatedAt = new Date();
    const paths = writeHealthReports(healthReportDir('runbook'), buildHealthReport(swept, { critical, generatedAt }), buildHealthReport(swept, { critical, generatedAt, criticalOnly: true }));
    gate(ctx, checkHealthReport({ allFile: paths.all, criticalFile: paths.critical, expected: endpoints.map((e) => e.service), critical }));
  });

  it('RUN-MON-2: a periodic health check — a workflow of this repository schedules a gate run (cron), every 5 min at most', (ctx) => {
    const dir = fileURLToPath(new URL('../../.github/workflows/', import.meta.url));
    const results = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort().map((f) => checkPeriodicGate(parseWorkflow(readFileSync(join(dir, f), 'utf8'), `${WORKFLOWS}/${f}`), { file: `${WORKFLOWS}/${f}` }));
    // One scheduled check that meets the interval is enough (health-watch.yml); the others are named when none does.
    const met = results.find((r) => r.status === 'passed');
    gate(ctx, met ?? rollUp('RUN-MON-2', `a periodic health check in ${WORKFLOWS}`, results));
  });
});
