// Phase 0, 001 Critical Issue 5: the HomeIQ checkout (config audit.repoRoot) keeps `.env` out of git.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, it } from 'vitest';
import { checkEnvFileIgnored } from '../../lib/checks/index.js';
import { ExecaCommandRunner } from '../../lib/system/command-runner.js';
import { gate, target } from '../_setup/gate.js';

const t = target();
const runner = new ExecaCommandRunner();

describe('Phase 0 — repository hygiene (001 Critical Issue 5)', () => {
  it('P0-001-CI5a: .env is in .gitignore and not tracked', async (ctx) => {
    let gitignore: string | undefined;
    try {
      gitignore = readFileSync(resolve(t.repoRoot, '.gitignore'), 'utf8');
    } catch {
      gitignore = undefined;
    }
    // Tracking is asked only when the checkout is a git work tree of its own (a fixture tree inside phasegate's
    // repository is not: phasegate's index would answer).
    const top = await runner.run('git', ['-C', t.repoRoot, 'rev-parse', '--show-toplevel'], { timeoutMs: 10_000 });
    const own = top.exitCode === 0 && resolve(top.stdout.trim()) === resolve(t.repoRoot);
    const tracked = own ? (await runner.run('git', ['-C', t.repoRoot, 'ls-files', '--error-unmatch', '.env'], { timeoutMs: 10_000 })).exitCode === 0 : undefined;
    gate(ctx, checkEnvFileIgnored({ root: t.repoRoot, gitignore, tracked }));
  });
});
