import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import type { TestModule } from 'vitest/node';
import { afterEach, describe, expect, it } from 'vitest';
import { parseRunReport } from '../model.js';
import PhaseReporter from './phase-reporter.js';

const FIXTURE = fileURLToPath(new URL('./fixtures/gate-run/', import.meta.url));
const VITEST = fileURLToPath(new URL('../../../node_modules/vitest/vitest.mjs', import.meta.url));
const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'phasegate-phase-reporter-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
const files = (dir: string): string[] => readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? files(join(dir, n)) : [join(dir, n)]));

describe('PhaseReporter', () => {
  it('should write a complete report of an interrupted real vitest run, from the tests\' meta, with secrets masked', async () => {
    const root = tempDir();
    // A real vitest run of a tiny gate project; --bail=1 interrupts it after the failing test.
    const run = await execa('node', [VITEST, 'run', '--bail=1'], { cwd: FIXTURE, env: { PHASEGATE_REPORTS_DIR: root, VITEST: '', VITEST_MODE: '', VITEST_POOL_ID: '', VITEST_WORKER_ID: '' }, reject: false, timeout: 60_000 });
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain('phasegate: phase1 INTERRUPTED — 2 criteria passed, 1 failed, 88 not implemented, 6 manual, 1 not run');
    expect(readdirSync(root).sort()).toEqual(['index.html', 'phase1']);
    const latest = join(root, 'phase1', 'latest');
    expect(readdirSync(latest).sort()).toEqual(['junit.xml', 'report.html', 'report.json', 'report.md']);
    const report = parseRunReport(JSON.parse(readFileSync(join(latest, 'report.json'), 'utf8')));
    expect(report.verdict).toBe('interrupted');
    expect(report.tests.map((t) => [t.name, t.state])).toEqual([
      ['P1-S4-V2: data-api health', 'passed'],
      ['P1-SC3: latency under load', 'passed'],
      ['P1-NEXT1: manual review', 'passed'],
      ['P1-SC6: events flow', 'failed'],
      ['P1-SC1: never reached when bailing', 'pending'],
    ]);
    expect(report.criteria.find((c) => c.id === 'P1-NEXT1')).toMatchObject({ status: 'manual', reason: 'manual: a human signs off' });
    expect(report.criteria.find((c) => c.id === 'P1-SC1')?.status).toBe('skipped');
    expect(report.environment.docker).toBe('27.3.1');
    expect(report.loads?.[0]).toMatchObject({ label: 'P1-SC3', endpoints: [{ route: 'GET /health', latency: { count: 100 } }] });
    expect(report.loads?.[0]?.endpoints[0]?.distribution?.reduce((s, d) => s + d.count, 0)).toBe(100);
    expect(report.tests[3]!.error).toBe('[P1-SC6] InfluxDB gained 0 points (token ***)');
    expect(readFileSync(join(latest, 'report.md'), 'utf8')).toMatch(/^# phase1 gate — INTERRUPTED\n/);
    expect(readFileSync(join(latest, 'report.html'), 'utf8')).toContain('data-verdict="interrupted"');
    expect(files(root).filter((f) => readFileSync(f, 'utf8').includes('canary-fixture-secret-4b7d'))).toEqual([]);
  }, 60_000);

  it('should write nothing for a run of unit tests only', () => {
    const root = tempDir();
    const printed: string[] = [];
    const reporter = new PhaseReporter({ rootDir: root, print: (l) => printed.push(l) });
    reporter.onTestRunStart([]);
    // A hand-written stand-in: the reporter only reads the project name of a non-gate module.
    const unitModule = { project: { name: 'unit' } } as unknown as TestModule;
    reporter.onTestRunEnd([unitModule], [], 'passed');
    expect(readdirSync(root)).toEqual([]);
    expect(printed).toEqual([]);
    expect(existsSync(join(root, 'unit'))).toBe(false);
  });
});
