import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeRunArtifacts } from '../reports/write-run-artifacts.js';
import { passedTest, sections, smallRun } from '../reports/testing/sample-run.js';
import { main } from './main.js';
import { parseFormats, reportCommand } from './report-command.js';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'phasegate-report-cmd-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

const quiet = { chartLibrary: undefined, log: () => {}, onError: () => {} };

/** A reports root with two phase1 runs (r1 failed, then r2 passed) written the way a gate run writes them. */
function twoRuns(): string {
  const root = tempDir();
  writeRunArtifacts(smallRun({ runId: 'r1' }), { rootDir: root, ...quiet });
  writeRunArtifacts(smallRun({ runId: 'r2', startedAt: '2026-11-23T00:00:00.000Z', finishedAt: '2026-11-23T00:01:00.000Z', tests: [passedTest] }), { rootDir: root, ...quiet });
  return root;
}

/** Runs the command against `root` and collects what it printed. */
function run(root: string, ...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = reportCommand(args, { out: (t) => out.push(t), err: (t) => err.push(t), env: { PHASEGATE_REPORTS_DIR: root } });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('phasegate report --list', () => {
  it('should list the runs of a phase newest first with verdict and criteria counts', () => {
    const root = twoRuns();
    const { code, out, err } = run(root, '--list', 'phase1');
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out).toBe(
      [
        'phase1 (2 runs, newest first; passed/failed = criteria)',
        '  run  started                   verdict  passed  failed',
        '  r2   2026-11-23T00:00:00.000Z  PASSED   1       0',
        '  r1   2026-11-22T00:00:00.000Z  FAILED   1       1',
      ].join('\n'),
    );
  });

  it('should list every phase without a phase argument and name unreadable reports instead of failing', () => {
    const root = twoRuns();
    writeRunArtifacts(smallRun({ runId: 's1', phase: 'selftest' }), { rootDir: root, ...quiet });
    mkdirSync(join(root, 'phase1', 'broken'));
    writeFileSync(join(root, 'phase1', 'broken', 'report.json'), '{"schemaVersion": 2, "runId":');
    const { code, out } = run(root, '--list');
    expect(code).toBe(0);
    expect(out).toContain('phase1 (2 runs, newest first; passed/failed = criteria)');
    expect(out).toContain('selftest (1 run, newest first; passed/failed = criteria)');
    expect(out).toMatch(new RegExp(`unreadable \\(not listed\\):\\n  ${join(root, 'phase1', 'broken', 'report.json')}: `));
  });

  it('should say which phases have runs when the asked one has none', () => {
    const root = twoRuns();
    const { code, out, err } = run(root, '--list', 'phase3');
    expect(code).toBe(1);
    expect(out).toBe('');
    expect(err).toBe(`phasegate: No runs of phase "phase3" under ${root} (phases with runs: phase1)\nhint: run a gate first (npx vitest run suites/phase3), or point --root / PHASEGATE_REPORTS_DIR at the reports folder`);
  });
});

describe('phasegate report (re-render)', () => {
  it('should re-render the latest run in its own folder and in latest/', () => {
    const root = twoRuns();
    rmSync(join(root, 'phase1', 'r2', 'report.md'));
    rmSync(join(root, 'phase1', 'latest', 'report.html'));
    const { code, out, err } = run(root, 'phase1');
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(readdirSync(join(root, 'phase1', 'r2')).sort()).toEqual(['junit.xml', 'report.html', 'report.json', 'report.md']);
    expect(readdirSync(join(root, 'phase1', 'latest')).sort()).toEqual(['junit.xml', 'report.html', 'report.json', 'report.md']);
    expect(readFileSync(join(root, 'phase1', 'r2', 'report.md'), 'utf8')).toMatch(/^# phase1 gate — PASSED\n/);
    expect(out).toContain(`Markdown report written to ${join(root, 'phase1', 'r2', 'report.md')}`);
    expect(out.split('\n').at(-1)).toBe(`phasegate: re-rendered phase1 run r2 (PASSED) into ${join(root, 'phase1', 'r2')} and ${join(root, 'phase1', 'latest')}`);
    // The HTML page inlines Chart.js from node_modules and loads nothing from the network.
    const html = readFileSync(join(root, 'phase1', 'latest', 'report.html'), 'utf8');
    expect(html).not.toMatch(/<script[^>]+src=/);
    expect(html).toMatch(/charts by chart\.js@\d+\.\d+\.\d+ \(inlined\)/);
    expect(html).not.toContain('Charts unavailable');
  });

  it('should write only the asked formats of an older run into --out', () => {
    const root = twoRuns();
    const outDir = join(tempDir(), 'nested', 'out');
    const { code, err } = run(root, 'phase1', '--run', 'r1', '--format', 'md,junit', '--out', outDir);
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(readdirSync(outDir).sort()).toEqual(['junit.xml', 'report.md']);
    expect(readFileSync(join(outDir, 'report.md'), 'utf8')).toMatch(/^# phase1 gate — FAILED\n/);
    expect(readFileSync(join(outDir, 'junit.xml'), 'utf8')).toContain('<property name="verdict" value="failed"/>');
  });

  it('should find a run id in any phase when no phase is given', () => {
    const root = twoRuns();
    const outDir = tempDir();
    expect(run(root, '--run', 'r1', '--format', 'json', '--out', outDir).code).toBe(0);
    expect(JSON.parse(readFileSync(join(outDir, 'report.json'), 'utf8'))).toMatchObject({ runId: 'r1', verdict: 'failed' });
  });

  it('should fail with a hint when no runs exist', () => {
    const root = join(tempDir(), 'reports');
    const { code, err } = run(root);
    expect(code).toBe(1);
    expect(err).toBe(`phasegate: No runs under ${root}: no <phase>/<runId>/report.json there\nhint: run a gate first (npx vitest run suites/phase1), or point --root / PHASEGATE_REPORTS_DIR at the reports folder`);
  });

  it('should name the run id and how to list runs when the run does not exist', () => {
    const root = twoRuns();
    const { code, err } = run(root, 'phase1', '--run', 'r9');
    expect(code).toBe(1);
    expect(err).toBe(`phasegate: No run "r9" of phase1 under ${root}\nhint: list the runs with \`phasegate report --list phase1\`, or use --run latest`);
  });

  it('should reject a truncated report.json as invalid (exit 78) naming the file', () => {
    const root = twoRuns();
    const file = join(root, 'phase1', 'latest', 'report.json');
    writeFileSync(file, readFileSync(file, 'utf8').slice(0, 40));
    const { code, err } = run(root, 'phase1');
    expect(code).toBe(78);
    expect(err).toMatch(new RegExp(`^phasegate: Cannot read run report ${file}: not valid JSON \\(`));
    expect(err).toContain('\nhint: the file is truncated or was edited by hand; re-run the gate (npx vitest run suites/<phase>) to write a new one');
  });

  it('should reject a report.json of a foreign schema version with the versions it reads', () => {
    const root = twoRuns();
    const file = join(root, 'phase1', 'r1', 'report.json');
    writeFileSync(file, JSON.stringify({ ...JSON.parse(readFileSync(file, 'utf8')), schemaVersion: 7 }));
    const { code, err } = run(root, 'phase1', '--run', 'r1');
    expect(code).toBe(78);
    expect(err).toBe(`phasegate: Cannot read run report ${file}: schemaVersion 7 is not one this phasegate reads (1, 2)\nhint: it was written by another phasegate version: re-render it with that version, or re-run the gate with this one`);
  });

  it('should reject a JSON file that is not a run report', () => {
    const root = twoRuns();
    const file = join(root, 'phase1', 'r1', 'report.json');
    writeFileSync(file, '{"hello": 1}');
    const { code, err } = run(root, 'phase1', '--run', 'r1');
    expect(code).toBe(78);
    expect(err).toBe(`phasegate: Cannot read run report ${file}: not a phasegate run report (no schemaVersion)\nhint: pass the report.json of a run, e.g. reports/phase1/latest/report.json`);
  });

  it('should fail once, clearly, when the out dir is not writable', () => {
    const root = twoRuns();
    const blocker = join(tempDir(), 'a-file');
    writeFileSync(blocker, 'not a folder');
    const outDir = join(blocker, 'out');
    const { code, out, err } = run(root, 'phase1', '--out', outDir);
    expect(code).toBe(1);
    expect(out).toBe('');
    expect(err).toBe(`phasegate: Cannot write the report to ${outDir}: ENOTDIR\nhint: choose a writable folder with --out <dir>, or fix the permissions of that one`);
  });

  it('should reject an unknown format and an unknown option as usage errors', () => {
    const root = twoRuns();
    expect(run(root, '--format', 'md,pdf')).toMatchObject({ code: 2, err: expect.stringMatching(/^phasegate report: unknown --format "pdf"; expected a comma-separated list of md, html, json, junit\n\nusage: phasegate report/) });
    expect(run(root, '--bogus')).toMatchObject({ code: 2, err: expect.stringMatching(/^phasegate report: Unknown option '--bogus'/) });
    expect(parseFormats('md,markdown,html')).toEqual(['markdown', 'html']);
  });
});

describe('phasegate report --check', () => {
  it('should print the failed criteria and exit 1 for a failed run', () => {
    const root = twoRuns();
    const { code, out } = run(root, 'phase1', '--run', 'r1', '--check');
    expect(code).toBe(1);
    expect(out).toBe(
      [
        '**phase1 FAILED** (run `r1`, target `reference`): 1 of 2 checked criteria passed, 1 failed; 0 not implemented, 0 manual (not counted as passes).',
        '',
        '- ❌ P1-SC6: websocket-ingestion received 12 events in 6s but InfluxDB bucket home_assistant_events gained 0 points (40 → 40)',
        '- baseline: no comparison in this run (not measured), so no regression check.',
      ].join('\n'),
    );
  });

  it('should exit 0 for a passed run without a baseline comparison, and write nothing', () => {
    const root = twoRuns();
    const before = readFileSync(join(root, 'phase1', 'latest', 'report.md'), 'utf8');
    rmSync(join(root, 'phase1', 'latest', 'report.html'));
    const { code, out } = run(root, 'phase1', '--check');
    expect(code).toBe(0);
    expect(out).toMatch(/^\*\*phase1 PASSED\*\* \(run `r2`/);
    expect(existsSync(join(root, 'phase1', 'latest', 'report.html'))).toBe(false);
    expect(readFileSync(join(root, 'phase1', 'latest', 'report.md'), 'utf8')).toBe(before);
  });

  it('should exit 99 for a passed run whose baseline comparison regressed', () => {
    const root = tempDir();
    writeRunArtifacts(smallRun({ runId: 'slow', tests: [passedTest], baselines: sections.baselines }), { rootDir: root, ...quiet });
    const { code, out } = run(root, '--check');
    expect(code).toBe(99);
    expect(out).toContain('- baseline P1-SC7: regressed (tolerance 10 %, 95 % intervals)\n  - 📉 GET /health p(95) ×1.30 [1.20, 1.45]: p(95) 30% slower');
    expect(out.split('\n').at(-1)).toBe('**Regression against the baseline:** P1-SC7 GET /health.');
  });

  it('should exit 130 for an interrupted run', () => {
    const root = tempDir();
    writeRunArtifacts(smallRun({ runId: 'cut', interrupted: true }), { rootDir: root, ...quiet });
    const { code, out } = run(root, '--check');
    expect(code).toBe(130);
    expect(out).toMatch(/^\*\*phase1 INTERRUPTED\*\*/);
  });
});

describe('phasegate main', () => {
  it('should dispatch `report` and list it in the usage', async () => {
    const root = twoRuns();
    const lines: string[] = [];
    expect(await main(['report', '--list', '--root', root], { out: (t) => lines.push(t), err: (t) => lines.push(t) })).toBe(0);
    expect(lines[0]).toMatch(/^phase1 \(2 runs/);
    const usage: string[] = [];
    await main(['help'], { out: (t) => usage.push(t) });
    expect(usage[0]).toContain('  report     re-render, list (--list) or judge (--check) stored runs (phasegate report --help)');
  });
});
