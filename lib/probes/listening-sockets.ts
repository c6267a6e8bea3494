// Which TCP ports a container's processes listen on, read from /proc instead of an nmap scan (TV-S4, RB-CL-SEC4):
// `/proc/<pid>/net/tcp{,6}` lists the sockets of that process's network namespace (the host's with `network_mode:
// host`), and a socket belongs to a process when one of its `/proc/<pid>/fd` links reads `socket:[<inode>]`. The
// parser is pure; the readers take a proc root so tests can hand in a fixture tree.
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';

/** One TCP socket in state LISTEN. */
export interface ListeningSocket {
  /** Bound address: `127.0.0.1`, `0.0.0.0`, `::`, `::1`, `::ffff:127.0.0.1`. */
  readonly address: string;
  readonly port: number;
  /** Socket inode (the link target `socket:[<inode>]` of the owning process's fd). */
  readonly inode: number;
  readonly family: 4 | 6;
}

/** TCP state LISTEN in /proc/net/tcp (`st` column, hex). */
const LISTEN = '0A';

/** A 32-bit word of /proc/net/tcp is the address in host byte order (little-endian on x86/arm): reverse its bytes. */
function wordBytes(hex: string): number[] {
  const bytes = [0, 2, 4, 6].map((i) => parseInt(hex.slice(i, i + 2), 16));
  return bytes.reverse();
}

function ipv6(hex: string): string {
  const bytes = [0, 8, 16, 24].flatMap((i) => wordBytes(hex.slice(i, i + 8)));
  if (bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff) return `::ffff:${bytes.slice(12).join('.')}`;
  const groups = Array.from({ length: 8 }, (_, i) => ((bytes[2 * i]! << 8) | bytes[2 * i + 1]!).toString(16));
  // The longest run of zero groups becomes `::` (RFC 5952).
  let best = { start: -1, length: 0 };
  for (let i = 0; i < 8; ) {
    if (groups[i] !== '0') { i += 1; continue; }
    let j = i;
    while (j < 8 && groups[j] === '0') j += 1;
    if (j - i > best.length) best = { start: i, length: j - i };
    i = j;
  }
  if (best.length < 2) return groups.join(':');
  return `${groups.slice(0, best.start).join(':')}::${groups.slice(best.start + best.length).join(':')}`;
}

/** The LISTEN sockets of a `/proc/<pid>/net/tcp` (family 4) or `tcp6` (family 6) text; other lines are ignored. */
export function parseProcNetTcp(text: string, family: 4 | 6): ListeningSocket[] {
  const out: ListeningSocket[] = [];
  for (const line of text.split('\n')) {
    const cols = line.trim().split(/\s+/);
    // sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode …
    if (cols.length < 10 || !/^\d+:$/.test(cols[0]!) || cols[3] !== LISTEN) continue;
    const [addressHex, portHex] = cols[1]!.split(':');
    if (!addressHex || !portHex || addressHex.length !== (family === 4 ? 8 : 32)) continue;
    const address = family === 4 ? wordBytes(addressHex).join('.') : ipv6(addressHex);
    out.push({ address, port: parseInt(portHex, 16), inode: Number(cols[9]), family });
  }
  return out;
}

/** True for an address that accepts connections on every interface (`0.0.0.0`, `::`). */
export function isWildcardAddress(address: string): boolean {
  return address === '0.0.0.0' || address === '::' || address === '::ffff:0.0.0.0';
}

/** True for a loopback address (`127.x`, `::1`, `::ffff:127.x`, `localhost`). */
export function isLoopbackAddress(address: string): boolean {
  return /^127\./.test(address) || address === '::1' || /^::ffff:127\./.test(address) || address === 'localhost';
}

const readText = (path: string): string | null => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
};

/**
 * The LISTEN sockets of the network namespace `pid` lives in (`/proc/<pid>/net/tcp` and `tcp6`). Throws when
 * neither file can be read (the process is gone, or /proc is not mounted).
 * @param procRoot proc mount. @default '/proc'
 */
export function readListeningSockets(pid: number, procRoot = '/proc'): ListeningSocket[] {
  const v4 = readText(join(procRoot, String(pid), 'net', 'tcp'));
  const v6 = readText(join(procRoot, String(pid), 'net', 'tcp6'));
  if (v4 === null && v6 === null) throw new Error(`cannot read ${join(procRoot, String(pid), 'net', 'tcp')}: is process ${pid} running and /proc mounted?`);
  return [...parseProcNetTcp(v4 ?? '', 4), ...parseProcNetTcp(v6 ?? '', 6)];
}

/** Parent PID of every process under `procRoot` (from `/proc/<pid>/stat`, field 4). */
export function readParentPids(procRoot = '/proc'): Map<number, number> {
  const parents = new Map<number, number>();
  for (const entry of safeReaddir(procRoot)) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readText(join(procRoot, entry, 'stat'));
    // `pid (comm) state ppid …`; comm may hold spaces and parentheses, so split after the last ')'.
    const after = stat?.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ppid = Number(after?.[1]);
    if (Number.isInteger(ppid)) parents.set(Number(entry), ppid);
  }
  return parents;
}

/** `root` and every process descending from it, given each process's parent (pure). */
export function descendantsOf(root: number, parents: ReadonlyMap<number, number>): Set<number> {
  const children = new Map<number, number[]>();
  for (const [pid, ppid] of parents) children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  const out = new Set<number>([root]);
  const queue = [root];
  while (queue.length > 0) {
    for (const child of children.get(queue.shift()!) ?? []) {
      if (!out.has(child)) {
        out.add(child);
        queue.push(child);
      }
    }
  }
  return out;
}

/** The socket inodes the processes `pids` hold open (their `/proc/<pid>/fd` links `socket:[<inode>]`). */
export function socketInodesOf(pids: Iterable<number>, procRoot = '/proc'): Set<number> {
  const inodes = new Set<number>();
  for (const pid of pids) {
    const fdDir = join(procRoot, String(pid), 'fd');
    for (const fd of safeReaddir(fdDir)) {
      let link: string;
      try {
        link = readlinkSync(join(fdDir, fd));
      } catch {
        continue; // the fd closed while we read
      }
      const match = /^socket:\[(\d+)\]$/.exec(link);
      if (match) inodes.add(Number(match[1]));
    }
  }
  return inodes;
}

function safeReaddir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/**
 * The TCP ports the process tree rooted at `pid` (a container's main process and its children) listens on, in that
 * process's network namespace. Sockets of other processes in the same namespace (the host's, with `network_mode:
 * host`) are left out. Throws when the namespace's socket tables cannot be read.
 */
export function listenersOfProcessTree(pid: number, procRoot = '/proc', parents: ReadonlyMap<number, number> = readParentPids(procRoot)): ListeningSocket[] {
  const sockets = readListeningSockets(pid, procRoot);
  const owned = socketInodesOf(descendantsOf(pid, parents), procRoot);
  const seen = new Set<string>();
  return sockets.filter((s) => owned.has(s.inode)).filter((s) => {
    const key = `${s.address}|${s.port}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** {@link listenersOfProcessTree} for many trees in one go: the process table is read once, on the first call. */
export function processTreeListeners(procRoot = '/proc'): (pid: number) => ListeningSocket[] {
  let parents: Map<number, number> | undefined;
  return (pid) => listenersOfProcessTree(pid, procRoot, (parents ??= readParentPids(procRoot)));
}
