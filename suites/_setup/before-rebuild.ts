// What the setup hook measures on the target just before its rebuild, for the checks that compare before and after:
// the latency baseline of P1-SC7 and InfluxDB's point count of P1-S3-AC5.
import { createBaseline, homeiqRegressionEndpoints, type Baseline } from '../../lib/baselines/index.js';
import { snapshotPoints, type PointSnapshot } from '../../lib/checks/check-no-data-loss.js';
import { FluxClient } from '../../lib/influx/index.js';
import { AutocannonRunner, measureRegression } from '../../lib/load/index.js';
import type { Plan } from '../../lib/plans/schema.js';
import type { StartedReferenceStack } from '../../lib/stack/index.js';

/** Options of {@link measureBeforeRebuild}. */
export interface BeforeRebuildOptions {
  readonly suite: string;
  readonly plan: Plan;
  readonly started: StartedReferenceStack;
  /** The reference `.env` (API key, InfluxDB token, org, bucket). */
  readonly dotenv: Readonly<Record<string, string>>;
  /** Config `baseline.source`: `file` needs no measurement here. */
  readonly baselineSource: 'auto' | 'file' | 'pre-rebuild';
  readonly log: (line: string) => void;
}

/** The measurements taken before the rebuild. */
export interface BeforeRebuild {
  /** The "Phase 0 baseline" of P1-SC7; absent with `baseline.source: file`. */
  readonly baseline?: Baseline;
  /** InfluxDB's points before the plan restarts it (P1-S3-AC5); null when the plan does not touch InfluxDB. */
  readonly points: { readonly event: string; readonly snapshot: PointSnapshot } | null;
}

/**
 * The same machine and hour as the measurements after the rebuild, so the two compare fairly (latency), and a closed
 * window of points that a restart must not lose.
 */
export async function measureBeforeRebuild(options: BeforeRebuildOptions): Promise<BeforeRebuild> {
  const { started, dotenv, log } = options;
  let baseline: Baseline | undefined;
  if (options.baselineSource !== 'file') {
    const endpoints = homeiqRegressionEndpoints({ urls: started.urls(), apiKey: dotenv.API_KEY ?? '' });
    const t0 = Date.now();
    log(`[baseline] measuring ${endpoints.length} endpoints before the rebuild (the P1-SC7 baseline)`);
    const { measurement } = await measureRegression({ endpoints, runner: new AutocannonRunner() });
    log(`[baseline] ${measurement.endpoints.map((e) => `${e.name} p95 ${e.latency.p95Ms.toFixed(1)} ms`).join(', ')} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
    baseline = createBaseline({ target: 'reference', phase: `${options.suite}-pre-rebuild`, fingerprint: measurement.fingerprint, endpoints: measurement.endpoints });
  }
  const influxStep = options.plan.steps.find((step) => step.services.includes('influxdb'));
  let points: BeforeRebuild['points'] = null;
  if (influxStep) {
    const influx = new FluxClient({ url: started.url('influxdb'), token: dotenv.INFLUXDB_TOKEN ?? '', org: dotenv.INFLUXDB_ORG ?? 'homeiq' });
    const snapshot = await snapshotPoints({ influx: influx.typed, bucket: dotenv.INFLUXDB_BUCKET ?? 'home_assistant_events', stop: new Date() });
    points = { event: `the ${influxStep.action} of influxdb (step ${influxStep.id})`, snapshot };
    log(`[rebuild] InfluxDB holds ${snapshot.count} points before ${points.event}`);
  }
  return { ...(baseline ? { baseline } : {}), points };
}
