// RUN-M6: what 004 Step 6's `track-deployment.py --deployment-id deploy-<date> --status … --commit $(git rev-parse
// HEAD) --branch $(git branch --show-current)` records, kept by phasegate as one JSON line per gate run in
// `<reports root>/deployments.jsonl`. The run reports (reports/<phase>/<runId>/report.json) hold neither the
// target checkout's commit nor its branch (only phasegate's own short commit), hence this record.
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { CommandRunner } from '../system/command-runner.js';
import { reportsRoot } from './phase0-artifacts.js';

/** One tracked deployment (gate run). */
export interface DeploymentRecord {
  /** `deploy-YYYYMMDD-HHMMSS` (UTC) of the run's start, as 004 names it. */
  readonly deploymentId: string;
  /** `success` when no test of the run had failed when it was recorded, else `failed`. */
  readonly status: 'success' | 'failed';
  /** `git rev-parse HEAD` of the checkout (40 hex). */
  readonly commit: string;
  /** `git branch --show-current` of the checkout. */
  readonly branch: string;
  /** Top level of the git checkout the commit and branch were read from. */
  readonly repo: string;
  /** Gate suite that ran (`runbook`). */
  readonly suite: string;
  /** ISO time the record was written. */
  readonly recordedAt: string;
}

/** `deploy-20261202-071500` for a run that started at 2026-12-02T07:15:00Z. Pure. */
export function deploymentId(startedAt: Date): string {
  const iso = startedAt.toISOString();
  return `deploy-${iso.slice(0, 10).replace(/-/g, '')}-${iso.slice(11, 19).replace(/:/g, '')}`;
}

/** `<reports root>/deployments.jsonl`. */
export function deploymentsFile(env: Readonly<Record<string, string | undefined>> = process.env): string {
  return join(reportsRoot(env), 'deployments.jsonl');
}

/** The git state of `dir`'s checkout; a field git could not give is '' and `problem` says why. */
export async function readGitState(runner: CommandRunner, dir: string): Promise<{ commit: string; branch: string; repo: string; problem?: string }> {
  const git = async (...args: string[]) => {
    const r = await runner.run('git', ['-C', dir, ...args], { timeoutMs: 5_000 });
    return r.exitCode === 0 ? { out: r.stdout.trim() } : { out: '', error: r.notFound ? 'git is not installed' : (r.stderr.trim().split('\n', 1)[0] ?? `git ${args.join(' ')} failed`) };
  };
  const [commit, branch, repo] = await Promise.all([git('rev-parse', 'HEAD'), git('branch', '--show-current'), git('rev-parse', '--show-toplevel')]);
  const problem = commit.error ?? repo.error ?? branch.error ?? (branch.out === '' && commit.out !== '' ? 'detached HEAD: no current branch' : undefined);
  return { commit: commit.out, branch: branch.out, repo: repo.out, ...(problem ? { problem } : {}) };
}

/** Appends one record (one line), creating the folder. */
export function appendDeployment(file: string, record: DeploymentRecord): void {
  mkdirSync(dirname(file), { recursive: true });
  appendFileSync(file, `${JSON.stringify(record)}\n`);
}

/** Every parsable line of the file (objects as written; the check judges their fields); missing file = none. */
export function readDeployments(file: string): unknown[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() !== '').flatMap((l) => {
    try {
      return [JSON.parse(l) as unknown];
    } catch {
      return [];
    }
  });
}
