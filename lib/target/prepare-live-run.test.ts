import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { clearRegisteredSecrets } from '../common/secrets.js';
import { PhasegateConfigSchema, type PhasegateUserConfig } from '../config/schema.js';
import { RunLock } from '../system/run-lock.js';
import type { BackupVerifier } from './backup-gate.js';
import type { ContainerLabelSource } from './container-labels.js';
import { assertSuiteAllowedOnLive, decideLiveRebuild, prepareLiveRun } from './prepare-live-run.js';

const FIXTURE = resolve(import.meta.dirname, '../../fixtures/live/homeiq');
const COMPOSE = join(FIXTURE, 'docker-compose.yml');

function setup(input: PhasegateUserConfig = {}) {
  const scratch = mkdtempSync(join(tmpdir(), 'pg-live-run-'));
  const backupDir = join(scratch, 'backups');
  mkdirSync(join(backupDir, 'phase0_20261202'), { recursive: true });
  writeFileSync(join(backupDir, 'phase0_20261202', 'backup_manifest_20261202.txt'), 'x  y\n');
  const loaded = { path: join(FIXTURE, 'phasegate.config.ts'), file: 'phasegate.config.ts', contradictions: [], config: PhasegateConfigSchema.parse({ target: 'live', ...input, live: { backupDir, ...input.live } }) };
  return { loaded, lockDir: join(scratch, 'locks') };
}
/** The HomeIQ containers as compose v2 labels them when started from the fixture. */
const ownLabels: ContainerLabelSource = {
  byNames: async (names) => names.map((name) => ({ name, labels: { 'com.docker.compose.project': 'homeiq', 'com.docker.compose.project.config_files': COMPOSE } })),
};
const verifyCalls: string[] = [];
const verify: BackupVerifier = async (dir) => (verifyCalls.push(dir), { ok: true, problems: [] });

afterEach(() => {
  clearRegisteredSecrets();
  verifyCalls.length = 0;
});

describe('decideLiveRebuild', () => {
  it('should rebuild a live target only with a plan, PHASEGATE_REBUILD=1 and skipRebuild off', () => {
    expect(decideLiveRebuild({ planId: 'phase1', rebuildEnv: true, skipRebuild: false })).toEqual({ rebuild: true, reason: 'plan phase1 requested with PHASEGATE_REBUILD=1' });
    expect(decideLiveRebuild({ planId: 'phase1', rebuildEnv: undefined, skipRebuild: false })).toEqual({ rebuild: false, reason: 'plan phase1 not run: a live target is read-only unless PHASEGATE_REBUILD=1 (and the destructive guards) ask otherwise' });
    expect(decideLiveRebuild({ planId: 'phase1', rebuildEnv: false, skipRebuild: false }).rebuild).toBe(false);
    expect(decideLiveRebuild({ planId: 'phase1', rebuildEnv: true, skipRebuild: true })).toEqual({ rebuild: false, reason: 'plan phase1 not run: skipRebuild is set (read-only)' });
    expect(decideLiveRebuild({ planId: undefined, rebuildEnv: true, skipRebuild: false })).toEqual({ rebuild: false, reason: 'the suite has no rebuild plan' });
  });
});

describe('assertSuiteAllowedOnLive', () => {
  it('should refuse the fault-injecting self-test on live and let the gates through', () => {
    expect(() => assertSuiteAllowedOnLive('selftest')).toThrow('refusing to run suites/selftest on the live target: it injects faults into the services it tests\nhint: run it on the reference stack (unset PHASEGATE_TARGET, config target "reference")');
    expect(() => assertSuiteAllowedOnLive('postdeploy')).not.toThrow();
  });
});

describe('prepareLiveRun', () => {
  it('should resolve and lock a read-only run keyed by project, without looking at backups', async () => {
    const { loaded, lockDir } = setup();
    const run = await prepareLiveRun({ loaded, env: {}, destructive: null, runFlag: false, labels: ownLabels, verify, purpose: 'vitest suites/phase1 (live)', lockDir });
    try {
      expect(run.target.projectName).toBe('homeiq');
      expect(run.destructive).toBeNull();
      expect(verifyCalls).toEqual([]);
      expect(readdirSync(lockDir)).toEqual(['homeiq.lock']);
      // A second run on the same live project stops at the lock.
      expect(() => RunLock.acquire('homeiq', { dir: lockDir, purpose: 'phasegate rebuild phase1', pid: process.pid + 1, isAlive: () => true })).toThrow(/^the stack "homeiq" is in use by another phasegate run \(pid \d+, vitest suites\/phase1 \(live\)/);
    } finally {
      run.lock.release();
    }
  });

  it('should refuse while another live run holds the project', async () => {
    const { loaded, lockDir } = setup();
    mkdirSync(lockDir, { recursive: true });
    writeFileSync(join(lockDir, 'homeiq.lock'), JSON.stringify({ pid: 1, purpose: 'phasegate rebuild phase1', since: '2026-12-02T04:00:00.000Z' }));
    await expect(prepareLiveRun({ loaded, env: {}, destructive: null, runFlag: false, labels: ownLabels, verify, purpose: 'vitest suites/phase1 (live)', lockDir }))
      .rejects.toThrow('the stack "homeiq" is in use by another phasegate run (pid 1, phasegate rebuild phase1, since 2026-12-02T04:00:00.000Z)');
  });

  it('should refuse a foreign project (after the destructive guard passed) and release the lock', async () => {
    const { loaded, lockDir } = setup({ live: { allowDestructive: true } });
    const foreign: ContainerLabelSource = { byNames: async () => [{ name: 'homeiq-data-api', labels: { 'com.docker.compose.project': 'homeiq-staging' } }] };
    await expect(prepareLiveRun({ loaded, env: {}, destructive: 'rebuild', runFlag: true, labels: foreign, verify, purpose: 'p', lockDir }))
      .rejects.toThrow('live target refused: 1 container(s) named like services of project "homeiq" (' + COMPOSE + ') belong elsewhere: data-api (homeiq-data-api) belongs to project "homeiq-staging"');
    expect(verifyCalls).toHaveLength(1);
    expect(existsSync(join(lockDir, 'homeiq.lock'))).toBe(false);
  });

  it('should refuse a destructive step without the flags before asking Docker, and release the lock; accept it with both flags and a verified backup', async () => {
    const refused = setup();
    const noDocker: ContainerLabelSource = { byNames: async () => { throw new Error('Docker must not be asked'); } };
    await expect(prepareLiveRun({ loaded: refused.loaded, env: {}, destructive: 'rebuild', runFlag: false, labels: noDocker, verify, purpose: 'p', lockDir: refused.lockDir }))
      .rejects.toThrow(`refusing to rebuild the live project "homeiq" (${COMPOSE}): missing 1) live.allowDestructive: true in phasegate.config.ts; 2) the per-run flag PHASEGATE_ALLOW_DESTRUCTIVE=1 or --allow-destructive`);
    expect(existsSync(join(refused.lockDir, 'homeiq.lock'))).toBe(false);

    const allowed = setup({ live: { allowDestructive: true } });
    const run = await prepareLiveRun({ loaded: allowed.loaded, env: {}, destructive: 'rebuild', runFlag: true, labels: ownLabels, verify, purpose: 'p', lockDir: allowed.lockDir });
    run.lock.release();
    expect(run.destructive?.backup.verification).toEqual({ ok: true, problems: [] });
    expect(verifyCalls).toHaveLength(2);
  });
});
