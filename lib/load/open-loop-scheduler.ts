// Open-loop, fixed-rate load on node:http with a keep-alive agent, timed from each intended send time.
import { Agent, request, type ClientRequest } from 'node:http';
import type { Clock } from '../common/clock.js';
import type { Logger } from '../common/logger.js';
import type { EndpointRunControl } from './abort-on-fail.js';
import { EndpointRecorder, errorKind } from './endpoint-recorder.js';
import type { LoadEndpoint, LoadPlan } from './load-plan.js';
import type { EndpointLoadSummary } from './load-summary.js';

/**
 * Sends request i at `start + i/rate` whatever happened to earlier requests, and records
 * `completion − intended send time`. A stall therefore shows up in every request that *should* have been
 * sent during it (coordinated-omission correct). autocannon's `overallRate` mode measures from the actual
 * send, which hides the stall (toolchain.md §7: tails ~8× too low), so this mode does not use autocannon.
 * At most `connections` sockets are open; requests beyond that queue in the agent, and the queueing counts.
 * Aborting `control.signal` ends the run at once (abortOnFail): nothing more is sent, open requests are dropped.
 */
export async function runOpenLoop(endpoint: LoadEndpoint, plan: LoadPlan, clock: Clock, log: Logger, control: EndpointRunControl = {}): Promise<EndpointLoadSummary> {
  const ratePerSec = plan.ratePerSec!;
  const intervalMs = 1000 / ratePerSec;
  const total = Math.min(plan.maxRequests, Math.floor(((plan.warmupMs + plan.durationMs) / 1000) * ratePerSec));
  const agent = new Agent({ keepAlive: true, maxSockets: plan.connections });
  const recorder = new EndpointRecorder();
  const inFlight = new Map<ClientRequest, number>();
  const start = clock.monotonicMs();
  const measureFrom = start + plan.warmupMs;
  const intended = (i: number) => start + i * intervalMs;
  let next = 0;
  let settled = 0;
  let lastMeasuredEnd = measureFrom;
  let maxSendLagMs = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let closed = false;
  let aborted = false;
  const summarize = (measuredMs: number) =>
    recorder.summarize(endpoint, {
      mode: 'open',
      connections: plan.connections,
      warmupMs: plan.warmupMs,
      measuredMs,
      intendedRate: ratePerSec,
      maxSendLagMs,
      minAchievedRateRatio: plan.minAchievedRateRatio,
    });
  control.onProgress?.(() => summarize(Math.max(0, clock.monotonicMs() - measureFrom)));
  log(`Loading ${endpoint.name} open-loop at ${ratePerSec} req/s, ${total} requests`);

  return new Promise<EndpointLoadSummary>((resolve) => {
    const finish = () => {
      if (closed) return;
      closed = true;
      if (timer !== undefined) clearTimeout(timer);
      clearTimeout(deadline);
      control.signal?.removeEventListener('abort', onAbort);
      for (const req of inFlight.keys()) req.destroy();
      agent.destroy();
      // The window ends at the schedule's end or the last measured completion, whichever is later; an aborted run's
      // window ends at the abort.
      const measuredMs = aborted ? Math.max(0, clock.monotonicMs() - measureFrom) : Math.max(plan.durationMs, lastMeasuredEnd - measureFrom);
      log(`Loaded ${endpoint.name}: ${recorder.responses} responses, ${recorder.errorCount} errors${aborted ? ' (aborted)' : ''}`);
      resolve(summarize(measuredMs));
    };
    const onAbort = () => {
      aborted = true;
      finish();
    };
    const done = (i: number, sentAt: number, outcome: { status: number } | { error: string }) => {
      settled++;
      const t = clock.monotonicMs();
      if (intended(i) >= measureFrom) {
        if ('status' in outcome) {
          recorder.recordResponse(outcome.status, t - intended(i));
          recorder.recordFromSend(t - sentAt);
        } else recorder.recordError(outcome.error);
        lastMeasuredEnd = Math.max(lastMeasuredEnd, t);
      }
      if (settled === total && next === total) finish();
    };
    const send = (i: number) => {
      recorder.sent++;
      const sentAt = clock.monotonicMs();
      const lag = sentAt - intended(i);
      maxSendLagMs = Math.max(maxSendLagMs, lag);
      if (intended(i) >= measureFrom) recorder.recordSendLag(lag);
      let finished = false;
      let bound: ReturnType<typeof setTimeout> | undefined;
      const once = (outcome: { status: number } | { error: string }) => {
        if (finished || closed) return;
        finished = true;
        clearTimeout(bound);
        inFlight.delete(req);
        done(i, sentAt, outcome);
      };
      const timedOut = () => {
        once({ error: 'timeout' });
        req.destroy();
      };
      const req = request(endpoint.url, { agent, method: endpoint.method, headers: endpoint.headers, timeout: plan.timeoutMs }, (res) => {
        res.on('end', () => once({ status: res.statusCode ?? 0 }));
        res.on('error', (error) => once({ error: errorKind(error) }));
        res.resume();
      });
      inFlight.set(req, i);
      // `timeout` above is a socket idle bound; a response that drips a byte at a time never goes idle. This one
      // bounds the whole exchange, counted (like the idle bound) from when the agent hands the request a socket.
      req.once('socket', () => {
        if (!finished && !closed) bound = setTimeout(timedOut, plan.timeoutMs);
      });
      req.on('timeout', timedOut);
      req.on('error', (error) => once({ error: errorKind(error) }));
      req.end(endpoint.body);
    };
    const tick = () => {
      timer = undefined;
      const now = clock.monotonicMs();
      while (next < total && intended(next) <= now) send(next++);
      if (next < total) timer = setTimeout(tick, Math.max(0, intended(next) - clock.monotonicMs()));
    };
    // Hard bound: schedule length plus one request timeout; whatever is still open then is a timeout.
    const deadline = setTimeout(() => {
      for (const i of inFlight.values()) if (intended(i) >= measureFrom) recorder.recordError('timeout');
      finish();
    }, plan.warmupMs + plan.durationMs + plan.timeoutMs);
    control.signal?.addEventListener('abort', onAbort, { once: true });
    if (total === 0 || control.signal?.aborted) finish();
    else tick();
  });
}
