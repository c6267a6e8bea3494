import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UnsafeTargetError } from '../common/errors.js';
import { PhasegateConfigSchema, type PhasegateUserConfig } from '../config/schema.js';
import { assessBackup, listBackupCandidates, type BackupStatus, type BackupVerifier } from './backup-gate.js';
import type { ContainerLabelSource } from './container-labels.js';
import { assertDestructiveAllowed, describeGuards, destructiveProblems, type DestructiveRequest } from './destructive-guard.js';
import { assertOwnProject, foreignContainers, type ExpectedProject, type LabelledContainer } from './foreign-project-guard.js';
import { assertLiveProjectOwned, destructiveRequestFor } from './live-guards.js';
import type { LiveTarget } from './resolve-live-target.js';

const HOUR = 3_600_000;
const EXPECTED: ExpectedProject = {
  projectName: 'homeiq',
  composeFiles: ['/srv/homeiq/docker-compose.yml'],
  workingDir: '/srv/homeiq',
  containers: { influxdb: 'homeiq-influxdb', 'data-api': 'homeiq-data-api', 'websocket-ingestion': 'homeiq-websocket' },
};
const ours = (name: string, extra: Record<string, string> = {}): LabelledContainer => ({
  name,
  labels: { 'com.docker.compose.project': 'homeiq', 'com.docker.compose.project.config_files': '/srv/homeiq/docker-compose.yml', 'com.docker.compose.project.working_dir': '/srv/homeiq', ...extra },
});

describe('foreign project guard', () => {
  it('should accept containers of the configured project and main compose file (absent ones are not its concern)', () => {
    expect(foreignContainers([ours('homeiq-influxdb'), ours('homeiq-data-api', { 'com.docker.compose.project.config_files': '/srv/homeiq/docker-compose.yml,/srv/homeiq/docker-compose.prod.yml' }), ours('unrelated')], EXPECTED)).toEqual([]);
    expect(() => assertOwnProject([], EXPECTED)).not.toThrow();
  });

  it('should refuse a container with the right name in another project, naming service, container, project and hint', () => {
    const staging = { name: 'homeiq-data-api', labels: { 'com.docker.compose.project': 'homeiq-staging', 'com.docker.compose.project.config_files': '/srv/staging/docker-compose.yml' } };
    expect(() => assertOwnProject([ours('homeiq-influxdb'), staging], EXPECTED)).toThrow(new UnsafeTargetError(
      'live target refused: 1 container(s) named like services of project "homeiq" (/srv/homeiq/docker-compose.yml) belong elsewhere: data-api (homeiq-data-api) belongs to project "homeiq-staging" (/srv/staging/docker-compose.yml)',
      { hint: 'point compose.files / compose.projectName at the checkout that runs these containers, or stop the other project first; phasegate never touches another project\'s containers' },
    ));
  });

  it('should refuse the right project started from another compose file, a container without compose labels, and one with neither file label', () => {
    const found = [
      ours('homeiq-influxdb', { 'com.docker.compose.project.config_files': '/home/me/old-homeiq/docker-compose.yml' }),
      { name: 'homeiq-data-api', labels: {} },
      { name: 'homeiq-websocket', labels: { 'com.docker.compose.project': 'homeiq' } },
    ];
    expect(foreignContainers(found, EXPECTED)).toEqual([
      { service: 'influxdb', container: 'homeiq-influxdb', reason: 'was started from /home/me/old-homeiq/docker-compose.yml, not /srv/homeiq/docker-compose.yml' },
      { service: 'data-api', container: 'homeiq-data-api', reason: 'has no compose labels (started outside compose)' },
      { service: 'websocket-ingestion', container: 'homeiq-websocket', reason: 'has no config_files or working_dir label to tell which compose file started it' },
    ]);
    expect(() => assertOwnProject(found, EXPECTED)).toThrow(/^live target refused: 3 container\(s\) named like services of project "homeiq"/);
  });

  it('should fall back to working_dir when config_files is missing (older compose)', () => {
    const labels = { 'com.docker.compose.project': 'homeiq', 'com.docker.compose.project.working_dir': '/srv/other' };
    expect(foreignContainers([{ name: 'homeiq-influxdb', labels }], EXPECTED)).toEqual([{ service: 'influxdb', container: 'homeiq-influxdb', reason: 'was started in /srv/other, not /srv/homeiq' }]);
    expect(foreignContainers([{ name: 'homeiq-influxdb', labels: { ...labels, 'com.docker.compose.project.working_dir': '/srv/homeiq/' } }], EXPECTED)).toEqual([]);
  });

  it('should look the expected containers up through the label source (only the expected services)', async () => {
    const asked: string[][] = [];
    const source: ContainerLabelSource = { byNames: async (names) => (asked.push([...names]), [{ name: 'homeiq-data-api', labels: { 'com.docker.compose.project': 'other' } }]) };
    const target = { projectName: 'homeiq', composeFiles: ['/srv/homeiq/docker-compose.yml'], workingDir: '/srv/homeiq', services: ['data-api'], containerNames: { 'data-api': 'homeiq-data-api', 'ner-service': 'homeiq-ner' } } as unknown as LiveTarget;
    await expect(assertLiveProjectOwned(target, source)).rejects.toThrow('data-api (homeiq-data-api) belongs to project "other"');
    expect(asked).toEqual([['homeiq-data-api']]);
  });
});

const verified: BackupVerifier = async () => ({ ok: true, problems: [] });
const okBackup: BackupStatus = { backupDir: 'backups', maxAgeMs: 24 * HOUR, newest: { dir: 'backups/phase0_20261202_030000', ageMs: 2 * HOUR }, verification: { ok: true, problems: [] } };
const request = (over: Partial<DestructiveRequest> = {}): DestructiveRequest => ({
  action: 'rebuild', projectName: 'homeiq', composeFile: '/srv/homeiq/docker-compose.yml', configFile: 'phasegate.config.ts', configAllows: true, runFlag: true, backup: okBackup, ...over,
});

describe('destructive guard', () => {
  it('should allow a destructive step with the config switch, the run flag and a recent verified backup', () => {
    expect(destructiveProblems(request())).toEqual([]);
    expect(() => assertDestructiveAllowed(request())).not.toThrow();
    expect(describeGuards(request())).toEqual(['guards: a real rebuild of the live project "homeiq" would run (config switch, per-run flag and a verified backup backups/phase0_20261202_030000 all present)']);
  });

  it('should refuse listing exactly what is missing: all three', () => {
    const none = request({ configAllows: false, runFlag: false, backup: { ...okBackup, newest: null, verification: null } });
    expect(() => assertDestructiveAllowed(none)).toThrow(new UnsafeTargetError(
      'refusing to rebuild the live project "homeiq" (/srv/homeiq/docker-compose.yml): missing 1) live.allowDestructive: true in phasegate.config.ts; 2) the per-run flag PHASEGATE_ALLOW_DESTRUCTIVE=1 or --allow-destructive; 3) a verified backup: no backup directory under backups',
      { hint: 'a step that changes a live HomeIQ needs all three; without them phasegate stays read-only (phasegate rebuild <phase> --dry-run shows the plan)' },
    ));
    expect(describeGuards(none)).toEqual([
      'guards: a real rebuild of the live project "homeiq" would be refused; missing:',
      '  - live.allowDestructive: true in phasegate.config.ts',
      '  - the per-run flag PHASEGATE_ALLOW_DESTRUCTIVE=1 or --allow-destructive',
      '  - a verified backup: no backup directory under backups',
    ]);
  });

  it.each([
    ['only the config switch', request({ configAllows: false }), '1) live.allowDestructive: true in phasegate.config.ts'],
    ['only the run flag', request({ runFlag: false, action: 'rollback' }), '1) the per-run flag PHASEGATE_ALLOW_DESTRUCTIVE=1 or --allow-destructive'],
    ['a backup that is too old', request({ action: 'restore', backup: { ...okBackup, newest: { dir: 'backups/old', ageMs: 30 * HOUR }, verification: null } }), '1) a verified backup: the newest, backups/old, is 30.0 h old (limit 24.0 h, live.backupMaxAgeMs)'],
    ['a backup that fails verification', request({ action: 'teardown', backup: { ...okBackup, verification: { ok: false, problems: ['influxdb_data_x.tar.gz: sha256 mismatch', 'backup.json missing'] } } }), '1) a verified backup: backups/phase0_20261202_030000 failed verification (influxdb_data_x.tar.gz: sha256 mismatch, backup.json missing)'],
  ])('should refuse when missing %s', (_what, req, missing) => {
    expect(() => assertDestructiveAllowed(req)).toThrow(`refusing to ${req.action} the live project "homeiq" (/srv/homeiq/docker-compose.yml): missing ${missing}\nhint:`);
  });
});

describe('backup gate', () => {
  function backups(): string {
    const dir = mkdtempSync(join(tmpdir(), 'pg-live-backups-'));
    for (const [name, ageH] of [['phase0_old', 30], ['phase0_new', 2]] as const) {
      mkdirSync(join(dir, name));
      const manifest = join(dir, name, `backup_manifest_${name}.txt`);
      writeFileSync(manifest, 'abc  influxdb_data.tar.gz\n');
      const t = (Date.now() - ageH * HOUR) / 1000;
      utimesSync(manifest, t, t);
    }
    return dir;
  }

  it('should list sub-directories by manifest time, or the directory itself when it holds a manifest', () => {
    const dir = backups();
    const list = listBackupCandidates(dir).sort((a, b) => a.dir.localeCompare(b.dir));
    expect(list.map((c) => c.dir)).toEqual([join(dir, 'phase0_new'), join(dir, 'phase0_old')]);
    expect(Math.round((Date.now() - list[0]!.createdAtMs) / HOUR)).toBe(2);
    expect(listBackupCandidates(join(dir, 'phase0_old')).map((c) => c.dir)).toEqual([join(dir, 'phase0_old')]);
    expect(listBackupCandidates(join(dir, 'missing'))).toEqual([]);
  });

  it('should verify only the newest backup, and not verify one older than the limit', async () => {
    const dir = backups();
    const seen: string[] = [];
    const verify: BackupVerifier = async (d) => (seen.push(d), { ok: true, problems: [] });
    const status = await assessBackup({ backupDir: dir, maxAgeMs: 24 * HOUR, verify });
    expect(seen).toEqual([join(dir, 'phase0_new')]);
    expect(status.verification).toEqual({ ok: true, problems: [] });
    const old = await assessBackup({ backupDir: dir, maxAgeMs: HOUR, verify, displayDir: 'backups' });
    expect(old.verification).toBeNull();
    expect(old.newest?.dir).toBe(join(dir, 'phase0_new'));
    expect(seen).toHaveLength(1);
  });

  it('should count a verifier that throws as a failed verification', async () => {
    const status = await assessBackup({ backupDir: 'b', maxAgeMs: HOUR, nowMs: 10 * HOUR, list: () => [{ dir: 'b/x', createdAtMs: 10 * HOUR - 1000 }], verify: async () => { throw new Error('tar: unexpected EOF\nmore'); } });
    expect(status.verification).toEqual({ ok: false, problems: ['the verifier failed: tar: unexpected EOF'] });
  });

  it('should gather the request from a loaded config (backupDir relative to the config file, backupMaxAgeMs)', async () => {
    const dir = backups();
    const config = (input: PhasegateUserConfig) => ({ path: join(dir, 'phasegate.config.ts'), file: 'phasegate.config.ts', config: PhasegateConfigSchema.parse({ target: 'live', ...input }) });
    const target = { projectName: 'homeiq', composeFiles: ['/srv/homeiq/docker-compose.yml'] };
    const accepted = await destructiveRequestFor(config({ live: { allowDestructive: true, backupDir: '.', backupMaxAgeMs: '3h' } }), target, { action: 'rebuild', runFlag: true, verify: verified, cwd: dir });
    expect(destructiveProblems(accepted)).toEqual([]);
    const refused = await destructiveRequestFor(config({ live: { backupDir: '.' } }), target, { action: 'rebuild', runFlag: false, verify: async () => ({ ok: false, problems: ['no backup.json'] }), cwd: dir });
    expect(destructiveProblems(refused)).toEqual([
      'live.allowDestructive: true in phasegate.config.ts',
      'the per-run flag PHASEGATE_ALLOW_DESTRUCTIVE=1 or --allow-destructive',
      `a verified backup: ${join(dir, 'phase0_new')} failed verification (no backup.json)`,
    ]);
    expect(PhasegateConfigSchema.parse({}).live.backupMaxAgeMs).toBe(24 * HOUR);
  });
});
