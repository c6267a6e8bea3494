// Vitest reporter: at the end of a run that included gate suites (projects other than `unit`/`docker`), builds one
// RunReport per gate project from the test cases' meta and writes all artifacts, also when the run failed or was
// interrupted. A pure unit run writes nothing.
import { arch, cpus, platform, release } from 'node:os';
import { execaSync } from 'execa';
import type { Reporter, TestCase, TestModule, TestRunEndReason, TestSpecification } from 'vitest/node';
import type { CheckResult } from '../../checks/check-result.js';
import { maskSecrets, registerSecret } from '../../common/secrets.js';
import { GROUP_OF_SUITE } from '../../criteria/catalog.js';
import { buildRunReport, type BaselineReportInput, type Contradiction, type LoadReport, type RebuildReport, type ResourceReport, type RunReport, type TestOutcome, type VersionRow } from '../model.js';
import type { PhaseTaskMeta } from '../task-meta.js';
import { criterionIdsInTitle } from '../run-test-log.js';
import { toLoadReport } from '../to-load-report.js';
import { writeRunArtifacts, type RunArtifacts, type RunArtifactsOptions } from '../write-run-artifacts.js';

/** Projects that are never gates. */
const NON_GATE_PROJECTS: ReadonlySet<string> = new Set(['unit', 'docker']);

/** Options of {@link PhaseReporter} (vitest passes them from `['./lib/reports/vitest/phase-reporter.ts', { … }]`). */
export interface PhaseReporterOptions extends Omit<RunArtifactsOptions, 'log'> {
  /** Root folder of the reports. @default process.env.PHASEGATE_REPORTS_DIR ?? 'reports' */
  readonly rootDir?: string;
  /** @deprecated Use `rootDir`. */
  readonly dir?: string;
  /** Target name in the report. @default process.env.PHASEGATE_TARGET ?? 'reference' */
  readonly target?: string;
  /** Whether a vitest project is a gate suite. @default every project except `unit` and `docker` */
  readonly isGateProject?: (name: string) => boolean;
  /** Environment facts added to every report (Docker/compose versions, git commit…). @default node, os, cpus, gitCommit */
  readonly environment?: Readonly<Record<string, string>>;
  /** Receives the human lines (verdict, paths). @default stdout */
  readonly print?: (line: string) => void;
}

/** Test outcome plus the report sections its meta carried. */
interface CollectedTest {
  readonly outcome: TestOutcome;
  readonly meta: PhaseTaskMeta;
}

export default class PhaseReporter implements Reporter {
  readonly #options: PhaseReporterOptions;
  readonly #isGate: (name: string) => boolean;
  readonly #print: (line: string) => void;
  #startedAt = new Date();
  #plannedGates = new Set<string>();
  /** What the last run wrote, per phase (for tests and callers embedding the reporter). */
  readonly written = new Map<string, RunArtifacts>();

  constructor(options: PhaseReporterOptions = {}) {
    this.#options = options;
    this.#isGate = options.isGateProject ?? ((name) => !NON_GATE_PROJECTS.has(name));
    this.#print = options.print ?? ((line) => process.stdout.write(`${line}\n`));
  }

  onTestRunStart(specifications: ReadonlyArray<TestSpecification> = []): void {
    this.#startedAt = new Date();
    this.written.clear();
    this.#plannedGates = new Set(specifications.map((s) => s.project.name).filter((name) => this.#isGate(name)));
  }

  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown> = [], reason: TestRunEndReason = 'passed'): void {
    const byProject = new Map<string, CollectedTest[]>([...this.#plannedGates].map((name) => [name, []]));
    for (const mod of testModules) {
      const project = mod.project.name;
      if (!this.#isGate(project)) continue;
      registerProvidedSecrets(mod.project.getProvidedContext());
      const list = byProject.get(project) ?? [];
      for (const test of mod.children.allTests()) list.push(collect(test, mod.relativeModuleId));
      if (mod.state() === 'failed' && [...mod.children.allTests()].length === 0) {
        const error = maskSecrets(firstLine(mod.errors()[0]?.message ?? 'module failed to load'));
        list.push({ outcome: { name: `${mod.relativeModuleId} (failed to load)`, file: mod.relativeModuleId, state: 'failed', durationMs: 0, criterionIds: [], checks: [], error }, meta: {} });
      }
      byProject.set(project, list);
    }
    const errors = unhandledErrors.map((e) => maskSecrets(firstLine(e instanceof Error ? `${e.name}: ${e.message}` : typeof e === 'object' && e !== null && 'message' in e ? String((e as { message: unknown }).message) : String(e))));
    for (const [phase, tests] of byProject) {
      try {
        this.#write(phase, tests, reason === 'interrupted', errors);
      } catch (error) {
        process.stderr.write(`Error in reporter phase-reporter: ${maskSecrets(error instanceof Error ? error.message : String(error))}\n`);
      }
    }
  }

  #write(phase: string, tests: readonly CollectedTest[], interrupted: boolean, unhandledErrors: readonly string[]): void {
    const finishedAt = new Date();
    const report = buildRunReport({
      runId: finishedAt.toISOString().replace(/[:.]/g, '-'),
      phase,
      target: this.#options.target ?? process.env.PHASEGATE_TARGET ?? 'reference',
      startedAt: this.#startedAt.toISOString(),
      finishedAt: finishedAt.toISOString(),
      interrupted,
      environment: { ...(this.#options.environment ?? defaultEnvironment()), ...Object.assign({}, ...tests.map((t) => t.meta.environment ?? {})) },
      tests: tests.map((t) => t.outcome),
      group: GROUP_OF_SUITE[phase],
      unhandledErrors,
      ...sections(tests),
    });
    const { rootDir, dir, ...rest } = this.#options;
    const artifacts = writeRunArtifacts(report, { ...rest, rootDir: rootDir ?? dir ?? process.env.PHASEGATE_REPORTS_DIR ?? 'reports' });
    this.written.set(phase, artifacts);
    this.#print(`\nphasegate: ${phase} ${summaryLine(report)}`);
    this.#print(`phasegate: report written to ${artifacts.latestDir}/report.md (run ${artifacts.runDir})`);
  }
}

/** `FAILED — 3 criteria passed, 1 failed, 90 not implemented, 5 manual`. */
export function summaryLine(report: RunReport): string {
  const c = report.counts.criteria;
  return `${report.verdict.toUpperCase()} — ${c.passed} criteria passed, ${c.failed} failed, ${c['not-implemented']} not implemented, ${c.manual} manual${c.skipped ? `, ${c.skipped} not run` : ''}${report.unhandledErrors.length ? `, ${report.unhandledErrors.length} errors outside tests` : ''}`;
}

function collect(test: TestCase, file: string): CollectedTest {
  const result = test.result();
  const meta = test.meta() as PhaseTaskMeta;
  const checks: CheckResult[] = [...(meta.checks ?? []), ...(meta.check ? [meta.check] : [])];
  const ids = [...(meta.criterionIds ?? []), ...(meta.criterionId ? [meta.criterionId] : [])];
  const error = result.state === 'failed' ? result.errors?.[0]?.message : undefined;
  return {
    outcome: {
      name: test.fullName,
      file,
      state: result.state,
      durationMs: test.diagnostic()?.duration ?? 0,
      criterionIds: [...new Set(ids.length ? ids : criterionIdsInTitle(test.name))],
      checks,
      ...(error ? { error: maskSecrets(firstLine(error)) } : {}),
      ...(meta.manual ? { manual: meta.manual } : {}),
    },
    meta,
  };
}

/** Gathers the measurement sections the tests attached. */
function sections(tests: readonly CollectedTest[]) {
  const loads: LoadReport[] = [];
  const baselines: BaselineReportInput[] = [];
  const samples: ResourceReport['samples'][number][] = [];
  const versions: VersionRow[] = [];
  const contradictions: Contradiction[] = [];
  let rebuild: RebuildReport | undefined;
  for (const { outcome, meta } of tests) {
    const label = outcome.criterionIds.join(', ') || outcome.name;
    for (const summary of meta.load === undefined ? [] : Array.isArray(meta.load) ? meta.load : [meta.load]) loads.push(toLoadReport(label, summary));
    loads.push(...(meta.loads ?? []));
    for (const b of meta.baseline === undefined ? [] : Array.isArray(meta.baseline) ? meta.baseline : [meta.baseline]) baselines.push({ label, ...b });
    samples.push(...(meta.resources ?? []));
    versions.push(...(meta.versions ?? []));
    contradictions.push(...(meta.contradictions ?? []));
    rebuild = meta.rebuild ?? rebuild;
  }
  return { loads, baselines, versions, contradictions, ...(samples.length ? { resources: { samples } } : {}), ...(rebuild ? { rebuild } : {}) };
}

/**
 * The reporter runs in the main process, not in the workers where tests register secrets: register the ones the
 * global setup provided (`provide('target', { secrets })`, or `provide('secrets', [...])`) before masking.
 */
function registerProvidedSecrets(provided: object): void {
  const context = provided as { target?: { secrets?: unknown }; secrets?: unknown };
  for (const list of [context.target?.secrets, context.secrets]) {
    if (Array.isArray(list)) list.forEach((s) => registerSecret(typeof s === 'string' ? s : undefined));
  }
}

function defaultEnvironment(): Record<string, string> {
  const env: Record<string, string> = { node: process.version, os: `${platform()} ${release()} ${arch()}`, cpus: `${cpus().length} × ${cpus()[0]?.model ?? 'unknown'}` };
  const git = execaSync('git', ['rev-parse', '--short', 'HEAD'], { reject: false, timeout: 2000 });
  if (!git.failed && git.stdout) env.gitCommit = git.stdout.trim();
  return env;
}

const firstLine = (text: string) => text.split('\n', 1)[0] ?? '';
