// DEP-0 "zero-downtime rolling deploy" (001 L1005-1006): every service answered a continuous probe for the whole
// rollout. The record comes from lib/probes/availability-probe.ts, run during the setup hook's rebuild; this module
// only judges it (pure). A single-replica `up -d --no-deps --force-recreate` stops the old container before the new
// one listens, so on compose the truthful outcome is a gap per recreated service (criteria.md D6.6).
import type { CheckResult, Evidence } from './check-result.js';

/** One probe of one service. */
export interface AvailabilitySample {
  /** Epoch ms the request started. */
  readonly atMs: number;
  /** 2xx within the probe's timeout. */
  readonly ok: boolean;
  /** Why it was not ok (`HTTP 503`, `connect ECONNREFUSED`). */
  readonly detail?: string;
  /**
   * On a failed sample: the longest the prober's own event loop was blocked while the request was in flight, ms. A
   * starved prober fires its timeout before it reads an answer that came, so such a failure says nothing of the
   * service (see {@link ZeroDowntimeCheck.starvedLagMs}). Absent when not measured.
   */
  readonly proberLagMs?: number;
}

/** When the rebuild recreated or restarted a service (from its progress events). */
export interface ChangeWindow {
  readonly service: string;
  /** `recreate` or `restart`. */
  readonly step: string;
  readonly startMs: number;
  /** Undefined when the step never reported its end. */
  readonly endMs?: number;
}

/** What a continuous availability probe saw during a rollout; serializable (vitest provide/inject). */
export interface AvailabilityRecord {
  /** Epoch ms the probe started and stopped. */
  readonly startedAtMs: number;
  readonly endedAtMs: number;
  /** Pause between two probes of one service, ms. */
  readonly intervalMs: number;
  readonly services: readonly { readonly service: string; readonly url: string; readonly samples: readonly AvailabilitySample[] }[];
  readonly changes: readonly ChangeWindow[];
}

/** A run of failed probes of one service. */
export interface AvailabilityGap {
  readonly service: string;
  /** First failed probe. */
  readonly fromMs: number;
  /** First ok probe after it, or the probe's end when none came. */
  readonly toMs: number;
  readonly failedProbes: number;
  readonly detail: string;
  /** True when the service came back before the probe stopped. */
  readonly recovered: boolean;
}

/** Default of {@link ZeroDowntimeCheck.starvedLagMs}, ms. */
export const DEFAULT_STARVED_LAG_MS = 1_000;

/** True when a failed sample is void: the prober itself was blocked at least `starvedLagMs` while it was in flight. */
export function proberStarved(sample: AvailabilitySample, starvedLagMs = DEFAULT_STARVED_LAG_MS): boolean {
  return !sample.ok && sample.proberLagMs !== undefined && sample.proberLagMs >= starvedLagMs;
}

/**
 * Every run of consecutive failed probes, per service, oldest first (pure). Samples the prober could not judge
 * (it was starved, {@link proberStarved}) are passed over: they neither open, extend nor close a gap.
 */
export function availabilityGaps(record: AvailabilityRecord, starvedLagMs = DEFAULT_STARVED_LAG_MS): AvailabilityGap[] {
  const gaps: AvailabilityGap[] = [];
  for (const s of record.services) {
    let open: { fromMs: number; failed: number; detail: string } | undefined;
    for (const sample of s.samples) {
      if (proberStarved(sample, starvedLagMs)) continue;
      if (!sample.ok) {
        open ??= { fromMs: sample.atMs, failed: 0, detail: sample.detail ?? 'not 2xx' };
        open.failed++;
      } else if (open) {
        gaps.push({ service: s.service, fromMs: open.fromMs, toMs: sample.atMs, failedProbes: open.failed, detail: open.detail, recovered: true });
        open = undefined;
      }
    }
    if (open) gaps.push({ service: s.service, fromMs: open.fromMs, toMs: record.endedAtMs, failedProbes: open.failed, detail: open.detail, recovered: false });
  }
  return gaps.sort((a, b) => a.fromMs - b.fromMs);
}

export interface ZeroDowntimeCheck {
  readonly criterionId: string;
  /**
   * `no-gap`: the plan's claim as written, any failed probe fails. `recreate-gap`: a service may be unavailable only
   * while the rebuild recreates or restarts it (and must come back); any other gap fails (config D6.6). @default 'no-gap'
   */
  readonly mode?: 'no-gap' | 'recreate-gap';
  /**
   * A failed probe during which the prober's own event loop was blocked this long or longer is not counted, ms: the
   * gate, not the service, was too slow to read the answer (a loaded host). More than 5% such probes make the
   * verdict undecidable. @default 1000
   */
  readonly starvedLagMs?: number;
}

/** Above this share of starved probes nothing is decided: the prober saw too little. */
const MAX_STARVED_SHARE = 0.05;

const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** Judges an availability record; `null` (no probe ran) fails: nothing proves the rollout kept services up. */
export function checkZeroDowntime(record: AvailabilityRecord | null, check: ZeroDowntimeCheck): CheckResult {
  const mode = check.mode ?? 'no-gap';
  const limit = mode === 'no-gap' ? '0 failed probes during the rollout' : 'unavailable only while the service itself is recreated';
  const base = { criterionId: check.criterionId, title: 'availability during the rollout', limit };
  if (!record) return { ...base, status: 'failed', message: 'no availability probe ran during the rollout (no rebuild in this gate, PHASEGATE_REBUILD=0), so nothing proves zero downtime' };
  const probes = record.services.reduce((n, s) => n + s.samples.length, 0);
  if (record.services.length === 0 || probes === 0) return { ...base, status: 'error', message: 'the availability probe took no samples (no service with a URL in the target)' };
  const starvedLagMs = check.starvedLagMs ?? DEFAULT_STARVED_LAG_MS;
  const starved = record.services.flatMap((s) => s.samples.filter((x) => proberStarved(x, starvedLagMs)));
  const worstLag = starved.reduce((ms, x) => Math.max(ms, x.proberLagMs ?? 0), 0);
  const starvedNote = starved.length > 0 ? `; ${starved.length} failed probe(s) not counted: the prober's own event loop was blocked up to ${secs(worstLag)} while they were in flight (limit ${secs(starvedLagMs)}), so their timeouts say nothing of the services` : '';
  if (starved.length > probes * MAX_STARVED_SHARE) {
    return { ...base, status: 'skipped', measurement: starved.length, message: `not decidable: ${starved.length} of ${probes} probes (more than ${MAX_STARVED_SHARE * 100}%) failed while the prober's own event loop was blocked up to ${secs(worstLag)}. hint: the host was too loaded to watch the rollout (load average, other jobs); re-run the gate on a quieter host` };
  }
  const gaps = availabilityGaps(record, starvedLagMs);
  const during = (g: AvailabilityGap) => record.changes.find((w) => w.service === g.service && g.fromMs >= w.startMs - record.intervalMs && g.toMs <= (w.endMs ?? record.endedAtMs) + record.intervalMs);
  const describe = (g: AvailabilityGap) => {
    const w = during(g);
    return `${g.service} unavailable ${secs(g.toMs - g.fromMs)} (${g.failedProbes} failed probe(s), ${g.detail})${w ? ` during its ${w.step}` : ' outside any recreate of it'}${g.recovered ? '' : ', not back when the probe stopped'}`;
  };
  const counted = mode === 'no-gap' ? gaps : gaps.filter((g) => !g.recovered || during(g) === undefined);
  const window = `${secs(record.endedAtMs - record.startedAtMs)} of rollout, ${record.services.length} services probed every ${record.intervalMs} ms (${probes} probes)`;
  const evidence: Evidence[] = gaps.map((g) => ({ label: `${g.service} gap`, value: describe(g) }));
  const worst = gaps.reduce((ms, g) => Math.max(ms, g.toMs - g.fromMs), 0);
  if (counted.length > 0) {
    const hint = mode === 'no-gap'
      ? 'a single container recreated by `up -d --no-deps` is down while it restarts: zero downtime needs a second replica behind a proxy (criteria.md D6.6); config contradictions["D6.6"]: "recreate-gap" judges per-service gaps instead'
      : 'a service was unavailable while it was not being recreated: a dependency restart or a crash';
    return { ...base, status: 'failed', measurement: Math.round(worst), evidence, message: `${counted.length} availability gap(s) in ${window}: ${counted.map(describe).join('; ')}${starvedNote}. hint: ${hint}` };
  }
  if (gaps.length > 0) {
    return { ...base, status: 'passed', measurement: Math.round(worst), evidence, message: `${window}: ${gaps.length} gap(s), each only while the service itself was recreated, and it came back (D6.6 recreate-gap; the longest ${secs(worst)}): ${gaps.map(describe).join('; ')}${starvedNote}` };
  }
  return { ...base, status: 'passed', measurement: 0, evidence, message: `${starved.length > 0 ? 'every counted probe' : 'every probe'} answered 2xx in ${window}${starvedNote}` };
}
