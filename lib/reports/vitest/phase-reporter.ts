// Writes the run report of every gate project (suites/<phase>) at the end of a vitest run, also when it
// failed or was interrupted: reports/<phase>/<runId>/{report.md,report.html,report.json} and reports/<phase>/latest/.
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { arch, cpus, platform, release } from 'node:os';
import { join } from 'node:path';
import type { Reporter, TestModule, TestRunEndReason } from 'vitest/node';
import type { CheckResult } from '../../checks/check-result.js';
import { maskDeep, maskSecrets } from '../../common/secrets.js';
import { GROUP_OF_SUITE } from '../../criteria/catalog.js';
import { renderHtml } from '../html.js';
import { renderMarkdown } from '../markdown.js';
import { buildRunReport, type TestOutcome } from '../model.js';

const NON_GATE_PROJECTS = new Set(['unit', 'docker']);

export interface PhaseReporterOptions {
  /** Root folder of the reports. @default 'reports' */
  readonly dir?: string;
}

export default class PhaseReporter implements Reporter {
  readonly #dir: string;
  #startedAt = new Date();

  constructor(options: PhaseReporterOptions = {}) {
    this.#dir = options.dir ?? process.env.PHASEGATE_REPORTS_DIR ?? 'reports';
  }

  onTestRunStart(): void {
    this.#startedAt = new Date();
  }

  onTestRunEnd(testModules: ReadonlyArray<TestModule>, _errors: unknown, reason: TestRunEndReason): void {
    const byProject = new Map<string, TestOutcome[]>();
    for (const mod of testModules) {
      const project = mod.project.name;
      if (NON_GATE_PROJECTS.has(project)) continue;
      const list = byProject.get(project) ?? [];
      for (const test of mod.children.allTests()) {
        const result = test.result();
        const meta = test.meta() as { criterionIds?: string[]; checks?: CheckResult[] };
        const error = result.state === 'failed' ? result.errors?.[0]?.message : undefined;
        list.push({
          name: test.fullName,
          file: mod.relativeModuleId,
          state: result.state,
          durationMs: test.diagnostic()?.duration ?? 0,
          criterionIds: meta.criterionIds ?? idsFromName(test.name),
          checks: meta.checks ?? [],
          ...(error ? { error: maskSecrets(error.split('\n', 1)[0] ?? '') } : {}),
        });
      }
      if (mod.state() === 'failed' && [...mod.children.allTests()].length === 0) {
        list.push({ name: `${mod.relativeModuleId} (failed to load)`, file: mod.relativeModuleId, state: 'failed', durationMs: 0, criterionIds: [], checks: [], error: maskSecrets(mod.errors()[0]?.message ?? 'module failed') });
      }
      byProject.set(project, list);
    }
    for (const [phase, tests] of byProject) {
      try {
        this.#write(phase, tests, reason === 'interrupted');
      } catch (error) {
        process.stderr.write(`Error in reporter phase-reporter: ${maskSecrets((error as Error).message)}\n`);
      }
    }
  }

  #write(phase: string, tests: TestOutcome[], interrupted: boolean): void {
    const finishedAt = new Date();
    const runId = `${finishedAt.toISOString().replace(/[:.]/g, '-')}`;
    const report = maskDeep(
      buildRunReport({
        runId,
        phase,
        target: process.env.PHASEGATE_TARGET ?? 'reference',
        startedAt: this.#startedAt.toISOString(),
        finishedAt: finishedAt.toISOString(),
        interrupted,
        environment: { node: process.version, os: `${platform()} ${release()} ${arch()}`, cpus: `${cpus().length} × ${cpus()[0]?.model ?? 'unknown'}` },
        tests,
        group: GROUP_OF_SUITE[phase],
      }),
    );
    const runDir = join(this.#dir, phase, runId);
    mkdirSync(runDir, { recursive: true });
    writeFileSync(join(runDir, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
    writeFileSync(join(runDir, 'report.md'), maskSecrets(renderMarkdown(report)));
    writeFileSync(join(runDir, 'report.html'), maskSecrets(renderHtml(report)));
    const latest = join(this.#dir, phase, 'latest');
    rmSync(latest, { recursive: true, force: true });
    cpSync(runDir, latest, { recursive: true });
    process.stdout.write(`\nphasegate: ${phase} ${report.verdict.toUpperCase()} — ${report.counts.criteria.passed} criteria passed, ${report.counts.criteria.failed} failed, ${report.counts.criteria['not-implemented']} not implemented, ${report.counts.criteria.manual} manual${report.counts.criteria.skipped ? `, ${report.counts.criteria.skipped} not run` : ''}\nphasegate: report written to ${join(latest, 'report.md')}\n`);
  }
}

function idsFromName(name: string): string[] {
  return [...name.matchAll(/\b(P\d-[A-Za-z0-9-]+|[A-Z]{1,3}\d?-[A-Z0-9-]+)(?=[:\s/]|$)/g)].map((m) => m[1]!);
}
