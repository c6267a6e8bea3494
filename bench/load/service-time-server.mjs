// A loopback HTTP server with a known service-time distribution, for the accuracy bench. Prints its port, then
// serves until killed (or LIFETIME_MS). MODE:
//   lognormal  every request is held MEDIAN_MS·exp(SIGMA·z) with a timer (the event loop stays free, so requests
//              never queue behind each other). z runs through standard-normal quantiles of the golden-ratio sequence
//              u_i = frac(SEED + i·0.618…), which is evenly spread over (0, 1): any few thousand consecutive service
//              times have the lognormal's quantiles up to ~1/n, so the truth is the analytic distribution, not a draw.
//   stall      every request is held BASE_MS; in addition the server "stalls" for STALL_MS at every multiple of
//              PERIOD_MS since start: a request arriving during a stall is held until the stall ends, then BASE_MS.
//              Timers only, nothing blocks, so there is no drain after a stall.
//   immediate  answers at once (the throughput bench's CPU-bound target).
//   blocking   answers at once but busy-waits STALL_MS at every multiple of PERIOD_MS (the old stall-server.mjs):
//              the event loop is blocked, requests queue in the kernel and drain one by one afterwards.
// Over IPC (when spawned with an ipc channel): {cmd:'reset'} clears the recorded service times; {cmd:'stats'} answers
// {count, p50, p95, p99} of the times recorded since, each from the request event to the response's 'finish', in ms.
import { createServer } from 'node:http';

const mode = process.env.MODE ?? 'lognormal';
const medianMs = Number(process.env.MEDIAN_MS ?? 80);
const sigma = Number(process.env.SIGMA ?? 0.3);
const baseMs = Number(process.env.BASE_MS ?? 80);
const stallMs = Number(process.env.STALL_MS ?? 100);
const periodMs = Number(process.env.PERIOD_MS ?? 1013);
const lifetimeMs = Number(process.env.LIFETIME_MS ?? 120_000);
const GOLDEN = (Math.sqrt(5) - 1) / 2;
let u = Number(process.env.SEED ?? 0.5);
let recorded = [];

const start = performance.now();
/** Time left in the current stall, in ms (0 outside a stall). */
function stallLeftMs(now) {
  const phase = (now - start) % periodMs;
  return phase < stallMs ? stallMs - phase : 0;
}

const server = createServer((_req, res) => {
  const arrived = performance.now();
  res.on('finish', () => recorded.push(performance.now() - arrived));
  const answer = () => res.end('{"status":"ok"}');
  if (mode === 'blocking' || mode === 'immediate') return answer();
  let holdMs;
  if (mode === 'stall') holdMs = stallLeftMs(arrived) + baseMs;
  else {
    u = (u + GOLDEN) % 1;
    holdMs = medianMs * Math.exp(sigma * inverseNormal(u));
  }
  // Node timers have whole-ms resolution; aim at the exact due time from the arrival.
  setTimeout(answer, Math.max(0, Math.round(arrived + holdMs - performance.now())));
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${server.address().port}\n`);
  if (mode === 'blocking') {
    let k = 1;
    const schedule = () =>
      setTimeout(() => {
        const until = performance.now() + stallMs;
        while (performance.now() < until) {
          // busy-wait on purpose: the whole process stops answering
        }
        k++;
        schedule();
      }, Math.max(0, start + k * periodMs - performance.now()));
    schedule();
  }
  setTimeout(() => process.exit(0), lifetimeMs).unref();
});

process.on('message', (message) => {
  if (message?.cmd === 'reset') recorded = [];
  if (message?.cmd === 'stats') {
    const sorted = [...recorded].sort((a, b) => a - b);
    const at = (q) => (sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]);
    process.send({ count: sorted.length, p50: at(0.5), p95: at(0.95), p99: at(0.99) });
  }
});
process.on('disconnect', () => process.exit(0));

// Acklam's rational approximation of the standard normal quantile (relative error < 1.2e-9).
function inverseNormal(p) {
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  if (p < 0.02425) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  if (p > 1 - 0.02425) return -inverseNormal(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}
