// A BackupRunner on in-memory volumes that writes and reads real tar.gz files, for unit tests without Docker.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { BackupError } from './backup-error.js';
import { missingVolume, type BackupRunner, type GitStatusResult, type ImageInfo, type VolumeContentFingerprint } from './backup-runner.js';

/** A ustar archive of `files` (path → content), with `./` and directory entries like busybox writes. */
export function tarGz(files: Readonly<Record<string, string | Buffer>>): Buffer {
  const blocks: Buffer[] = [];
  const header = (name: string, size: number, type: '0' | '5') => {
    const h = Buffer.alloc(512);
    h.write(name, 0, 100, 'utf8');
    h.write(type === '5' ? '0000755\0' : '0000644\0', 100);
    h.write('0000000\0', 108);
    h.write('0000000\0', 116);
    h.write(`${size.toString(8).padStart(11, '0')}\0`, 124);
    h.write('00000000000\0', 136);
    h.write('        ', 148);
    h.write(type, 156);
    h.write('ustar\u000000', 257);
    let sum = 0;
    for (const b of h) sum += b;
    h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
    return h;
  };
  const dirs = new Set<string>(['./']);
  for (const path of Object.keys(files)) {
    const parts = path.split('/');
    for (let i = 1; i < parts.length; i++) dirs.add(`./${parts.slice(0, i).join('/')}/`);
  }
  for (const d of [...dirs].sort()) blocks.push(header(d, 0, '5'));
  for (const [path, content] of Object.entries(files).sort()) {
    const data = Buffer.isBuffer(content) ? content : Buffer.from(content);
    blocks.push(header(`./${path}`, data.length, '0'), data, Buffer.alloc((512 - (data.length % 512)) % 512));
  }
  blocks.push(Buffer.alloc(1024));
  return gzipSync(Buffer.concat(blocks));
}

/** The regular files of a ustar tar.gz written by {@link tarGz}. */
export function untarGz(archive: Buffer): Record<string, Buffer> {
  const tar = gunzipSync(archive);
  const out: Record<string, Buffer> = {};
  let pos = 0;
  while (pos + 512 <= tar.length) {
    const h = tar.subarray(pos, pos + 512);
    if (h.every((b) => b === 0)) break;
    const name = h.subarray(0, 100).toString('utf8').replace(/\0.*$/s, '');
    const size = parseInt(h.subarray(124, 136).toString('latin1').replace(/\0.*$/s, ''), 8);
    pos += 512;
    if (String.fromCharCode(h[156]!) === '0') out[name.replace(/^\.\//, '')] = Buffer.from(tar.subarray(pos, pos + size));
    pos += Math.ceil(size / 512) * 512;
  }
  return out;
}

/** In-memory Docker: volumes are path → content maps; images are id + tags. Records every call. */
export class FakeBackupRunner implements BackupRunner {
  readonly volumes = new Map<string, Map<string, Buffer>>();
  readonly images = new Map<string, ImageInfo>();
  readonly calls: string[] = [];
  git: GitStatusResult = { isRepo: true, text: '# HEAD abc\nOn branch main\nnothing to commit, working tree clean\n', head: 'abc' };
  /** Files written into the volume between the two fingerprints of an archive (a live writer). */
  writeDuringArchive: Record<string, string> | undefined;
  /** Labels of created volumes. */
  readonly labels = new Map<string, Readonly<Record<string, string>>>();

  addVolume(name: string, files: Readonly<Record<string, string | Buffer>> = {}): void {
    this.volumes.set(name, new Map(Object.entries(files).map(([k, v]) => [k, Buffer.isBuffer(v) ? v : Buffer.from(v)])));
  }

  addImage(ref: string, id: string, extra: Partial<ImageInfo> = {}): void {
    this.images.set(ref, { id, repoTags: [ref], sizeBytes: 106_000_000, created: '2026-11-30T10:00:00Z', ...extra });
  }

  async volumeExists(volume: string): Promise<boolean> {
    return this.volumes.has(volume);
  }

  async archiveVolume(volume: string, outDir: string, fileName: string): Promise<void> {
    this.calls.push(`archive ${volume} ${fileName}`);
    const v = this.require(volume);
    writeFileSync(join(outDir, fileName), tarGz(Object.fromEntries(v)));
    if (this.writeDuringArchive) for (const [k, c] of Object.entries(this.writeDuringArchive)) v.set(k, Buffer.from(c));
  }

  async fingerprint(volume: string): Promise<VolumeContentFingerprint> {
    const v = this.require(volume);
    const listing = [...v.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([p, c]) => `${createHash('sha256').update(c).digest('hex')}  ./${p}\n`).join('');
    return { sha256: createHash('sha256').update(listing).digest('hex'), files: v.size };
  }

  async createVolume(volume: string, labels: Readonly<Record<string, string>> = {}): Promise<void> {
    this.calls.push(`create ${volume}`);
    if (this.volumes.has(volume)) throw new BackupError('docker-failed', `volume ${volume} exists`);
    this.volumes.set(volume, new Map());
    this.labels.set(volume, labels);
  }

  async removeVolume(volume: string): Promise<void> {
    this.calls.push(`remove ${volume}`);
    this.volumes.delete(volume);
  }

  async volumeEntries(volume: string, limit: number): Promise<string[]> {
    return [...new Set([...this.require(volume).keys()].map((p) => p.split('/')[0]!))].sort().slice(0, limit);
  }

  async emptyVolume(volume: string): Promise<void> {
    this.calls.push(`empty ${volume}`);
    this.require(volume).clear();
  }

  async extractArchive(archive: string, volume: string): Promise<void> {
    this.calls.push(`extract ${archive.split('/').at(-1)} ${volume}`);
    const v = this.require(volume);
    for (const [p, c] of Object.entries(untarGz(readFileSync(archive)))) v.set(p, c);
  }

  async inspectImage(ref: string): Promise<ImageInfo | undefined> {
    return this.images.get(ref) ?? [...this.images.values()].find((i) => i.id === ref);
  }

  async tagImage(source: string, target: string): Promise<void> {
    this.calls.push(`tag ${source} ${target}`);
    const image = await this.inspectImage(source);
    if (!image) throw new BackupError('missing-image', `no image ${source}`);
    this.images.set(target, { ...image, repoTags: [...image.repoTags, target] });
  }

  async projectVolumes(project: string): Promise<string[]> {
    return [...this.volumes.keys()].filter((v) => v.startsWith(`${project}_`)).sort();
  }

  async projectImages(): Promise<string[]> {
    return [...this.images.keys()].filter((r) => !r.endsWith(':pre-rebuild')).sort();
  }

  async gitStatus(): Promise<GitStatusResult> {
    return this.git;
  }

  private require(volume: string): Map<string, Buffer> {
    const v = this.volumes.get(volume);
    if (!v) throw missingVolume(volume);
    return v;
  }
}
