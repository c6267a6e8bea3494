// Phase 0, 001 Critical Issue 5: the HomeIQ checkout (config audit.repoRoot) keeps `.env` out of git.
import { describe, it } from 'vitest';
import { gate, target } from '../_setup/gate.js';
import { envFileIgnored } from '../_setup/repo-hygiene.js';

const t = target();

describe('Phase 0 — repository hygiene (001 Critical Issue 5)', () => {
  it('P0-001-CI5a: .env is in .gitignore and not tracked', async (ctx) => {
    gate(ctx, await envFileIgnored(t.repoRoot, 'P0-001-CI5a'));
  });
});
