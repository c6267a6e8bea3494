// sha256 over every file (path + content hash) of a Docker volume, read through a throwaway read-only container.
import { createHash } from 'node:crypto';
import { execa } from 'execa';
import { PhasegateError } from '../common/errors.js';

export interface VolumeFingerprintOptions {
  /** Image with busybox `find` and `sha256sum`. @default 'phasegate/nodebase:local' */
  readonly image?: string;
  /** Bound of the whole read, in ms. @default 60000 */
  readonly timeoutMs?: number;
}

/** The volume's content as one sha256 and the number of files; the volume is mounted read-only, with no network. */
export async function volumeFingerprint(volume: string, options: VolumeFingerprintOptions = {}): Promise<{ readonly sha256: string; readonly files: number }> {
  // `docker run -v` would create a missing volume; a fingerprint must never change what it measures.
  const exists = await execa('docker', ['volume', 'inspect', volume], { reject: false, timeout: options.timeoutMs ?? 60_000, stdin: 'ignore' });
  if (exists.exitCode !== 0) throw new PhasegateError('PHASEGATE_STACK_FAILED', `cannot fingerprint volume ${volume}: no such volume`, { hint: 'list volumes with `docker volume ls`' });
  const script = 'cd /v && find . -type f -exec sha256sum {} + | sort -k2';
  const result = await execa('docker', ['run', '--rm', '--network', 'none', '-v', `${volume}:/v:ro`, options.image ?? 'phasegate/nodebase:local', 'sh', '-c', script], {
    reject: false,
    timeout: options.timeoutMs ?? 60_000,
    stdin: 'ignore',
  });
  if (result.exitCode !== 0) {
    throw new PhasegateError('PHASEGATE_STACK_FAILED', `cannot fingerprint volume ${volume}: ${String(result.stderr || result.shortMessage).split('\n')[0]}`, { hint: 'does the volume exist (`docker volume ls`) and is the base image built (`npm run bootstrap`)?' });
  }
  const listing = String(result.stdout);
  return { sha256: createHash('sha256').update(listing).digest('hex'), files: listing.split('\n').filter(Boolean).length };
}
