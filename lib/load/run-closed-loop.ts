// Closed-loop load through autocannon, with every response's exact fractional-ms latency recorded.
import autocannon from 'autocannon';
import type { Clock } from '../common/clock.js';
import type { Logger } from '../common/logger.js';
import type { EndpointRunControl } from './abort-on-fail.js';
import { EndpointRecorder, errorKind } from './endpoint-recorder.js';
import type { LoadEndpoint, LoadPlan } from './load-plan.js';
import type { EndpointLoadSummary } from './load-summary.js';

/**
 * Keeps `connections` requests in flight for `warmupMs + durationMs` or until `maxRequests` were sent.
 * autocannon's own histogram is whole-millisecond with no p(95), so latencies come from its `response`
 * event (`responseTime`, fractional ms) into our HDR histogram. Closed-loop latencies are measured from the
 * actual send: a stalled server slows the sender too, so tails are under-reported (coordinated omission).
 * Use it for throughput; use the open loop for latency budgets. Aborting `control.signal` stops autocannon early.
 */
export async function runClosedLoop(endpoint: LoadEndpoint, plan: LoadPlan, clock: Clock, log: Logger, control: EndpointRunControl = {}): Promise<EndpointLoadSummary> {
  const recorder = new EndpointRecorder();
  const start = clock.monotonicMs();
  const measureFrom = start + plan.warmupMs;
  const totalMs = plan.warmupMs + plan.durationMs;
  let measureEnd = start + totalMs;
  const summarize = (measuredMs: number) =>
    recorder.summarize(endpoint, { mode: 'closed', connections: plan.connections, warmupMs: plan.warmupMs, measuredMs, minAchievedRateRatio: plan.minAchievedRateRatio });
  control.onProgress?.(() => summarize(Math.max(0, clock.monotonicMs() - measureFrom)));
  log(`Loading ${endpoint.name} closed-loop with ${plan.connections} connections for ${totalMs}ms`);
  await new Promise<void>((resolve, reject) => {
    let stopped = false;
    const instance = autocannon(
      {
        url: endpoint.url,
        method: endpoint.method,
        headers: endpoint.headers,
        ...(endpoint.body === undefined ? {} : { body: endpoint.body }),
        connections: plan.connections,
        // Seconds; our own timer below stops the run on time as well.
        duration: totalMs / 1000,
        timeout: Math.max(1, Math.ceil(plan.timeoutMs / 1000)),
        // Each connection stops after its share of maxRequests.
        maxOverallRequests: plan.maxRequests,
        // autocannon only notices stop() on its sampling tick (default 1 s); tick every 50 ms instead.
        sampleInt: 50,
      },
      (error: unknown) => {
        clearTimeout(guard);
        control.signal?.removeEventListener('abort', stop);
        if (error) reject(error instanceof Error ? error : new Error(String(error)));
        else resolve();
      },
    );
    const stop = () => {
      if (stopped) return;
      stopped = true;
      measureEnd = Math.min(measureEnd, clock.monotonicMs());
      instance.stop();
    };
    const guard = setTimeout(stop, totalMs + 100);
    control.signal?.addEventListener('abort', stop, { once: true });
    if (control.signal?.aborted) stop();
    // autocannon emits 'response' after the request is complete, so each one has been sent.
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      recorder.sent++;
      if (clock.monotonicMs() >= measureFrom) recorder.recordResponse(statusCode, responseTime);
      if (recorder.sent + recorder.errorCount >= plan.maxRequests) stop();
    });
    instance.on('reqError', (error: unknown) => {
      recorder.sent++;
      if (clock.monotonicMs() >= measureFrom) recorder.recordError(errorKind(error));
      if (recorder.sent >= plan.maxRequests) stop();
    });
  });
  const measuredMs = Math.max(0, Math.min(measureEnd, clock.monotonicMs()) - measureFrom);
  log(`Loaded ${endpoint.name}: ${recorder.responses} responses, ${recorder.errorCount} errors`);
  return summarize(measuredMs);
}
