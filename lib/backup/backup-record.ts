// `backup.json`: the machine-readable record of one backup (files with size and sha256, volume fingerprints,
// images, tags, timings). The zod schema is the source of the type.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { BackupError } from './backup-error.js';
import { RECORD_NAME } from './backup-names.js';

const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'Must be 64 lowercase hex digits');

/** What a backed-up file is. */
export const BackupFileKind = z.enum(['volume-archive', 'env', 'compose', 'infrastructure', 'git-status', 'image-list', 'image-json']);
export type BackupFileKind = z.output<typeof BackupFileKind>;

export const BackupFileSchema = z.strictObject({
  /** Relative to the backup folder, `/`-separated. */
  path: z.string().min(1),
  kind: BackupFileKind,
  bytes: z.number().int().nonnegative(),
  sha256,
});
export type BackupFile = z.output<typeof BackupFileSchema>;

export const BackupVolumeSchema = z.strictObject({
  /** Docker volume name (`homeiq_influxdb_data`). */
  name: z.string().min(1),
  /** Archive label (`influxdb_data`). */
  label: z.string().min(1),
  archive: z.string().min(1),
  /** Content fingerprint taken just before archiving. */
  fingerprint: z.strictObject({ sha256, files: z.number().int().nonnegative() }),
  /** False when a second fingerprint after archiving differed: the volume changed while it was archived. */
  stable: z.boolean(),
  durationMs: z.number().nonnegative(),
});
export type BackupVolume = z.output<typeof BackupVolumeSchema>;

export const BackupImageSchema = z.strictObject({
  /** The reference asked for (`homeiq-data-api:latest`). */
  ref: z.string().min(1),
  id: z.string().min(1),
  repoTags: z.array(z.string()),
  sizeBytes: z.number().nonnegative(),
  created: z.string(),
});
export type BackupImage = z.output<typeof BackupImageSchema>;

export const BackupTagSchema = z.strictObject({
  source: z.string().min(1),
  /** `<repo>:<tagSuffix>` */
  ref: z.string().min(1),
  imageId: z.string().min(1),
  /** Image the tag pointed to before (null: the tag is new). */
  previousImageId: z.string().nullable(),
});
export type BackupTag = z.output<typeof BackupTagSchema>;

export const BackupRecordSchema = z.strictObject({
  version: z.literal(1),
  project: z.string(),
  timestamp: z.string().regex(/^\d{8}_\d{6}$/),
  createdAt: z.string(),
  manifest: z.string(),
  manifestSha256: sha256,
  files: z.array(BackupFileSchema),
  volumes: z.array(BackupVolumeSchema),
  env: z.strictObject({ source: z.string(), backup: z.string() }).nullable(),
  compose: z.array(z.strictObject({ source: z.string(), backup: z.string() })),
  infrastructure: z.strictObject({ source: z.string(), backup: z.string().nullable(), files: z.number().int().nonnegative(), envFiles: z.array(z.string()), note: z.string().optional() }).nullable(),
  git: z.strictObject({ repoRoot: z.string(), isRepo: z.boolean(), file: z.string(), head: z.string().optional() }).nullable(),
  images: z.array(BackupImageSchema),
  imageList: z.string().nullable(),
  tagSuffix: z.string(),
  tags: z.array(BackupTagSchema),
  timings: z.strictObject({ totalMs: z.number(), volumesMs: z.number(), filesMs: z.number(), imagesMs: z.number(), manifestMs: z.number() }),
});
export type BackupRecord = z.output<typeof BackupRecordSchema>;

/** Reads and validates `<dir>/backup.json`; undefined when there is none. Throws a BackupError when it is invalid. */
export async function readBackupRecord(dir: string): Promise<BackupRecord | undefined> {
  const file = join(dir, RECORD_NAME);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new BackupError('not-a-backup', `cannot read ${file}: ${(error as Error).message}`, { cause: error });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new BackupError('not-a-backup', `${file} is not JSON: ${(error as Error).message}`, { cause: error, hint: 'the record is written last; a backup interrupted before the end has none — create a new one' });
  }
  const parsed = BackupRecordSchema.safeParse(json);
  if (!parsed.success) throw new BackupError('not-a-backup', `${file} is not a phasegate backup record:\n${z.prettifyError(parsed.error)}`);
  return parsed.data;
}
