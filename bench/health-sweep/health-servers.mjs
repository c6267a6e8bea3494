// Stand-in health endpoints for bench/health-sweep/sweep.ts, in their own process (as the real services are):
// reads a JSON list of { path, delayMs, type, body } from SPEC, starts one loopback server per entry on an ephemeral
// port, prints the ports as one JSON line, then serves until killed (or LIFETIME_MS).
import { createServer } from 'node:http';

const spec = JSON.parse(process.env.SPEC ?? '[]');
const lifetimeMs = Number(process.env.LIFETIME_MS ?? 600_000);
const ports = [];
for (const { path, delayMs, type, body } of spec) {
  const server = createServer((req, res) => {
    setTimeout(() => {
      if (req.url !== path) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { 'content-type': type, 'content-length': Buffer.byteLength(body) }).end(body);
    }, delayMs);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  ports.push(server.address().port);
}
process.stdout.write(`${JSON.stringify(ports)}\n`);
// Never outlive the bench, even if it dies without killing us.
setTimeout(() => process.exit(0), lifetimeMs).unref();
