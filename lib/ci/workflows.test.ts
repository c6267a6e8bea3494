import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { afterEach, describe, expect, it } from 'vitest';
import { writeRunArtifacts } from '../reports/write-run-artifacts.js';
import { smallRun } from '../reports/testing/sample-run.js';
import { checkRun, checkWorkflow, matrixPhases, type RepositoryFacts } from './check-workflow.js';
import { parseWorkflow, type Workflow } from './workflow-schema.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const WORKFLOWS = join(ROOT, '.github', 'workflows');

/** The facts of this repository: package.json scripts and bins, installed binaries, suite folders. */
function repositoryFacts(): RepositoryFacts {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string>; bin: Record<string, string>; engines: { node: string } };
  const binDir = join(ROOT, 'node_modules', '.bin');
  const installed = existsSync(binDir) ? readdirSync(binDir) : [];
  const suites = readdirSync(join(ROOT, 'suites')).filter((n) => !n.startsWith('_') && statSync(join(ROOT, 'suites', n)).isDirectory());
  return {
    scripts: pkg.scripts,
    binaries: new Set([...Object.keys(pkg.bin), ...installed]),
    suites,
    nodeMajor: Number.parseInt(/\d+/.exec(pkg.engines.node)![0], 10),
    fileExists: (path) => existsSync(join(ROOT, path)),
  };
}

const workflowFiles = readdirSync(WORKFLOWS).filter((f) => /\.ya?ml$/.test(f)).sort();
const load = (file: string): Workflow => parseWorkflow(readFileSync(join(WORKFLOWS, file), 'utf8'), `.github/workflows/${file}`);
const allRuns = (wf: Workflow, jobId: string) => wf.jobs[jobId]!.steps.map((s) => s.run ?? '').join('\n');

describe('.github/workflows', () => {
  it('should hold the nightly workflow', () => {
    expect(workflowFiles).toContain('nightly.yml');
  });

  it.each(workflowFiles)('should keep %s valid: schema, pinned actions, commands that exist, reports uploaded and summarized always', (file) => {
    expect(checkWorkflow(load(file), repositoryFacts())).toEqual([]);
  });
});

describe('nightly.yml', () => {
  const wf = load('nightly.yml');

  it('should run on a nightly schedule and on demand with phase, deployment day and target inputs', () => {
    expect(wf.on.schedule?.[0]?.cron).toBe('17 2 * * *');
    const inputs = wf.on.workflow_dispatch?.inputs ?? {};
    expect(Object.keys(inputs).sort()).toEqual(['deploy_day', 'phase', 'target']);
    expect(inputs.target?.options).toEqual(['reference', 'live']);
    expect(inputs.phase?.options).toEqual(['default', 'phase0', 'phase1', 'phase2', 'phase3', 'phase4', 'deploy', 'postdeploy', 'rebuild', 'rollback', 'runbook', 'testing', 'selftest', 'all']);
    expect(inputs.deploy_day).toMatchObject({ type: 'choice', options: ['1', '2', '3', '4', '5'], default: '1' });
  });

  it.each(['gate', 'gate-live'])('should hand the deployment day to the deploy suite in %s', (jobId) => {
    expect(wf.jobs[jobId]!.env?.PHASEGATE_DEPLOY_DAY).toBe("${{ inputs.deploy_day || '1' }}");
  });

  it('should offer a dispatch choice for every gate suite folder', () => {
    const suites = readdirSync(join(ROOT, 'suites'), { withFileTypes: true }).filter((e) => e.isDirectory() && !e.name.startsWith('_')).map((e) => e.name);
    expect(wf.on.workflow_dispatch?.inputs?.phase?.options).toEqual(expect.arrayContaining(suites));
  });

  it('should run every gate suite on the reference stack from a GitHub-hosted runner, phase1 and selftest nightly', () => {
    const job = wf.jobs.gate!;
    expect(job['runs-on']).toBe('ubuntu-24.04');
    expect(job.env?.PHASEGATE_TARGET).toBe('reference');
    expect(matrixPhases(job.strategy?.matrix).sort()).toEqual(['phase0', 'phase1', 'selftest']);
    expect(String((job.strategy?.matrix as Record<string, unknown>).phase)).toContain(`|| '["phase1","selftest"]')`);
    expect(job.steps.map((s) => s.uses ?? s.run?.split('\n', 1)[0])).toEqual([
      'actions/checkout@v4',
      'actions/setup-node@v4',
      'sudo apt-get update -qq',
      'bash scripts/bootstrap.sh',
      'npx phasegate doctor',
      'npx vitest run "suites/$PHASE"',
      'set +e',
      'actions/upload-artifact@v4',
      'echo "::error::phasegate $PHASE: phasegate report --check exited ${{ steps.verdict.outputs.exit-code || \'before judging\' }} (1 gate failed, 99 baseline regressed, 100 error outside tests, 130 interrupted; see the job summary)"',
    ]);
  });

  it.each(['gate', 'gate-live'])('should judge the verdict and the baseline, summarize, upload, then fail the job in %s', (jobId) => {
    const steps = wf.jobs[jobId]!.steps;
    const verdict = steps.find((s) => s.id === 'verdict')!;
    expect(verdict.if).toBe('always()');
    expect(verdict.run).toContain('npx phasegate report "$PHASE" --check');
    expect(verdict.run).toContain('>> "$GITHUB_STEP_SUMMARY"');
    const upload = steps.findIndex((s) => s.uses === 'actions/upload-artifact@v4');
    const fail = steps.findIndex((s) => s.name === 'Fail on a failed gate or a baseline regression');
    expect(steps.indexOf(verdict)).toBeLessThan(upload);
    expect(upload).toBeLessThan(fail);
    expect(steps[fail]!.if).toBe("${{ always() && steps.verdict.outputs.exit-code != '0' }}");
  });

  it('should offer the live target only on the self-hosted HomeIQ runner, never with the self-test', () => {
    const job = wf.jobs['gate-live']!;
    expect(job.if).toBe("${{ inputs.target == 'live' || (github.event_name == 'schedule' && vars.PHASEGATE_NIGHTLY_LIVE == 'true') }}");
    expect(job['runs-on']).toEqual(['self-hosted', 'homeiq']);
    expect(job.env?.PHASEGATE_TARGET).toBe('live');
    expect(matrixPhases(job.strategy?.matrix).sort()).toEqual(['phase0', 'phase1']);
    expect(job.steps[0]).toMatchObject({ name: 'Refuse the self-test on live', if: "${{ matrix.phase == 'selftest' }}" });
    expect(allRuns(wf, 'gate-live')).not.toContain('apt-get');
    expect(wf.jobs.gate!.if).toBe("${{ (inputs.target || 'reference') == 'reference' }}");
  });
});

describe('nightly.yml verdict step, run by bash as GitHub runs it', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
  const script = load('nightly.yml').jobs.gate!.steps.find((s) => s.id === 'verdict')!.run!;

  /** Runs the step's script in a workspace holding `reports/` (npx phasegate → this checkout's bin). */
  async function runStep(withRun: boolean) {
    const work = mkdtempSync(join(tmpdir(), 'phasegate-nightly-step-'));
    dirs.push(work);
    if (withRun) writeRunArtifacts(smallRun(), { rootDir: join(work, 'reports'), chartLibrary: undefined, log: () => {}, onError: () => {} });
    const [output, summary] = [join(work, 'output'), join(work, 'summary.md')];
    writeFileSync(output, '');
    writeFileSync(summary, '');
    const file = join(work, 'step.sh');
    writeFileSync(file, script.replaceAll('npx phasegate', `node ${join(ROOT, 'bin', 'phasegate.js')}`));
    // GitHub runs a `run:` step with `bash -e {0}`.
    const result = await execa('bash', ['-e', file], { cwd: work, reject: false, timeout: 60_000, env: { PHASE: 'phase1', PHASEGATE_TARGET: 'reference', RUNNER_TEMP: work, GITHUB_OUTPUT: output, GITHUB_STEP_SUMMARY: summary } });
    return { exitCode: result.exitCode, output: readFileSync(output, 'utf8'), summary: readFileSync(summary, 'utf8') };
  }

  it('should export the --check exit code and write the verdict and the full report to the summary, without failing', async () => {
    const { exitCode, output, summary } = await runStep(true);
    expect(exitCode).toBe(0);
    expect(output).toBe('exit-code=1\n');
    expect(summary).toMatch(/^## phasegate phase1 on reference\n\n\*\*phase1 FAILED\*\* \(run `r1`, target `reference`\)/);
    expect(summary).toContain('<details><summary>Full report (reports/phase1/latest/report.md)</summary>\n\n# phase1 gate — FAILED\n');
    expect(summary.trimEnd().endsWith('</details>')).toBe(true);
  }, 60_000);

  it('should say why there is no verdict when the gate wrote no report, and export a failing exit code', async () => {
    const { exitCode, output, summary } = await runStep(false);
    expect(exitCode).toBe(0);
    expect(output).toBe('exit-code=1\n');
    expect(summary).toContain('phasegate: No runs under reports: no <phase>/<runId>/report.json there');
    expect(summary).not.toContain('<details>');
  }, 60_000);
});

describe('checkWorkflow', () => {
  const facts: RepositoryFacts = { scripts: { gate: 'x', test: 'y' }, binaries: new Set(['vitest', 'phasegate']), suites: ['phase1'], nodeMajor: 20, fileExists: (p) => p === 'scripts/bootstrap.sh' };

  it('should report every broken promise with the job and step', () => {
    const broken = parseWorkflow(
      `name: broken
on:
  schedule:
    - cron: '0 3 * * *'
jobs:
  gate:
    runs-on: ubuntu-24.04
    strategy:
      matrix:
        phase: [phase1, phase7]
    steps:
      - uses: actions/setup-node@v4
        with: { node-version: 18 }
      - name: Gate
        run: npm run gaet && npx vitset run suites/phase9 && bash scripts/bootstrapp.sh
      - uses: actions/upload-artifact@v4
        with: { path: dist/ }
`,
      'broken.yml',
    );
    expect(checkWorkflow(broken, facts)).toEqual([
      'jobs.gate.steps[0]: node-version "18" but package.json engines ask for Node 20',
      'jobs.gate.steps[1] ("Gate"): npm script "gaet" is not in package.json (scripts: gate, test)',
      'jobs.gate.steps[1] ("Gate"): npx vitset: not a bin of package.json or an installed dependency (npx would download it)',
      'jobs.gate.steps[1] ("Gate"): scripts/bootstrapp.sh does not exist in the repository',
      'jobs.gate.steps[1] ("Gate"): suites/phase9 is not a gate suite (suites: phase1)',
      'jobs.gate.strategy.matrix: phase "phase7" has no suite folder suites/phase7/ (suites: phase1)',
      'jobs.gate: the artifact upload must run with `if: always()` (found "no if"), or a failed gate loses its reports',
      'jobs.gate: the artifact upload must upload reports/ (path: "dist/")',
      'jobs.gate: no step under `if: always()` writes the verdict to $GITHUB_STEP_SUMMARY',
    ]);
  });

  it('should reject unpinned actions, unknown keys and steps with both uses and run, naming the field', () => {
    const text = `name: bad
on: { workflow_dispatch: null }
jobs:
  a:
    runs_on: ubuntu-24.04
    steps:
      - uses: actions/checkout@main
      - uses: actions/setup-node@v4
        run: echo both
`;
    let message = '';
    try {
      parseWorkflow(text, 'bad.yml');
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/^bad\.yml: not a valid GitHub workflow: /);
    expect(message).toContain('Unrecognized key: "runs_on"');
    expect(message).toContain('Must pin a version: owner/repo@vN (a major version), a full commit SHA, or ./local → at jobs.a.steps[0].uses');
    expect(message).toContain('A step needs exactly one of `uses` and `run` → at jobs.a.steps[1]');
  });

  it('should read npm shortcuts and ignore npm commands that are not scripts', () => {
    expect(checkRun('npm ci && npm test && npm start', facts)).toEqual(['npm script "start" is not in package.json (scripts: gate, test)']);
  });
});
