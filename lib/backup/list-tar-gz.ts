// `tar -tzf` in node: streams a .tar.gz through zlib (which checks gzip's CRC and length) and walks the tar
// headers (ustar, GNU long names, pax paths). No container, no extraction.
import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';

/** What a readable archive holds. */
export interface TarListing {
  /** Entry paths in archive order (`./`, `./nested/`, `./nested/blob.bin`). */
  readonly entries: readonly string[];
  /** Regular files among them. */
  readonly files: number;
  /** Uncompressed bytes of the regular files. */
  readonly bytes: number;
}

const BLOCK = 512;

/** Lists a .tar.gz; rejects with the reason (`incorrect header check`, `unexpected end of file`, a bad tar header). */
export function listTarGz(path: string, options: { readonly maxEntries?: number } = {}): Promise<TarListing> {
  const maxEntries = options.maxEntries ?? 1_000_000;
  return new Promise((resolve, reject) => {
    const entries: string[] = [];
    let files = 0;
    let bytes = 0;
    let pending: Buffer = Buffer.alloc(0);
    let skip = 0; // data bytes (padded) still to skip
    let longName: string | undefined;
    let paxPath: string | undefined;
    let collect: { kind: 'L' | 'x'; size: number; padded: number } | undefined;
    let ended = false;
    let failed = false;
    const fail = (error: Error) => {
      if (failed) return;
      failed = true;
      input.destroy();
      gunzip.destroy();
      reject(error);
    };
    const input = createReadStream(path);
    const gunzip = createGunzip();
    gunzip.on('data', (chunk: Buffer) => {
      if (ended || failed) return;
      pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
      try {
        for (;;) {
          if (skip > 0) {
            const n = Math.min(skip, pending.length);
            skip -= n;
            pending = pending.subarray(n);
            if (skip > 0) return;
          }
          if (collect) {
            if (pending.length < collect.padded) return;
            const text = pending.subarray(0, collect.size).toString('utf8');
            pending = pending.subarray(collect.padded);
            if (collect.kind === 'L') longName = text.replace(/\0+$/, '');
            else paxPath = parsePaxPath(text) ?? paxPath;
            collect = undefined;
            continue;
          }
          if (pending.length < BLOCK) return;
          const header = pending.subarray(0, BLOCK);
          pending = pending.subarray(BLOCK);
          if (header.every((b) => b === 0)) {
            ended = true;
            return;
          }
          verifyChecksum(header, entries.length);
          const size = parseOctal(header.subarray(124, 136));
          const padded = Math.ceil(size / BLOCK) * BLOCK;
          const type = String.fromCharCode(header[156]!);
          if (type === 'L' || type === 'x') {
            collect = { kind: type, size, padded };
            continue;
          }
          if (type === 'g') {
            skip = padded;
            continue;
          }
          const name = cString(header.subarray(0, 100));
          const prefix = header.subarray(257, 263).toString('latin1').startsWith('ustar') ? cString(header.subarray(345, 500)) : '';
          const path = paxPath ?? longName ?? (prefix ? `${prefix}/${name}` : name);
          paxPath = undefined;
          longName = undefined;
          entries.push(path);
          if (entries.length > maxEntries) throw new Error(`more than ${maxEntries} entries`);
          if (type === '0' || type === '\0' || type === '7') {
            files++;
            bytes += size;
          }
          skip = type === '5' || type === '1' || type === '2' ? 0 : padded;
        }
      } catch (error) {
        fail(error as Error);
      }
    });
    gunzip.on('error', (error) => fail(error));
    input.on('error', (error) => fail(error));
    gunzip.on('end', () => {
      if (failed) return;
      if (!ended && (skip > 0 || collect || pending.length > 0)) return fail(new Error('the tar stream ends inside an entry (truncated archive)'));
      if (entries.length === 0 && !ended) return fail(new Error('no tar entries (empty or not a tar archive)'));
      resolve({ entries, files, bytes });
    });
    input.pipe(gunzip);
  });
}

function cString(buf: Buffer): string {
  const nul = buf.indexOf(0);
  return (nul === -1 ? buf : buf.subarray(0, nul)).toString('utf8');
}

function parseOctal(buf: Buffer): number {
  // GNU base-256 for sizes ≥ 8 GiB: high bit of the first byte set.
  if ((buf[0]! & 0x80) !== 0) {
    let n = 0;
    for (let i = 1; i < buf.length; i++) n = n * 256 + buf[i]!;
    return n;
  }
  const text = cString(buf).trim();
  if (text === '') return 0;
  if (!/^[0-7]+$/.test(text)) throw new Error(`bad tar header: size field ${JSON.stringify(text)} is not octal`);
  return parseInt(text, 8);
}

function verifyChecksum(header: Buffer, index: number): void {
  const stored = cString(header.subarray(148, 156)).trim();
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : header[i]!;
  if (!/^[0-7]+$/.test(stored) || parseInt(stored, 8) !== sum) {
    throw new Error(`bad tar header checksum at entry ${index + 1} (stored ${JSON.stringify(stored)}, computed ${sum.toString(8)})`);
  }
}

function parsePaxPath(text: string): string | undefined {
  let rest = text;
  let path: string | undefined;
  while (rest.length > 0) {
    const space = rest.indexOf(' ');
    const len = Number(rest.slice(0, space));
    if (!Number.isInteger(len) || len <= 0) break;
    const record = Buffer.from(rest, 'utf8').subarray(0, len).toString('utf8');
    const kv = record.slice(space + 1, -1);
    const eq = kv.indexOf('=');
    if (kv.slice(0, eq) === 'path') path = kv.slice(eq + 1);
    rest = Buffer.from(rest, 'utf8').subarray(len).toString('utf8');
  }
  return path;
}
