// The Phase 0 steps that write evidence (000 Stories 2, 3 and 5), shared by the gate (suites/phase0) and its self-test
// (suites/selftest/phase0-evidence.test.ts) so the self-test breaks exactly what the gate runs. Each step never lets
// an old file stand in for a new one: a capture that fails removes the file and says why (EvidenceFile.problem).
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type Docker from 'dockerode';
import { pythonAuditRow, formatPythonAuditCsv, type RepoScan, type RuntimeVersionSource } from '../../lib/audit/index.js';
import { checkNoErrorLogs, statEvidence, type EvidenceFile, type LogConfigEntry } from '../../lib/checks/index.js';
import type { ContainerInspector } from '../../lib/docker/index.js';
import { INFRASTRUCTURE_REPORT_FILE, renderInfrastructureReport, type InfrastructureEntry } from '../../lib/reports/infrastructure-report.js';
import { createRebuildLogLayout, readRebuildLogLayout, writeEvidence, type RebuildLogListing } from '../../lib/reports/phase0-artifacts.js';

const reason = (error: unknown): string => (error instanceof Error ? error.message : String(error)).split('\n', 1)[0]!;

/** Writes what `produce` returns to `dir/file` (removing an older copy first); a failure becomes the file's problem. */
async function capture(dir: string, file: string, produce: () => Promise<{ content: string | object; lines?: number; problem?: string }>): Promise<EvidenceFile> {
  const path = join(dir, file);
  try {
    rmSync(path, { force: true });
    const { content, lines, problem } = await produce();
    writeEvidence(dir, file, content);
    const [found] = statEvidence([path]);
    return { ...found!, ...(lines !== undefined ? { lines } : {}), ...(problem !== undefined ? { problem } : {}) };
  } catch (error) {
    return { path, problem: `not written: ${reason(error)}` };
  }
}

/** The three diagnostics of P0-S2-AC1a/b/c (000 L160-166), each with what its content holds. */
export interface ContainerDiagnostics {
  /** Log tail (500 lines), `<stream>: <line>` per line, secrets masked. */
  readonly logs: EvidenceFile;
  /** `docker inspect` JSON, secrets masked. */
  readonly inspect: EvidenceFile;
  /** One `docker stats --no-stream` snapshot; void without a memory reading (a container that is not running). */
  readonly stats: EvidenceFile;
}

/**
 * P0-S2-AC1a/b/c: saves `container`'s last 500 log lines, its inspect document and one stats snapshot under `dir`
 * as `<service>.logs.txt`, `.inspect.json` and `.stats.json`.
 */
export async function captureContainerDiagnostics(deps: { docker: Docker; inspector: ContainerInspector }, container: string, service: string, dir: string): Promise<ContainerDiagnostics> {
  const handle = deps.docker.getContainer(container);
  const [logs, inspect, stats] = await Promise.all([
    capture(dir, `${service}.logs.txt`, async () => {
      const lines = await deps.inspector.logsTail(container, 500);
      return { content: lines.map((l) => `${l.stream}: ${l.text}\n`).join(''), lines: lines.length, ...(lines.length === 0 ? { problem: `holds no log line: ${container} has written nothing (a container that never ran?)` } : {}) };
    }),
    capture(dir, `${service}.inspect.json`, async () => ({ content: (await handle.inspect()) as object })),
    capture(dir, `${service}.stats.json`, async () => {
      const snapshot = (await handle.stats({ stream: false })) as { memory_stats?: { usage?: number } };
      const usage = snapshot.memory_stats?.usage;
      return { content: snapshot, ...(typeof usage === 'number' && usage > 0 ? {} : { problem: `holds no memory reading (memory_stats.usage is ${usage ?? 'absent'}): ${container} is not running` }) };
    }),
  ]);
  return { logs, inspect, stats };
}

/** What the Python audit needs: the scanned checkout, who runs, how to ask, and the plan's floor. */
export interface PythonAuditInput {
  readonly scan: RepoScan;
  /** Python services of the checkout (a service folder with requirements files). */
  readonly python: readonly string[];
  /** Those the target runs (asked `python --version` at runtime). */
  readonly running: readonly string[];
  readonly runtime: RuntimeVersionSource;
  /** The running container of a service, for the CSV. */
  readonly containerFor: (service: string) => string | undefined;
  /** Python floor (config thresholds.pythonMinVersion). */
  readonly floor: string;
  /** Folder the CSV is written to. */
  readonly dir: string;
}

/**
 * 000 L254: `python_versions_audit.csv`, one row per Python service of the checkout (runtime `python --version` where
 * the target runs it, the Dockerfile's `FROM python:` tag always). Written like every capture here: an older copy is
 * removed first, and a write that fails says why in the returned file's `problem`.
 */
export function writePythonAudit(input: PythonAuditInput): Promise<EvidenceFile> {
  return capture(input.dir, 'python_versions_audit.csv', async () => {
    const rows = [];
    for (const service of input.python) {
      const spec = input.scan.services.find((s) => s.name === service);
      const reading = input.running.includes(service) ? await input.runtime.pythonVersion(service) : undefined;
      const container = input.containerFor(service);
      rows.push(pythonAuditRow({ service, ...(container ? { container } : {}), ...(reading?.version ? { runtimeVersion: reading.version } : {}), ...(spec?.dockerfile ? { dockerfile: spec.dockerfile } : {}) }, input.floor));
    }
    return { content: formatPythonAuditCsv(rows) };
  });
}

/**
 * P0-S4-AC4, 000 Task 4.4: `infrastructure_validation_report.md` in `dir`, compiled from Story 4's results (an older
 * copy removed first; a write that fails says why in the returned file's `problem`).
 */
export function writeInfrastructureReport(dir: string, entries: readonly InfrastructureEntry[], options: { readonly where?: string; readonly now?: Date } = {}): Promise<EvidenceFile> {
  return capture(dir, INFRASTRUCTURE_REPORT_FILE, async () => ({
    content: renderInfrastructureReport({ entries, generatedAt: options.now ?? new Date(), ...(options.where !== undefined ? { where: options.where } : {}) }),
  }));
}

/** A file's text, or undefined when it cannot be read (the checks judge an absent file). */
export function readIfExists(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * P0-S5-AC2ab: lays out 000 Task 5.2's tree under `root` and reads back what is there. A layout that cannot be made
 * (a file where a folder belongs, no permission) is not thrown: the listing shows what is missing, and `error` why.
 */
export function prepareRebuildLogs(root: string, date: string): { listing: RebuildLogListing; error?: string } {
  let error: string | undefined;
  try {
    createRebuildLogLayout(root, date);
  } catch (e) {
    error = reason(e);
  }
  return { listing: readRebuildLogLayout(root, date), ...(error !== undefined ? { error } : {}) };
}

/** Each container of the project with its log driver settings (P0-S5-AC2c). */
export async function projectLogConfigs(deps: { docker: Docker; inspector: ContainerInspector }, projectName: string): Promise<LogConfigEntry[]> {
  const states = await deps.inspector.listProject(projectName);
  return Promise.all(
    states.map(async (s) => {
      const logConfig = (await deps.docker.getContainer(s.id).inspect()).HostConfig.LogConfig as LogConfigEntry['logConfig'];
      return { service: s.service, name: s.name, ...(logConfig ? { logConfig } : {}) };
    }),
  );
}

/**
 * P0-S5-AC4ab: 000 L481-513's three monitors (health, resources, error aggregation) run once over the project and
 * captured under `runDir/phase0/{health,errors}` as `<kind>_<stamp>.log`. Returns the three files as found.
 */
export async function runMonitorsOnce(inspector: ContainerInspector, projectName: string, runDir: string, now: () => Date = () => new Date()): Promise<EvidenceFile[]> {
  const stamp = now().toISOString().replace(/[:.]/g, '-');
  const states = await inspector.listProject(projectName);
  const health = await capture(join(runDir, 'phase0', 'health'), `health_${stamp}.log`, async () => ({
    content: states.map((s) => `${now().toISOString()} ${s.service} ${s.name} ${s.state}/${s.health} restarts=${s.restartCount}\n`).join(''),
  }));
  const resources = await capture(join(runDir, 'phase0', 'health'), `resources_${stamp}.log`, async () => {
    const lines = await Promise.all(
      states.filter((s) => s.state === 'running').map(async (s) => `${now().toISOString()} ${s.service} memory ${await inspector.stats(s.id).then((m) => `${m.memoryUsageBytes} / ${m.memoryLimitBytes} bytes`, (e: unknown) => `unreadable: ${reason(e)}`)}\n`),
    );
    return { content: lines.join('') };
  });
  const errors = await capture(join(runDir, 'phase0', 'errors'), `errors_${stamp}.log`, async () => {
    const scan = await checkNoErrorLogs(inspector, states, { criterionId: 'P0-S5-AC4ab', services: states.map((s) => s.service), tail: 100 });
    return { content: `${now().toISOString()} error aggregation over the last 100 lines of ${states.length} containers: ${scan.status}: ${scan.message}\n` };
  });
  return [health, resources, errors];
}
