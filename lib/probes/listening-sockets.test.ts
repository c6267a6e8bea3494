import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { descendantsOf, isLoopbackAddress, isWildcardAddress, listenersOfProcessTree, parseProcNetTcp, processTreeListeners, readListeningSockets, readParentPids } from './listening-sockets.js';

const TCP = `  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 0100007F:1F96 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 31337 1 0000000000000000 100 0 0 10 0
   1: 00000000:2382 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 31338 1 0000000000000000 100 0 0 10 0
   2: 0100007F:1F96 0100007F:C350 01 00000000:00000000 00:00000000 00000000     0        0 31339 1 0000000000000000 20 4 30 10 -1
`;
const TCP6 = `  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 00000000000000000000000000000000:1F90 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 41000 1 0000000000000000 100 0 0 10 0
   1: 00000000000000000000000001000000:1F91 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 41001 1 0000000000000000 100 0 0 10 0
   2: 0000000000000000FFFF00000100007F:1F92 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 41002 1 0000000000000000 100 0 0 10 0
   3: B80D0120000000000000000001000000:0050 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 41003 1 0000000000000000 100 0 0 10 0
`;

describe('parseProcNetTcp', () => {
  it('should read LISTEN sockets of /proc/net/tcp with address, port and inode, and skip other states', () => {
    expect(parseProcNetTcp(TCP, 4)).toEqual([
      { address: '127.0.0.1', port: 8086, inode: 31337, family: 4 },
      { address: '0.0.0.0', port: 9090, inode: 31338, family: 4 },
    ]);
  });

  it('should read tcp6: the wildcard ::, loopback ::1, a v4-mapped address and a global one', () => {
    expect(parseProcNetTcp(TCP6, 6).map((s) => `${s.address} ${s.port} ${s.inode}`)).toEqual([':: 8080 41000', '::1 8081 41001', '::ffff:127.0.0.1 8082 41002', '2001:db8::1 80 41003']);
  });

  it('should ignore the header, blank and malformed lines', () => {
    expect(parseProcNetTcp('garbage\n\n  0: zz:zz\n', 4)).toEqual([]);
  });

  it('should tell wildcard from loopback addresses', () => {
    expect(['0.0.0.0', '::', '127.0.0.1', '::1'].map(isWildcardAddress)).toEqual([true, true, false, false]);
    expect(['127.0.0.1', '127.0.0.53', '::1', '::ffff:127.0.0.1', '0.0.0.0', '10.0.0.1'].map(isLoopbackAddress)).toEqual([true, true, true, true, false, false]);
  });
});

describe('descendantsOf', () => {
  it('should collect the whole process tree under a root and nothing else', () => {
    const parents = new Map([[10, 1], [11, 10], [12, 11], [13, 10], [20, 1], [21, 20]]);
    expect([...descendantsOf(10, parents)].sort()).toEqual([10, 11, 12, 13]);
    expect([...descendantsOf(99, parents)]).toEqual([99]);
  });
});

describe('listening sockets of a fixture /proc tree', () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'pg-proc-'));
    // pid 100 (container main) → 101 (its child, owns 31337); pid 200 (another host process) owns 31338.
    const proc = (pid: number, ppid: number, comm: string, sockets: number[]) => {
      mkdirSync(join(root, String(pid), 'fd'), { recursive: true });
      mkdirSync(join(root, String(pid), 'net'), { recursive: true });
      writeFileSync(join(root, String(pid), 'stat'), `${pid} (${comm}) S ${ppid} ${pid} ${pid} 0 -1`);
      writeFileSync(join(root, String(pid), 'net', 'tcp'), TCP);
      writeFileSync(join(root, String(pid), 'net', 'tcp6'), TCP6);
      sockets.forEach((inode, fd) => symlinkSync(`socket:[${inode}]`, join(root, String(pid), 'fd', String(fd + 3))));
      symlinkSync('/dev/null', join(root, String(pid), 'fd', '0'));
    };
    proc(100, 1, 'node main.js', []);
    proc(101, 100, 'node (worker) x', [31337, 41001]);
    proc(200, 1, 'sshd', [31338]);
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('should read parent pids even when the command name holds spaces and parentheses', () => {
    expect(readParentPids(root)).toEqual(new Map([[100, 1], [101, 100], [200, 1]]));
  });

  it('should attribute only the sockets the process tree holds', () => {
    expect(listenersOfProcessTree(100, root).map((s) => `${s.address}:${s.port}`)).toEqual(['127.0.0.1:8086', '::1:8081']);
    expect(listenersOfProcessTree(200, root).map((s) => `${s.address}:${s.port}`)).toEqual(['0.0.0.0:9090']);
    const shared = processTreeListeners(root);
    expect([100, 200].map((pid) => shared(pid).length)).toEqual([2, 1]);
  });

  it('should throw, naming the file, when the process has no socket tables', () => {
    expect(() => readListeningSockets(4242, root)).toThrow(`cannot read ${join(root, '4242', 'net', 'tcp')}: is process 4242 running and /proc mounted?`);
  });
});

describe('listening sockets of this process (real /proc)', () => {
  let server: Server;
  let port: number;
  beforeAll(async () => {
    server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as { port: number }).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('should find the in-process server on 127.0.0.1 among the sockets this process holds', () => {
    const mine = listenersOfProcessTree(process.pid);
    expect(mine).toContainEqual(expect.objectContaining({ address: '127.0.0.1', port, family: 4 }));
  });
});
