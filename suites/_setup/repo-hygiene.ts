// `.env` kept out of git in the HomeIQ checkout (config audit.repoRoot): P0-001-CI5a and TV-S2 ask the same question.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { checkEnvFileIgnored, type CheckResult } from '../../lib/checks/index.js';
import { ExecaCommandRunner } from '../../lib/system/command-runner.js';

const runner = new ExecaCommandRunner();

/** Whether `.env` is in the checkout's .gitignore and, when the checkout is its own git work tree, not tracked. */
export async function envFileIgnored(repoRoot: string, criterionId: string): Promise<CheckResult> {
  let gitignore: string | undefined;
  try {
    gitignore = readFileSync(resolve(repoRoot, '.gitignore'), 'utf8');
  } catch {
    gitignore = undefined;
  }
  // Tracking is asked only when the checkout is a git work tree of its own (a fixture tree inside phasegate's
  // repository is not: phasegate's index would answer).
  const top = await runner.run('git', ['-C', repoRoot, 'rev-parse', '--show-toplevel'], { timeoutMs: 10_000 });
  const own = top.exitCode === 0 && resolve(top.stdout.trim()) === resolve(repoRoot);
  const tracked = own ? (await runner.run('git', ['-C', repoRoot, 'ls-files', '--error-unmatch', '.env'], { timeoutMs: 10_000 })).exitCode === 0 : undefined;
  return checkEnvFileIgnored({ root: repoRoot, gitignore, tracked }, { criterionId });
}
