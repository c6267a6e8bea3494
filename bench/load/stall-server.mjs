// A loopback HTTP server that answers at once but blocks its event loop for STALL_MS at every multiple of
// PERIOD_MS since start (self-correcting, so the period is exact). Prints its port, then serves until killed.
import { createServer } from 'node:http';

const stallMs = Number(process.env.STALL_MS ?? 100);
const periodMs = Number(process.env.PERIOD_MS ?? 1000);
const lifetimeMs = Number(process.env.LIFETIME_MS ?? 60_000);
const server = createServer((_req, res) => res.end('{"status":"ok"}'));
server.keepAliveTimeout = 30_000;
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${server.address().port}\n`);
  const start = performance.now();
  let k = 1;
  const schedule = () => {
    setTimeout(() => {
      const until = performance.now() + stallMs;
      while (performance.now() < until) {
        // busy-wait on purpose: the whole process stops answering
      }
      k++;
      schedule();
    }, Math.max(0, start + k * periodMs - performance.now()));
  };
  schedule();
  // Never outlive the bench, even if it dies without killing us.
  setTimeout(() => process.exit(0), lifetimeMs).unref();
});
