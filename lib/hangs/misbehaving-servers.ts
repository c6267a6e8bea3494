// Real local servers that stall in every way a target can: accept and stay silent, answer headers then stop,
// drip one byte at a time, stream forever, never finish a websocket upgrade, go quiet mid-protocol. TCP servers
// listen on 127.0.0.1 port 0; Docker-socket doubles listen on a unix socket in a fresh temp folder.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';

/** A running misbehaving server. */
export interface MisbehavingServer {
  /** `http://127.0.0.1:<port>`, `ws://127.0.0.1:<port>`, or the unix socket path. */
  readonly address: string;
  /** Bytes the server wrote, all connections together. */
  readonly bytesSent: () => number;
  /** Destroys every connection, stops listening, removes the socket folder. */
  close(): Promise<void>;
}

/** What a raw server does with each connection once the client's first bytes arrived. */
type OnConnection = (socket: Socket, sent: (n: number) => void) => void;

/** Default pause between two bytes of a drip, in ms. */
export const DRIP_INTERVAL_MS = 200;

async function rawServer(on: OnConnection, where: { unixDir?: string } = {}): Promise<MisbehavingServer> {
  const sockets = new Set<Socket>();
  let bytes = 0;
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => {}); // the client hangs up on purpose; that is the point
    socket.on('close', () => sockets.delete(socket));
    socket.once('data', () => on(socket, (n) => (bytes += n)));
  });
  const path = where.unixDir ? join(where.unixDir, 'docker.sock') : undefined;
  await new Promise<void>((resolve) => (path ? server.listen(path, resolve) : server.listen(0, '127.0.0.1', resolve)));
  const address = path ?? `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    address,
    bytesSent: () => bytes,
    close: async () => {
      sockets.forEach((s) => s.destroy());
      await new Promise((resolve) => server.close(resolve));
      if (where.unixDir) rmSync(where.unixDir, { recursive: true, force: true });
    },
  };
}

/** Writes `text` one byte every `intervalMs` (forever when `repeat`), until the socket closes. */
function drip(socket: Socket, text: string, intervalMs: number, sent: (n: number) => void, repeat: boolean): void {
  let i = 0;
  const timer = setInterval(() => {
    if (socket.destroyed || (!repeat && i >= text.length)) return clearInterval(timer);
    socket.write(text[i % text.length]!);
    sent(1);
    i++;
  }, intervalMs);
  socket.on('close', () => clearInterval(timer));
}

const HEADERS = 'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n';

/** Accepts, reads the request, never writes a byte. */
export function blackHoleServer(): Promise<MisbehavingServer> {
  return rawServer(() => {});
}

/** Answers complete headers announcing a 4 KiB JSON body, sends 10 bytes of it, then nothing. */
export function headersThenSilenceServer(): Promise<MisbehavingServer> {
  return rawServer((socket, sent) => {
    const head = `${HEADERS}Content-Length: 4096\r\n\r\n{"status":`;
    socket.write(head);
    sent(head.length);
  });
}

/** Sends the status line and headers one byte every `intervalMs`, an endless header that never ends. */
export function headerDripServer(intervalMs = DRIP_INTERVAL_MS): Promise<MisbehavingServer> {
  return rawServer((socket, sent) => drip(socket, `${HEADERS}X-Pad: ${'x'.repeat(1_000_000)}`, intervalMs, sent, true));
}

/** Sends complete headers, then one body byte every `intervalMs` forever (no Content-Length, close-delimited). */
export function bodyDripServer(intervalMs = DRIP_INTERVAL_MS): Promise<MisbehavingServer> {
  return rawServer((socket, sent) => {
    const head = `${HEADERS}\r\n`;
    socket.write(head);
    sent(head.length);
    drip(socket, '{"status":"healthy","pad":"xxxxxxxx', intervalMs, sent, true);
  });
}

/** Sends headers, then body bytes as fast as the client reads them, forever. */
export function endlessBodyServer(): Promise<MisbehavingServer> {
  return rawServer((socket, sent) => {
    const head = `${HEADERS}\r\n{"status":"healthy","pad":"`;
    socket.write(head);
    sent(head.length);
    const chunk = Buffer.alloc(64 * 1024, 'x');
    const pump = () => {
      while (!socket.destroyed && socket.write(chunk)) sent(chunk.length);
    };
    socket.on('drain', pump);
    pump();
  });
}

/** A Docker API double on a unix socket in a fresh temp folder that accepts and never answers. */
export function silentDockerSocket(): Promise<MisbehavingServer> {
  return rawServer(() => {}, { unixDir: mkdtempSync(join(tmpdir(), 'pg-hang-docker-')) });
}

/** A Docker API double on a unix socket that answers headers and the start of a JSON body, then stalls. */
export function stallingDockerSocket(): Promise<MisbehavingServer> {
  return rawServer((socket, sent) => {
    const head = 'HTTP/1.1 200 OK\r\nApi-Version: 1.41\r\nContent-Type: application/json\r\nContent-Length: 4096\r\n\r\n{"Id":"';
    socket.write(head);
    sent(head.length);
  }, { unixDir: mkdtempSync(join(tmpdir(), 'pg-hang-docker-')) });
}

/** How far an HA websocket double goes before it falls silent. */
export type HaStall = 'no-greeting' | 'no-auth-ok' | 'no-subscribe-result';

/** An HA websocket double (`ws`) that completes the upgrade and then stops at `stall`. */
export async function stallingHaServer(stall: HaStall): Promise<MisbehavingServer> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, path: '/api/websocket' });
  const clients = new Set<WebSocket>();
  let bytes = 0;
  const send = (ws: WebSocket, msg: object) => {
    const text = JSON.stringify(msg);
    bytes += text.length;
    ws.send(text);
  };
  wss.on('connection', (ws) => {
    clients.add(ws);
    ws.on('close', () => clients.delete(ws));
    if (stall === 'no-greeting') return;
    send(ws, { type: 'auth_required', ha_version: '2025.10.1' });
    ws.on('message', (raw) => {
      const msg = JSON.parse(String(raw)) as { type?: string; id?: number };
      if (msg.type === 'auth' && stall === 'no-subscribe-result') send(ws, { type: 'auth_ok', ha_version: '2025.10.1' });
    });
  });
  await new Promise<void>((resolve) => wss.on('listening', resolve));
  return {
    address: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`,
    bytesSent: () => bytes,
    close: async () => {
      clients.forEach((c) => c.terminate());
      await new Promise((resolve) => wss.close(resolve));
    },
  };
}

/** Accepts TCP, reads the websocket upgrade request, never answers it. */
export async function silentUpgradeServer(): Promise<MisbehavingServer> {
  const server = await blackHoleServer();
  return { ...server, address: server.address.replace(/^http:/, 'ws:') };
}
