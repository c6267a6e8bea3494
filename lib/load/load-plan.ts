// The load plan: what to hit, how (closed or open loop), and the bounds every run obeys.
import { z } from 'zod';

/** One endpoint to load. */
export const loadEndpointSchema = z.strictObject({
  /** Label in reports and the `endpoint` tag of budget metrics. */
  name: z.string().min(1),
  /** Absolute http URL on a loopback host. */
  url: z.string().min(1),
  /** @default 'GET' */
  method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD']).default('GET'),
  /** Request headers (values are secret-masked in every message). @default {} */
  headers: z.record(z.string(), z.string()).default({}),
  /** Request body, sent as is. */
  body: z.string().optional(),
});

/**
 * A load run. `closed` keeps `connections` requests in flight (max throughput; hides stalls);
 * `open` sends at a fixed `ratePerSec` whatever the server does and times each request from its
 * intended send time (coordinated-omission correct).
 */
export const loadPlanSchema = z
  .strictObject({
    endpoints: z.array(loadEndpointSchema).min(1),
    /** @default 'open' */
    mode: z.enum(['closed', 'open']).default('open'),
    /** Closed loop: requests in flight. Open loop: maximum sockets (requests beyond it queue, and the queueing counts). @default 10 */
    connections: z.number().int().positive().max(1000).default(10),
    /** Open loop only: intended requests per second, per endpoint. */
    ratePerSec: z.number().positive().max(100_000).optional(),
    /** Measured time per endpoint, in ms (after the warm-up). */
    durationMs: z.number().int().positive().max(600_000),
    /** Time per endpoint before measuring, in ms; its responses are not counted. @default 0 */
    warmupMs: z.number().int().nonnegative().max(120_000).default(0),
    /** Hard cap on requests sent per endpoint, warm-up included. @default 100_000 */
    maxRequests: z.number().int().positive().default(100_000),
    /** Per-request bound, in ms; slower requests count as `timeout` errors. @default 10_000 */
    timeoutMs: z.number().int().positive().default(10_000),
    /** Open loop: the run fails when completed/intended rate is below this. @default 0.95 */
    minAchievedRateRatio: z.number().min(0).max(1).default(0.95),
  })
  .superRefine((plan, ctx) => {
    if (plan.mode === 'open' && plan.ratePerSec === undefined) {
      ctx.issues.push({ code: 'custom', message: 'open-loop mode needs ratePerSec (intended requests per second)', input: plan, path: ['ratePerSec'] });
    }
  });

/** A plan as written. */
export type LoadPlanInput = z.input<typeof loadPlanSchema>;
/** A plan with defaults applied. */
export type LoadPlan = z.output<typeof loadPlanSchema>;
/** One endpoint with defaults applied. */
export type LoadEndpoint = z.output<typeof loadEndpointSchema>;
