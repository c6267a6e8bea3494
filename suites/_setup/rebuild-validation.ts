// 003's validation entries (lib/plans/complete-rebuild-validation.ts) evaluated on the target: which check function
// runs for each check kind, on which services, paths and keys. Shared by suites/rebuild/validation.test.ts (the gate)
// and suites/selftest/rebuild-validation.test.ts (each entry proven to fail on its fault), so both judge the same way.
import { totalmem } from 'node:os';
import {
  checkAuth, checkContainersHealthy, checkCpuPercent, checkNoSecretsInLogs, sampleCpuPercent, checkContainersRunning, checkCorsOrigins, checkEventsFlowing, checkHealthBody, checkLatency, checkMemoryPercent, checkMemoryTrend,
  checkNoErrorLogs, checkRecentWrites, checkSecretsNotDefault, inspectorMemorySampler, onlyNecessary, serviceEnvironment, type CheckResult,
} from '../../lib/checks/index.js';
import { DockerodeContainerInspector } from '../../lib/docker/index.js';
import { forCriterion, type DashboardCheckReport } from '../../lib/e2e/index.js';
import { FluxClient } from '../../lib/influx/flux-client.js';
import { loadInventory } from '../../lib/inventory/load-inventory.js';
import { REQUIREMENTS, unmetRequirements, validationEntry, type RebuildValidationEntry, type ValidationCheckSpec } from '../../lib/plans/complete-rebuild-validation.js';
import { REFERENCE_COMPOSE_FILE } from '../../lib/stack/index.js';
import { leakJudgedServices, securityPolicy, target, thresholds } from './gate.js';
import { checkTargetNetworks, checkTargetPermissions, checkTargetPorts, checkTargetVolumes } from './project-inspection.js';

/** Options of {@link createValidationEvaluator}. */
export interface ValidationEvaluatorOptions {
  /** Page-check results of the health-dashboard, for the `dashboard` kind (the gate caches one run; a self-test does not). */
  readonly dashboard: () => Promise<DashboardCheckReport['results']>;
}

/** Evaluates validation entries on the gate's target. */
export interface ValidationEvaluator {
  /** Every check of the entry, with its criterion ID (partial entries wrapped in onlyNecessary). */
  evaluate(entry: RebuildValidationEntry): Promise<CheckResult[]>;
  /** Why the target cannot decide the entry (its `requires`), or null when it can. */
  unmet(entry: RebuildValidationEntry): string | null;
}

/** The evaluator for the current target. */
export function createValidationEvaluator(options: ValidationEvaluatorOptions): ValidationEvaluator {
  const t = target();
  const inspector = new DockerodeContainerInspector();
  const flux = new FluxClient({ url: t.influx.url, token: t.influx.token, org: t.influx.org });
  const composeFile = t.composeFiles?.[0] ?? REFERENCE_COMPOSE_FILE;
  const inventory = () => loadInventory({ files: [composeFile], projectName: t.projectName, driver: 'v1', env: process.env });
  const available = (r: keyof typeof REQUIREMENTS) => (t.kind === 'reference' ? REQUIREMENTS[r].referenceTwin : true);
  /** Stand-ins for systems outside HomeIQ (the Home Assistant simulator): 003's "all services" are HomeIQ's own. */
  const OUTSIDE_HOMEIQ = new Set(['ha-simulator']);
  const servicesOf = (spec: ValidationCheckSpec) => (spec.services === 'all' || spec.services === undefined ? t.services.filter((s) => !OUTSIDE_HOMEIQ.has(s)) : spec.services.filter((s) => t.services.includes(s)));
  const headersOf = (spec: ValidationCheckSpec): Record<string, string> | undefined =>
    spec.auth === 'bearer' ? { authorization: `Bearer ${t.apiKey}` } : spec.auth === 'influx-token' ? { authorization: `Token ${t.influx.token}` } : undefined;

  async function run(id: string, spec: ValidationCheckSpec): Promise<CheckResult[]> {
    const services = servicesOf(spec);
    switch (spec.kind) {
      case 'containers-running':
        return [checkContainersRunning(await inspector.listProject(t.projectName), { criterionId: id, expected: services })];
      case 'containers-healthy':
        return [checkContainersHealthy(await inspector.listProject(t.projectName), { criterionId: id, expected: services })];
      case 'health-body':
        return Promise.all(services.map((service) => checkHealthBody({ criterionId: id, service, url: `${t.urls[service]}${spec.path ?? '/health'}`, rule: spec.rule ?? { any: true }, ...(headersOf(spec) ? { headers: headersOf(spec)! } : {}) })));
      case 'events-flowing':
        return [await checkEventsFlowing({ criterionId: id, ingestionHealthUrl: `${t.urls['websocket-ingestion']}/health`, flux, bucket: t.influx.bucket })];
      case 'recent-writes':
        return [await checkRecentWrites({ criterionId: id, influx: flux, bucket: t.influx.bucket, field: spec.field ?? 'context_id', ...(spec.range ? { range: spec.range } : {}) })];
      case 'dashboard': {
        const r = await options.dashboard();
        // With a limit ("loads < 3 s") the load timing decides too, against the run's dashboard budget (thresholds).
        return [r.pageLoad, r.tabs, r.consoleErrors, ...(spec.limit !== undefined ? [r.loadTiming] : [])].map((x) => forCriterion(x, id));
      }
      case 'latency': {
        // 003 says 100 ms, 001 500 ms: contradiction D5.1, decided in the config (thresholds; the report states it).
        const path = spec.path ?? '/health';
        const limitMs = path.endsWith('/health') ? thresholds().healthLatencyMs : thresholds().apiLatencyP95Ms;
        return Promise.all(services.map((service) => checkLatency({ criterionId: id, name: `${service} ${path}`, url: `${t.urls[service]}${path}`, limitMs, samples: 20, ...(headersOf(spec) ? { headers: headersOf(spec)! } : {}) })));
      }
      case 'log-scan':
        return [await checkNoErrorLogs(inspector, await inspector.listProject(t.projectName), { criterionId: id, services, tail: spec.tail ?? 100 })];
      case 'memory-percent': {
        const states = await inspector.listProject(t.projectName);
        const readings = await Promise.all(services.map(async (service) => {
          const c = states.find((s) => s.service === service);
          const s = c ? await inspector.stats(c.id) : { memoryUsageBytes: 0, memoryLimitBytes: 0 };
          return { service, usageBytes: s.memoryUsageBytes, limitBytes: s.memoryLimitBytes };
        }));
        return [checkMemoryPercent(readings, { criterionId: id, maxPercent: spec.limit ?? 70, hostMemoryBytes: totalmem() })];
      }
      case 'secrets-in-logs': {
        const states = await inspector.listProject(t.projectName);
        const tail = spec.tail ?? 1000;
        const logs = await Promise.all(services.map(async (service) => {
          const c = states.find((s) => s.service === service);
          return { service, lines: c ? await inspector.logsTail(c.id, tail) : [] };
        }));
        return [checkNoSecretsInLogs(logs, { criterionId: id, tail })];
      }
      case 'cpu-percent': {
        const states = await inspector.listProject(t.projectName);
        const windowMs = 10_000;
        const readings = await sampleCpuPercent((c) => inspector.stats(c), services.map((service) => ({ service, container: states.find((s) => s.service === service)?.id ?? service })), windowMs);
        return [checkCpuPercent(readings, { criterionId: id, maxPercent: spec.limit ?? 50, windowMs })];
      }
      case 'memory-trend': {
        // Sampled at once: a slope while a container is still in its heap warm-up (checkMemoryTrend `startedAt`) is
        // "not yet decidable" unless it is a gross leak, which fails at once.
        const states = await inspector.listProject(t.projectName);
        /** Growth that would add 1 GiB in 48 h, as PD-48H-4. */
        const maxGrowthBytesPerS = Math.round((1024 * 1024 * 1024) / (48 * 3600));
        return Promise.all(leakJudgedServices(t, services).map((service) => {
          const c = states.find((s) => s.service === service);
          return checkMemoryTrend({ criterionId: id, service, sample: inspectorMemorySampler(inspector, c?.id ?? service), samples: 13, intervalMs: 5_000, maxGrowthBytesPerS, ...(c?.startedAt ? { startedAt: c.startedAt } : {}) });
        }));
      }
      case 'auth-rejected':
        return Promise.all(services.map((service) => checkAuth({ criterionId: id, service, url: `${t.urls[service]}${spec.path ?? '/'}`, expect: 'rejected', attempts: [{ label: 'no key' }] })));
      case 'secrets-not-default': {
        const inv = inventory();
        const variables = inv.services.filter((s) => services.includes(s.name)).flatMap((s) => s.environment.filter((e) => e.secret).map((e) => ({ service: s.name, name: e.name, value: e.value })));
        return [checkSecretsNotDefault(variables, { criterionId: id })];
      }
      case 'cors-static': {
        const inv = inventory();
        return [checkCorsOrigins(services.map((service) => ({ service, env: (() => { const spec2 = inv.services.find((s) => s.name === service); return spec2 ? serviceEnvironment(spec2) : {}; })() })))].map((r) => ({ ...r, criterionId: id }));
      }
      case 'aggregate': {
        const parts = await Promise.all((spec.of ?? []).map(async (other) => {
          const entry = validationEntry(other);
          if (!entry) return [{ criterionId: id, title: other, status: 'error', message: `[${id}] aggregates ${other}, which has no validation entry` } satisfies CheckResult];
          const unmet = unmetRequirements(entry, available);
          if (unmet !== null) return [{ criterionId: id, title: other, status: 'skipped', message: `[${id}] ${other} ${unmet}` } satisfies CheckResult];
          return (await evaluate(entry)).map((r) => ({ ...r, criterionId: id, message: `${other}: ${r.message}` }));
        }));
        return parts.flat();
      }
      case 'networks-created':
        return [await checkTargetNetworks(id, t, services, inspector)];
      case 'volumes-mounted':
        return [await checkTargetVolumes(id, t, services, inspector)];
      case 'permissions':
        return [await checkTargetPermissions(id, t, services, inspector, securityPolicy())];
      case 'exposed-ports':
        return [await checkTargetPorts(id, t, inspector, securityPolicy())];
      case 'not-implemented':
      case 'manual':
        return [{ criterionId: id, title: spec.kind, status: 'skipped', message: `[${id}] ${spec.kind === 'manual' ? 'needs a human' : 'not implemented'} (lib/plans/complete-rebuild-validation.ts)` }];
    }
  }

  async function evaluate(entry: RebuildValidationEntry): Promise<CheckResult[]> {
    const results = (await Promise.all(entry.checks.map((spec) => run(entry.criterionId, spec)))).flat();
    if (results.length === 0) {
      // A check over services the target does not have decides nothing: an error, never a silent pass.
      const named = [...new Set(entry.checks.flatMap((c) => (Array.isArray(c.services) ? c.services : [])))];
      return [{ criterionId: entry.criterionId, title: entry.what, status: 'error', message: `[${entry.criterionId}] nothing to judge: ${named.join(', ') || 'no service'} not in the target's expected services (${t.services.length}); hint: start the selection that has ${named.length === 1 ? 'it' : 'them'} (config stack selection) or pin the expected set` }];
    }
    return entry.partial ? results.map((r) => onlyNecessary(r, entry.partial!)) : results;
  }
  return { evaluate, unmet: (entry) => unmetRequirements(entry, available) };
}
