// What a backup needs from Docker and git. One real adapter: DockerCliBackupRunner (docker and git CLIs).
import { randomBytes } from 'node:crypto';
import { rename, rm } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { volumeFingerprint } from '../docker/volume-fingerprint.js';
import { ExecaCommandRunner, type CommandResult, type CommandRunner } from '../system/command-runner.js';
import { BackupError } from './backup-error.js';

/** A volume's content as one sha256 over `sha256sum` of every file, sorted by path (lib/docker volumeFingerprint). */
export interface VolumeContentFingerprint {
  readonly sha256: string;
  readonly files: number;
}

/** One image as `docker image inspect` reports it. */
export interface ImageInfo {
  /** `sha256:…` */
  readonly id: string;
  readonly repoTags: readonly string[];
  readonly sizeBytes: number;
  /** ISO time the image was built. */
  readonly created: string;
}

/** Outcome of `git status` in a folder. */
export interface GitStatusResult {
  /** False when the folder is not inside a git work tree or git is missing; `text` then says why. */
  readonly isRepo: boolean;
  /** `git status` output (with the HEAD commit on top), or the reason there is none. */
  readonly text: string;
  readonly head?: string;
}

/** Docker and git operations of a backup. Every call is bounded in time and throws a BackupError on failure. */
export interface BackupRunner {
  volumeExists(volume: string): Promise<boolean>;
  /** Archives the volume (mounted read-only, no network) into `<outDir>/<fileName>` as tar.gz; never creates the volume. */
  archiveVolume(volume: string, outDir: string, fileName: string): Promise<void>;
  fingerprint(volume: string): Promise<VolumeContentFingerprint>;
  /** Creates an empty volume with the given labels. */
  createVolume(volume: string, labels?: Readonly<Record<string, string>>): Promise<void>;
  /** Removes a volume; no error when it is already gone. */
  removeVolume(volume: string): Promise<void>;
  /** Up to `limit` top-level entries of the volume (empty: the volume is empty). */
  volumeEntries(volume: string, limit: number): Promise<string[]>;
  /** Deletes everything inside the volume, keeping the volume. */
  emptyVolume(volume: string): Promise<void>;
  /** Extracts a tar.gz (host path) into the volume. */
  extractArchive(archive: string, volume: string): Promise<void>;
  /** The image, or undefined when no such image exists. */
  inspectImage(ref: string): Promise<ImageInfo | undefined>;
  /** `docker tag <source> <target>`. */
  tagImage(source: string, target: string): Promise<void>;
  /** Volumes labelled `com.docker.compose.project=<project>`. */
  projectVolumes(project: string): Promise<string[]>;
  /** Image references of the project's containers (running or not). */
  projectImages(project: string): Promise<string[]>;
  gitStatus(repoRoot: string): Promise<GitStatusResult>;
}

/** Options of {@link DockerCliBackupRunner}. */
export interface DockerCliBackupRunnerOptions {
  /** Image with busybox `tar`, `find`, `sha256sum`. @default 'phasegate/nodebase:local' */
  readonly image?: string;
  /** Bound of one archive, extract or fingerprint, in ms. @default 1800000 (30 min) */
  readonly timeoutMs?: number;
  /** Bound of one inspect/tag/list call, in ms. @default 30000 */
  readonly quickTimeoutMs?: number;
  /** @default new ExecaCommandRunner() */
  readonly commands?: CommandRunner;
}

/** The real adapter on the docker and git CLIs. Throwaway containers run `--rm --network none`. */
export class DockerCliBackupRunner implements BackupRunner {
  private readonly image: string;
  private readonly timeoutMs: number;
  private readonly quickTimeoutMs: number;
  private readonly commands: CommandRunner;

  constructor(options: DockerCliBackupRunnerOptions = {}) {
    this.image = options.image ?? 'phasegate/nodebase:local';
    this.timeoutMs = options.timeoutMs ?? 1_800_000;
    this.quickTimeoutMs = options.quickTimeoutMs ?? 30_000;
    this.commands = options.commands ?? new ExecaCommandRunner();
  }

  async volumeExists(volume: string): Promise<boolean> {
    const r = await this.commands.run('docker', ['volume', 'inspect', '--format', '{{.Name}}', volume], { timeoutMs: this.quickTimeoutMs });
    if (r.exitCode === 0) return true;
    if (/no such volume/i.test(r.stderr)) return false;
    throw failed('docker-failed', `docker volume inspect ${volume}`, r);
  }

  async archiveVolume(volume: string, outDir: string, fileName: string): Promise<void> {
    await this.requireVolume(volume);
    const out = resolve(outDir);
    const tmp = `.${fileName}.${randomBytes(4).toString('hex')}.partial`;
    const owner = typeof process.getuid === 'function' ? `${process.getuid()}:${process.getgid?.() ?? 0}` : '0:0';
    // Written under a temporary name and renamed on success: a failed archive never carries the final name.
    const script = `tar czf /out/${tmp} -C /v . && chown ${owner} /out/${tmp}`;
    const r = await this.commands.run('docker', ['run', '--rm', '--network', 'none', '-v', `${volume}:/v:ro`, '-v', `${out}:/out`, this.image, 'sh', '-c', script], { timeoutMs: this.timeoutMs });
    if (r.exitCode !== 0) {
      await rm(join(out, tmp), { force: true });
      throw failed('archive-failed', `archiving volume ${volume} to ${join(out, fileName)}`, r, 'is the base image built (`npm run bootstrap`) and the output folder writable?');
    }
    await rename(join(out, tmp), join(out, fileName));
  }

  async fingerprint(volume: string): Promise<VolumeContentFingerprint> {
    try {
      return await volumeFingerprint(volume, { image: this.image, timeoutMs: this.timeoutMs });
    } catch (error) {
      throw new BackupError('docker-failed', `cannot fingerprint volume ${volume}: ${(error as Error).message.split('\n')[0]}`, { cause: error, hint: 'does the volume exist (`docker volume ls`) and is the base image built (`npm run bootstrap`)?' });
    }
  }

  async createVolume(volume: string, labels: Readonly<Record<string, string>> = {}): Promise<void> {
    const args = ['volume', 'create', ...Object.entries(labels).flatMap(([k, v]) => ['--label', `${k}=${v}`]), volume];
    const r = await this.commands.run('docker', args, { timeoutMs: this.quickTimeoutMs });
    if (r.exitCode !== 0) throw failed('docker-failed', `docker volume create ${volume}`, r);
  }

  async removeVolume(volume: string): Promise<void> {
    const r = await this.commands.run('docker', ['volume', 'rm', volume], { timeoutMs: this.quickTimeoutMs });
    if (r.exitCode !== 0 && !/no such volume/i.test(r.stderr)) throw failed('docker-failed', `docker volume rm ${volume}`, r);
  }

  async volumeEntries(volume: string, limit: number): Promise<string[]> {
    await this.requireVolume(volume);
    const r = await this.runInVolume(volume, true, `ls -A /v | head -n ${Math.max(1, Math.floor(limit))}`);
    if (r.exitCode !== 0) throw failed('docker-failed', `listing volume ${volume}`, r);
    return r.stdout.split('\n').filter(Boolean);
  }

  async emptyVolume(volume: string): Promise<void> {
    await this.requireVolume(volume);
    const r = await this.runInVolume(volume, false, 'find /v -mindepth 1 -maxdepth 1 -exec rm -rf {} + && [ -z "$(ls -A /v)" ]');
    if (r.exitCode !== 0) throw failed('docker-failed', `emptying volume ${volume}`, r);
  }

  async extractArchive(archive: string, volume: string): Promise<void> {
    await this.requireVolume(volume);
    const file = resolve(archive);
    const r = await this.commands.run(
      'docker',
      ['run', '--rm', '--network', 'none', '-v', `${volume}:/v`, '-v', `${dirname(file)}:/backup:ro`, this.image, 'tar', 'xzf', `/backup/${basename(file)}`, '-C', '/v'],
      { timeoutMs: this.timeoutMs },
    );
    if (r.exitCode !== 0) throw failed('archive-failed', `extracting ${file} into volume ${volume}`, r);
  }

  async inspectImage(ref: string): Promise<ImageInfo | undefined> {
    const r = await this.commands.run('docker', ['image', 'inspect', '--format', '{{json .}}', ref], { timeoutMs: this.quickTimeoutMs });
    if (r.exitCode !== 0) {
      if (/no such image/i.test(r.stderr)) return undefined;
      throw failed('docker-failed', `docker image inspect ${ref}`, r);
    }
    const raw = JSON.parse(r.stdout.trim().split('\n')[0] ?? '{}') as { Id?: string; RepoTags?: string[] | null; Size?: number; Created?: string };
    return { id: raw.Id ?? '', repoTags: raw.RepoTags ?? [], sizeBytes: raw.Size ?? 0, created: raw.Created ?? '' };
  }

  async tagImage(source: string, target: string): Promise<void> {
    const r = await this.commands.run('docker', ['tag', source, target], { timeoutMs: this.quickTimeoutMs });
    if (r.exitCode !== 0) throw failed('docker-failed', `docker tag ${source} ${target}`, r);
  }

  async projectVolumes(project: string): Promise<string[]> {
    const r = await this.commands.run('docker', ['volume', 'ls', '-q', '--filter', `label=com.docker.compose.project=${project}`], { timeoutMs: this.quickTimeoutMs });
    if (r.exitCode !== 0) throw failed('docker-failed', `docker volume ls (project ${project})`, r);
    return r.stdout.split('\n').map((l) => l.trim()).filter(Boolean).sort();
  }

  async projectImages(project: string): Promise<string[]> {
    const r = await this.commands.run('docker', ['ps', '-a', '--filter', `label=com.docker.compose.project=${project}`, '--format', '{{.Image}}'], { timeoutMs: this.quickTimeoutMs });
    if (r.exitCode !== 0) throw failed('docker-failed', `docker ps (project ${project})`, r);
    return [...new Set(r.stdout.split('\n').map((l) => l.trim()).filter(Boolean))].sort();
  }

  async gitStatus(repoRoot: string): Promise<GitStatusResult> {
    const head = await this.commands.run('git', ['-C', repoRoot, 'rev-parse', 'HEAD'], { timeoutMs: this.quickTimeoutMs });
    if (head.notFound) return { isRepo: false, text: `git status not captured: git is not installed (folder ${repoRoot})\n` };
    const status = await this.commands.run('git', ['-C', repoRoot, 'status', '--untracked-files=all'], { timeoutMs: this.quickTimeoutMs });
    if (status.exitCode !== 0) {
      return { isRepo: false, text: `git status not captured: ${repoRoot} is not a git repository (git status exit ${status.exitCode}: ${firstLine(status.stderr)})\n` };
    }
    const commit = head.exitCode === 0 ? head.stdout.trim() : undefined;
    return { isRepo: true, text: `# git -C ${repoRoot} status --untracked-files=all\n# HEAD ${commit ?? '(no commits yet)'}\n${status.stdout}\n`, ...(commit ? { head: commit } : {}) };
  }

  private async requireVolume(volume: string): Promise<void> {
    // `docker run -v name:/x` would silently create a missing volume.
    if (!(await this.volumeExists(volume))) throw missingVolume(volume);
  }

  private runInVolume(volume: string, readOnly: boolean, script: string): Promise<CommandResult> {
    return this.commands.run('docker', ['run', '--rm', '--network', 'none', '-v', `${volume}:/v${readOnly ? ':ro' : ''}`, this.image, 'sh', '-c', script], { timeoutMs: this.timeoutMs });
  }
}

/** The error for a volume that does not exist (never created on the fly). */
export function missingVolume(volume: string): BackupError {
  return new BackupError('missing-volume', `volume ${volume} does not exist`, { hint: 'list volumes with `docker volume ls`; phasegate never creates a volume it is asked to back up or restore into' });
}

function firstLine(text: string): string {
  return text.trim().split('\n')[0] ?? '';
}

function failed(reason: 'docker-failed' | 'archive-failed', what: string, r: CommandResult, hint?: string): BackupError {
  const why = r.notFound ? 'docker is not installed' : r.timedOut ? `timed out after ${Math.round(r.durationMs)} ms` : `exit ${r.exitCode}: ${firstLine(r.stderr) || firstLine(r.stdout)}`;
  return new BackupError(reason, `${what} failed: ${why}`, { hint: hint ?? (r.notFound ? 'install Docker (`npm run bootstrap`)' : 'run the same docker command by hand to see the full output') });
}
