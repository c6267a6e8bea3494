// A continuous availability probe for DEP-0 (zero downtime): every target URL is GET-ed every `intervalMs` from
// start() to stop(), each request bounded by `timeoutMs`; rebuild progress events mark when a service was recreated.
// The record is judged by lib/checks/check-availability.ts.
import type { AvailabilityRecord, AvailabilitySample, ChangeWindow } from '../checks/check-availability.js';
import { SystemClock, type Clock } from '../common/clock.js';
import type { RebuildEvent } from '../rebuild/events.js';
import { HttpProbe } from './http-probe.js';

/** One URL to keep probing (a service's health endpoint). */
export interface AvailabilityTarget {
  readonly service: string;
  readonly url: string;
}

export interface AvailabilityProbeOptions {
  readonly targets: readonly AvailabilityTarget[];
  /** Pause between two probes of one service, ms. @default 500 */
  readonly intervalMs?: number;
  /** Bound on one probe, ms (a slower answer counts as unavailable). @default 2000 */
  readonly timeoutMs?: number;
  /** @default new HttpProbe() */
  readonly probe?: HttpProbe;
  /** @default new SystemClock() */
  readonly clock?: Clock;
  /**
   * Period of the prober's own event-loop watch, ms: a tick that comes late by L ms means the loop was blocked for L
   * ms, and a failed probe in flight then carries that as `proberLagMs`. @default 100
   */
  readonly lagTickMs?: number;
}

/** A late tick of the lag watch: the loop was blocked from `atMs - lagMs` to `atMs`. */
interface LagEntry {
  readonly atMs: number;
  readonly lagMs: number;
}

/** Lateness under this is scheduling noise, not a stall, ms. */
const LAG_NOISE_MS = 50;

/** Probes until stopped; never throws (a failed request is a sample, not an error). */
export class AvailabilityProbe {
  readonly #targets: readonly AvailabilityTarget[];
  readonly #intervalMs: number;
  readonly #timeoutMs: number;
  readonly #probe: HttpProbe;
  readonly #clock: Clock;
  readonly #samples = new Map<string, AvailabilitySample[]>();
  readonly #changes: { service: string; step: string; startMs: number; endMs?: number }[] = [];
  readonly #stop = new AbortController();
  readonly #lagTickMs: number;
  readonly #lags: LagEntry[] = [];
  /** Each failed sample's request span (start to end, ms): stop() returns the sample with the prober's lag in it. */
  readonly #failedSpans = new Map<AvailabilitySample, { readonly fromMs: number; readonly toMs: number }>();
  #loops: Promise<void>[] = [];
  #startedAtMs = 0;

  constructor(options: AvailabilityProbeOptions) {
    this.#targets = options.targets;
    this.#intervalMs = options.intervalMs ?? 500;
    this.#timeoutMs = options.timeoutMs ?? 2_000;
    this.#probe = options.probe ?? new HttpProbe();
    this.#clock = options.clock ?? new SystemClock();
    this.#lagTickMs = options.lagTickMs ?? 100;
  }

  start(): this {
    this.#startedAtMs = this.#clock.now();
    this.#loops = [...this.#targets.map((t) => this.#loop(t)), this.#watchLag()];
    return this;
  }

  /**
   * Feed of the rebuild's progress: a `recreate`/`restart` step of a service opens its change window, and the window
   * closes when the executor has seen the service ready (the end of its `ready` wait; the end of the step itself when
   * no wait follows). `up -d` returns once the container started, before the process listens: a gap in that start-up
   * belongs to the recreate, not "outside any recreate" (seen on Day 2: carbon-intensity refused for 1.5 s after it).
   */
  readonly onRebuildEvent = (event: RebuildEvent): void => {
    if (event.kind === 'step-end' && event.step === 'ready') {
      const last = this.#changes.findLast((w) => w.service === event.service && w.endMs !== undefined);
      if (last) last.endMs = Math.max(last.endMs!, this.#clock.now());
      return;
    }
    if ((event.kind !== 'step-start' && event.kind !== 'step-end') || (event.step !== 'recreate' && event.step !== 'restart' && event.step !== 'rollback')) return;
    // A wave recreates its services in one `up` (lib/rebuild/run-rebuild.ts labels the step `a, b`): a window each.
    for (const service of event.service.split(', ')) {
      if (event.kind === 'step-start') this.#changes.push({ service, step: event.step, startMs: this.#clock.now() });
      else {
        const open = this.#changes.findLast((w) => w.service === service && w.step === event.step && w.endMs === undefined);
        if (open) open.endMs = this.#clock.now();
      }
    }
  };

  /** Stops probing (the request in flight finishes, bounded) and returns what was seen. */
  async stop(): Promise<AvailabilityRecord> {
    this.#stop.abort();
    await Promise.all(this.#loops);
    const withLag = (sample: AvailabilitySample): AvailabilitySample => {
      const span = this.#failedSpans.get(sample);
      return span ? { ...sample, proberLagMs: this.#longestStall(span.fromMs, span.toMs) } : sample;
    };
    return {
      startedAtMs: this.#startedAtMs,
      endedAtMs: this.#clock.now(),
      intervalMs: this.#intervalMs,
      services: this.#targets.map((t) => ({ service: t.service, url: t.url, samples: (this.#samples.get(t.service) ?? []).map(withLag) })),
      changes: this.#changes.map((w): ChangeWindow => ({ service: w.service, step: w.step, startMs: w.startMs, ...(w.endMs === undefined ? {} : { endMs: w.endMs }) })),
    };
  }

  /** The longest stall of this process's event loop that overlapped [fromMs, toMs], in whole milliseconds (0: none). */
  #longestStall(fromMs: number, toMs: number): number {
    const overlapping = this.#lags.filter((l) => l.atMs - l.lagMs < toMs && l.atMs > fromMs);
    return Math.round(overlapping.reduce((ms, l) => Math.max(ms, l.lagMs), 0));
  }

  /** Notes every stall of this process's event loop (a tick that came late), for the failed samples' `proberLagMs`. */
  async #watchLag(): Promise<void> {
    while (!this.#stop.signal.aborted) {
      const before = this.#clock.monotonicMs();
      try {
        await this.#clock.sleep(this.#lagTickMs, this.#stop.signal);
      } catch {
        return;
      }
      const lagMs = this.#clock.monotonicMs() - before - this.#lagTickMs;
      if (lagMs >= LAG_NOISE_MS) this.#lags.push({ atMs: this.#clock.now(), lagMs });
    }
  }

  async #loop(target: AvailabilityTarget): Promise<void> {
    const samples: AvailabilitySample[] = [];
    this.#samples.set(target.service, samples);
    while (!this.#stop.signal.aborted) {
      const atMs = this.#clock.now();
      const r = await this.#probe.get(target.url, { timeoutMs: this.#timeoutMs });
      const ok = r.status !== undefined && r.status >= 200 && r.status < 300 && r.error === undefined;
      if (ok) samples.push({ atMs, ok });
      else {
        const sample: AvailabilitySample = { atMs, ok, detail: r.status === undefined ? (r.error ?? 'no answer') : `HTTP ${r.status}` };
        samples.push(sample);
        this.#failedSpans.set(sample, { fromMs: atMs, toMs: this.#clock.now() });
      }
      try {
        await this.#clock.sleep(this.#intervalMs, this.#stop.signal);
      } catch {
        return;
      }
    }
  }
}
