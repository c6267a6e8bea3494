import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../common/errors.js';
import { clearRegisteredSecrets, registerSecret } from '../common/secrets.js';
import { loadChartLibrary } from './chart-library.js';
import { parseRunReport } from './model.js';
import { readRunHistory } from './run-history.js';
import { failedTest, passedTest, sections, smallRun } from './testing/sample-run.js';
import { rerenderReport, safeSegment, writeRunArtifacts } from './write-run-artifacts.js';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'phasegate-reports-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true }));
  clearRegisteredSecrets();
});

const files = (dir: string): string[] => readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? files(join(dir, n)) : [join(dir, n)]));
const quiet = { log: () => {}, onError: () => {} };

describe('writeRunArtifacts', () => {
  it('should write the four artifacts, a latest copy and the index', () => {
    const root = tempDir();
    const logged: string[] = [];
    const out = writeRunArtifacts(smallRun(sections), { rootDir: root, chartLibrary: undefined, log: (l) => logged.push(l) });
    expect(out.failed).toEqual([]);
    expect(files(root).map((f) => f.slice(root.length + 1)).sort()).toEqual([
      'index.html',
      'phase1/latest/junit.xml',
      'phase1/latest/report.html',
      'phase1/latest/report.json',
      'phase1/latest/report.md',
      'phase1/r1/junit.xml',
      'phase1/r1/report.html',
      'phase1/r1/report.json',
      'phase1/r1/report.md',
    ]);
    expect(logged).toEqual([
      `JSON report written to ${join(root, 'phase1/r1/report.json')}`,
      `Markdown report written to ${join(root, 'phase1/r1/report.md')}`,
      `JUnit report written to ${join(root, 'phase1/r1/junit.xml')}`,
      `HTML report written to ${join(root, 'phase1/r1/report.html')}`,
      `HTML report written to ${join(root, 'index.html')}`,
    ]);
    expect(readFileSync(join(root, 'phase1/latest/report.md'), 'utf8')).toBe(readFileSync(join(root, 'phase1/r1/report.md'), 'utf8'));
  });

  it('should replace latest with the newest run and list every run with its p95 trend in the index', () => {
    const root = tempDir();
    writeRunArtifacts(smallRun({ ...sections, runId: 'r1' }), { rootDir: root, chartLibrary: undefined, ...quiet });
    const faster = { ...sections.loads[0]!, endpoints: [{ ...sections.loads[0]!.endpoints[0]!, latency: { ...sections.loads[0]!.endpoints[0]!.latency, p95Ms: 9 } }] };
    writeRunArtifacts(smallRun({ runId: 'r2', startedAt: '2026-11-23T00:00:00.000Z', tests: [passedTest], loads: [faster] }), { rootDir: root, chartLibrary: loadChartLibrary(), ...quiet });
    expect(parseRunReport(JSON.parse(readFileSync(join(root, 'phase1/latest/report.json'), 'utf8'))).runId).toBe('r2');
    expect(readRunHistory(root).runs.map((r) => [r.runId, r.verdict, r.p95ByRoute])).toEqual([
      ['r1', 'failed', { 'GET /health': 12 }],
      ['r2', 'passed', { 'GET /health': 9 }],
    ]);
    const index = readFileSync(join(root, 'index.html'), 'utf8');
    expect(index).toContain('<a href="phase1/r2/report.html">r2</a>');
    expect(index).toContain('"data":[12,9]');
    expect(index).not.toMatch(/<script[^>]+src=/);
  });

  it('should list an unreadable report.json in the index instead of failing', () => {
    const root = tempDir();
    writeRunArtifacts(smallRun(), { rootDir: root, chartLibrary: undefined, ...quiet });
    writeFileSync(join(root, 'phase1/r1/report.json'), '{"schemaVersion": 2}');
    expect(readRunHistory(root).unreadable).toHaveLength(1);
  });

  it('should keep phase and run id inside the reports root', () => {
    expect(safeSegment('../../etc')).toBe('-..-etc');
    expect(safeSegment('2026-11-23T00:29:17.169Z')).toBe('2026-11-23T00-29-17.169Z');
  });

  it('should produce a complete report for a failed and for an interrupted run', () => {
    const root = tempDir();
    writeRunArtifacts(smallRun({ runId: 'failed-run' }), { rootDir: root, chartLibrary: undefined, ...quiet });
    writeRunArtifacts(smallRun({ runId: 'interrupted-run', interrupted: true }), { rootDir: root, chartLibrary: undefined, ...quiet });
    expect(readFileSync(join(root, 'phase1/failed-run/report.md'), 'utf8')).toMatch(/^# phase1 gate — FAILED/);
    expect(readFileSync(join(root, 'phase1/interrupted-run/report.md'), 'utf8')).toMatch(/^# phase1 gate — INTERRUPTED/);
    expect(readFileSync(join(root, 'phase1/interrupted-run/junit.xml'), 'utf8')).toContain('<property name="verdict" value="interrupted"/>');
    expect(readFileSync(join(root, 'phase1/interrupted-run/report.html'), 'utf8')).toContain('data-verdict="interrupted"');
  });
});

describe('rerenderReport', () => {
  it('should re-render every artifact from report.json', () => {
    const root = tempDir();
    const { runDir } = writeRunArtifacts(smallRun(), { rootDir: root, chartLibrary: undefined, ...quiet });
    rmSync(join(runDir, 'report.md'));
    const result = rerenderReport(join(runDir, 'report.json'), { chartLibrary: undefined, ...quiet });
    expect(result.written).toHaveLength(4);
    expect(existsSync(join(runDir, 'report.md'))).toBe(true);
  });

  it('should reject a file that is not a run report with the file name and a hint', () => {
    const path = join(tempDir(), 'report.json');
    writeFileSync(path, '{"hello": 1}');
    let error: unknown;
    try {
      rerenderReport(path, quiet);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).shortMessage).toMatch(new RegExp(`^Cannot re-render ${path}: not a phasegate run report \\(`));
    expect((error as ConfigError).hint).toBe('pass the report.json of a run, e.g. reports/phase1/latest/report.json');
  });
});

describe('secrets in artifacts', () => {
  it('should write 0 occurrences of canary secrets in every artifact', () => {
    const canaries = ['canary-registered-5f1e9a', 'canary-influx-token-77aa', 'canary-url-pw-31b', 'canary-bearer-0c4d2e8f', 'canary-ha-token-9e2a'];
    registerSecret(canaries[0]);
    const leaky = `registered ${canaries[0]}; INFLUX_TOKEN=${canaries[1]}; http://admin:${canaries[2]}@127.0.0.1:8086; Authorization: Bearer ${canaries[3]}; {"access_token": "${canaries[4]}"}`;
    const check = { ...failedTest.checks[0]!, message: `failed: ${leaky}`, limit: leaky, measurement: leaky, evidence: [{ label: 'log tail', value: leaky }] };
    const report = smallRun({
      ...sections,
      environment: { node: 'v20', config: leaky, INFLUX_TOKEN: canaries[1]! },
      tests: [passedTest, { ...failedTest, checks: [check], error: leaky }],
      unhandledErrors: [leaky],
      contradictions: [{ id: 'C1', question: leaky, choice: leaky, alternatives: [leaky] }],
    });
    const root = tempDir();
    writeRunArtifacts(report, { rootDir: root, chartLibrary: loadChartLibrary(), ...quiet });
    rerenderReport(join(root, 'phase1/r1/report.json'), { chartLibrary: undefined, ...quiet });
    const written = files(root);
    expect(written).toHaveLength(9);
    const occurrences = written.flatMap((f) => canaries.filter((c) => readFileSync(f, 'utf8').includes(c)).map((c) => `${c} in ${f}`));
    expect(occurrences).toEqual([]);
    expect(readFileSync(join(root, 'phase1/r1/report.md'), 'utf8')).toContain('http://admin:***@127.0.0.1:8086');
  });
});
