import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkRebuildBackup } from './check-rebuild-backup.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A backup directory as 003 Step 1.1 leaves it. */
function backup(skip: readonly string[] = [], empty: readonly string[] = []): string {
  const dir = mkdtempSync(join(tmpdir(), 'phasegate-rb003-backup-'));
  dirs.push(dir);
  if (!skip.includes('influxdb-backup')) {
    mkdirSync(join(dir, 'influxdb-backup'));
    if (!empty.includes('influxdb-backup')) writeFileSync(join(dir, 'influxdb-backup', '20261202T050000Z.manifest'), '{}');
  }
  for (const f of ['metadata.db.backup', 'env.backup', 'docker-compose.yml.backup', '.env.influxdb']) if (!skip.includes(f)) writeFileSync(join(dir, f), empty.includes(f) ? '' : 'x');
  for (const f of ['docker-images-list.txt', 'docker-volumes-list.txt', 'docker-containers-status.txt']) if (!skip.includes(f)) writeFileSync(join(dir, f), '');
  return dir;
}

describe('checkRebuildBackup (RB-P1-1)', () => {
  it('should pass a complete backup; listings may be empty', () => {
    const dir = backup();
    expect(checkRebuildBackup(dir)).toMatchObject({ status: 'passed', message: `${dir}: all 7 artefacts present; infrastructure env copies: .env.influxdb` });
  });

  it('should name missing and empty artefacts', () => {
    const dir = backup(['env.backup', '.env.influxdb'], ['influxdb-backup', 'metadata.db.backup']);
    const r = checkRebuildBackup(dir);
    expect(r.status).toBe('failed');
    expect(r.message).toBe(`${dir}: influxdb-backup (influx backup) is empty; metadata.db.backup (SQLite metadata.db) is empty; env.backup (.env) missing; no infrastructure/.env.* copy. hint: a teardown without these cannot be undone (data volumes survive Option A, but images and config do not)`);
  });

  it('should fail a missing backup directory', () => {
    expect(checkRebuildBackup(join(tmpdir(), 'phasegate-no-such-backup')).message).toMatch(/does not exist: nothing was backed up before the teardown/);
  });
});
