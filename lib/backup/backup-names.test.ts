import { describe, expect, it } from 'vitest';
import { BackupError } from './backup-error.js';
import { formatManifest, parseManifest } from './backup-manifest.js';
import { archiveName, backupTimestamp, composeBackupNames, configBackupName, imageRepository, isBackupTimestamp, volumeLabels } from './backup-names.js';
import { formatBytes, formatImageCatalog } from './image-catalog.js';

const A = 'a'.repeat(64);
const B = '0123456789abcdef'.repeat(4);

describe('backup names', () => {
  it('should stamp YYYYMMDD_HHMMSS in UTC, zero-padded', () => {
    expect(backupTimestamp(Date.UTC(2026, 0, 4, 3, 5, 9))).toBe('20260104_030509');
    expect(backupTimestamp(Date.UTC(2026, 11, 31, 23, 59, 59, 999))).toBe('20261231_235959');
    expect(isBackupTimestamp('20260104_030509')).toBe(true);
    expect(isBackupTimestamp('2026-01-04')).toBe(false);
  });

  it('should label volumes as the plan names their archives: project prefix off, `-` → `_`, collisions numbered', () => {
    expect(volumeLabels(['homeiq_influxdb_data', 'homeiq_sqlite-data', 'other'], 'homeiq')).toEqual(['influxdb_data', 'sqlite_data', 'other']);
    expect(volumeLabels(['p_sqlite-data', 'p_sqlite_data'], 'p')).toEqual(['sqlite_data', 'sqlite_data_2']);
    expect(volumeLabels(['homeiq_'], 'homeiq')).toEqual(['homeiq_']);
    expect(archiveName('influxdb_data', '20260104_030509')).toBe('influxdb_data_20260104_030509.tar.gz');
    expect(configBackupName('/x/.env', '20260104_030509')).toBe('.env.backup_20260104_030509');
  });

  it('should keep compose backup names unique', () => {
    expect(composeBackupNames(['/r/docker-compose.yml', '/r/docker-compose.prod.yml'], 'T')).toEqual(['docker-compose.yml.backup_T', 'docker-compose.prod.yml.backup_T']);
    expect(composeBackupNames(['/r/docker-compose.yml', '/r/prod/docker-compose.yml'], 'T')).toEqual(['docker-compose.yml.backup_T', 'prod__docker-compose.yml.backup_T']);
    expect(composeBackupNames(['/r/a.yml', '/r/a.yml'], 'T')).toEqual(['a.yml.backup_T', '2__a.yml.backup_T']);
  });

  it('should find the repository of an image reference', () => {
    expect(imageRepository('homeiq-data-api:latest')).toBe('homeiq-data-api');
    expect(imageRepository('influxdb')).toBe('influxdb');
    expect(imageRepository('localhost:5000/team/app:1.2')).toBe('localhost:5000/team/app');
    expect(imageRepository('localhost:5000/team/app')).toBe('localhost:5000/team/app');
    expect(imageRepository(`influxdb@sha256:${A}`)).toBe('influxdb');
  });
});

describe('backup manifest', () => {
  it('should round-trip in sha256sum format: two spaces, relative paths, sorted', () => {
    const text = formatManifest([{ sha256: B, path: 'z_20260104_030509.tar.gz' }, { sha256: A, path: 'infrastructure.backup_T/.env.prod' }]);
    expect(text).toBe(`${A}  infrastructure.backup_T/.env.prod\n${B}  z_20260104_030509.tar.gz\n`);
    expect(parseManifest(text, 'm.txt')).toEqual([{ sha256: A, path: 'infrastructure.backup_T/.env.prod' }, { sha256: B, path: 'z_20260104_030509.tar.gz' }]);
  });

  it('should read binary-mode lines, CRLF, upper-case hex and ./ prefixes', () => {
    expect(parseManifest(`${A.toUpperCase()} *./x.tar.gz\r\n\n`, 'm')).toEqual([{ sha256: A, path: 'x.tar.gz' }]);
  });

  it('should name the file and line of a malformed or escaping line', () => {
    expect(() => parseManifest(`${A}  ok\nnot a line\n`, 'backup_manifest_T.txt')).toThrow(/^backup_manifest_T\.txt:2: not a sha256sum line: "not a line"\nhint: /);
    expect(() => parseManifest(`${A}  ../etc/passwd\n`, 'm')).toThrow(/m:1: path "\.\.\/etc\/passwd" leaves the backup folder/);
    expect(() => parseManifest(`${A}  /abs\n`, 'm')).toThrow(BackupError);
    expect(() => formatManifest([{ sha256: 'xyz', path: 'a' }])).toThrow(/"xyz" is not a sha256/);
    expect(() => formatManifest([{ sha256: A, path: 'a\nb' }])).toThrow(/must be relative/);
  });
});

describe('image catalog', () => {
  it('should list repository, tag, id, size and creation date per tag', () => {
    const text = formatImageCatalog([
      { ref: 'homeiq-data-api:latest', id: `sha256:${B}`, repoTags: ['homeiq-data-api:latest', 'homeiq-data-api:pre-rebuild'], sizeBytes: 187_654_321, created: '2026-11-30T10:00:00Z' },
      { ref: 'influxdb:2.7.12', id: `sha256:${A}`, repoTags: ['influxdb:2.7.12'], sizeBytes: 950, created: '2026-01-01T00:00:00Z' },
    ]);
    expect(text.split('\n')).toEqual([
      'REPOSITORY       TAG          IMAGE ID      SIZE    SIZE BYTES  CREATED',
      'homeiq-data-api  latest       0123456789ab  188 MB  187654321   2026-11-30T10:00:00Z',
      'homeiq-data-api  pre-rebuild  0123456789ab  188 MB  187654321   2026-11-30T10:00:00Z',
      'influxdb         2.7.12       aaaaaaaaaaaa  950 B   950         2026-01-01T00:00:00Z',
      '',
    ]);
    expect(formatBytes(1_234_567_890)).toBe('1.23 GB');
    expect(formatBytes(12_345)).toBe('12.3 kB');
  });
});
