// Phase 0, Story 2 and 5: what Docker's inspect of one container proves (pure: the caller inspects). Env vars present
// (P0-S2-AC2c), log rotation (P0-S5-AC2c), a container watched over a window (P0-S2-AC3d, P0-001-T2), the recovery
// procedure (P0-S2-T3), and roll-ups of several results into one criterion (P0-SC2, P0-SC4).
import type { CheckResult } from './check-result.js';
import type { ContainerSnapshot } from './container-state-source.js';
import { SystemClock, type Clock } from '../common/clock.js';
import { maskSecrets } from '../common/secrets.js';

const human = (ms: number) => (ms >= 3_600_000 ? `${(ms / 3_600_000).toFixed(1)} h` : ms >= 60_000 ? `${(ms / 60_000).toFixed(1)} min` : `${(ms / 1000).toFixed(0)} s`);

/** A required variable: present and non-empty under any of these names (HomeIQ reads `HA_HTTP_URL` or `HOME_ASSISTANT_URL`). */
export interface RequiredEnvVar {
  /** What it is for (`Home Assistant URL`). */
  readonly what: string;
  /** Accepted names, first preferred. */
  readonly anyOf: readonly string[];
}

/**
 * What websocket-ingestion reads (homeiq-facts.md §websocket-ingestion): the HA URL and token under either name, and
 * the InfluxDB URL, token, org and bucket.
 */
export const WEBSOCKET_REQUIRED_ENV: readonly RequiredEnvVar[] = [
  { what: 'Home Assistant URL', anyOf: ['HA_HTTP_URL', 'HOME_ASSISTANT_URL', 'HA_WS_URL', 'HA_URL'] },
  { what: 'Home Assistant token', anyOf: ['HA_TOKEN', 'HOME_ASSISTANT_TOKEN'] },
  { what: 'InfluxDB URL', anyOf: ['INFLUXDB_URL'] },
  { what: 'InfluxDB token', anyOf: ['INFLUXDB_TOKEN'] },
  { what: 'InfluxDB org', anyOf: ['INFLUXDB_ORG'] },
  { what: 'InfluxDB bucket', anyOf: ['INFLUXDB_BUCKET'] },
];

/** Options of {@link checkEnvVars}. */
export interface EnvVarsCheck {
  /** @default 'P0-S2-AC2c' */
  readonly criterionId?: string;
  /** Compose service (`websocket-ingestion`). */
  readonly service: string;
  /** Variables that must be set. @default WEBSOCKET_REQUIRED_ENV */
  readonly required?: readonly RequiredEnvVar[];
  /** Name prefixes of which every variable present must be non-empty. @default ['HA_', 'HOME_ASSISTANT_', 'INFLUX'] */
  readonly prefixes?: readonly string[];
}

/**
 * P0-S2-AC2c: the `HA_*` / `INFLUX*` variables of a container are present and non-empty. `env` is the container's
 * `Config.Env` (`NAME=value` strings) or a record. Messages name variables, never values.
 */
export function checkEnvVars(env: readonly string[] | Readonly<Record<string, string>>, check: EnvVarsCheck): CheckResult {
  const vars = Array.isArray(env) ? Object.fromEntries((env as readonly string[]).map((e) => [e.split('=', 1)[0]!, e.slice(e.indexOf('=') + 1)])) : (env as Readonly<Record<string, string>>);
  const required = check.required ?? WEBSOCKET_REQUIRED_ENV;
  const prefixes = check.prefixes ?? ['HA_', 'HOME_ASSISTANT_', 'INFLUX'];
  const set = (name: string) => vars[name] !== undefined && vars[name].trim() !== '';
  const missing = required.filter((r) => !r.anyOf.some(set)).map((r) => `${r.what} (${r.anyOf.join(' or ')})`);
  const empty = Object.keys(vars).filter((n) => prefixes.some((p) => n.startsWith(p)) && !set(n)).sort();
  const found = required.map((r) => r.anyOf.find(set)).filter((n): n is string => n !== undefined);
  const base = { criterionId: check.criterionId ?? 'P0-S2-AC2c', title: `${check.service} environment (HA_*, INFLUX*)`, limit: `${required.length} variables present and non-empty`, evidence: [{ label: 'variables set (values not shown)', value: found.join(', ') }] };
  if (missing.length > 0 || empty.length > 0) {
    const parts = [...(missing.length ? [`missing or empty: ${missing.join(', ')}`] : []), ...(empty.length ? [`set but empty: ${empty.join(', ')}`] : [])];
    return { ...base, status: 'failed', measurement: missing.length + empty.length, message: maskSecrets(`${check.service}: ${parts.join('; ')}. hint: set them in .env (template infrastructure/env.example) or the service's environment: block, then recreate the container`) };
  }
  return { ...base, status: 'passed', measurement: 0, message: `${check.service}: ${found.length} required variables set and non-empty (${found.join(', ')}; values not shown)` };
}

/** `HostConfig.LogConfig` of a container, as Docker's inspect returns it. */
export interface LogConfigEntry {
  readonly service: string;
  readonly name: string;
  /** `{ Type: 'json-file', Config: { 'max-size': '10m', 'max-file': '3' } }`; undefined when inspect had none. */
  readonly logConfig?: { readonly Type?: string; readonly Config?: Readonly<Record<string, string>> };
}

/** Options of {@link checkLogRotation}. */
export interface LogRotationCheck {
  /** @default 'P0-S5-AC2c' */
  readonly criterionId?: string;
  /** Largest allowed `max-size`, in bytes. @default 10485760 (10 MB, 001 L63) */
  readonly maxSizeBytes?: number;
  /** Largest allowed `max-file`. @default 3 (001 L63) */
  readonly maxFiles?: number;
}

/** Docker's size notation (`10m`, `500k`, `1g`, `1024`) in bytes, or undefined when unreadable. */
export function parseDockerSize(text: string | undefined): number | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([kmg]?)b?\s*$/i.exec(text ?? '');
  if (!m) return undefined;
  const unit = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[m[2]!.toLowerCase() as '' | 'k' | 'm' | 'g'];
  return Math.round(Number(m[1]) * unit);
}

/** Drivers that rotate by themselves (journald, syslog …) or keep nothing locally (`none`). */
const SELF_ROTATING = new Set(['journald', 'syslog', 'none', 'gelf', 'fluentd', 'awslogs', 'splunk', 'etwlogs', 'gcplogs', 'logentries']);

/**
 * P0-S5-AC2c: every container's log driver rotates: `json-file`/`local` with `max-size` ≤ 10 MB and `max-file` ≤ 3
 * (001 L63), or a driver that does not grow a local file. `json-file` without `max-size` grows without bound.
 */
export function checkLogRotation(entries: readonly LogConfigEntry[], check: LogRotationCheck = {}): CheckResult {
  const maxSize = check.maxSizeBytes ?? 10 * 1024 * 1024;
  const maxFiles = check.maxFiles ?? 3;
  const limit = `json-file max-size <= ${(maxSize / 1024 / 1024).toFixed(0)}m, max-file <= ${maxFiles}`;
  const base = { criterionId: check.criterionId ?? 'P0-S5-AC2c', title: 'container log rotation', limit };
  if (entries.length === 0) return { ...base, status: 'error', message: 'no container to judge: the project has no containers' };
  const bad: string[] = [];
  for (const e of entries) {
    const type = e.logConfig?.Type ?? 'unknown';
    if (SELF_ROTATING.has(type)) continue;
    const cfg = e.logConfig?.Config ?? {};
    if (type !== 'json-file' && type !== 'local') {
      bad.push(`${e.service} (${e.name}): log driver ${type} is not known to rotate`);
      continue;
    }
    const size = parseDockerSize(cfg['max-size']);
    // The `local` driver rotates by default (20 MB × 5); json-file does not rotate at all without max-size.
    const files = cfg['max-file'] === undefined ? (type === 'local' ? 5 : 1) : Number(cfg['max-file']);
    if (size === undefined && type === 'json-file') bad.push(`${e.service} (${e.name}): json-file without max-size (the log grows without bound)`);
    else if ((size ?? 20 * 1024 * 1024) > maxSize) bad.push(`${e.service} (${e.name}): max-size ${cfg['max-size'] ?? '20m (local default)'} > ${(maxSize / 1024 / 1024).toFixed(0)}m`);
    else if (!Number.isFinite(files) || files > maxFiles) bad.push(`${e.service} (${e.name}): max-file ${cfg['max-file'] ?? 'default'} > ${maxFiles}`);
  }
  if (bad.length > 0) {
    return { ...base, status: 'failed', measurement: bad.length, message: `${bad.length} of ${entries.length} container(s) without the plan's log rotation: ${bad.slice(0, 5).join('; ')}${bad.length > 5 ? `; … ${bad.length - 5} more` : ''}. hint: add logging: { driver: json-file, options: { max-size: "10m", max-file: "3" } } to each service, or set log-opts in /etc/docker/daemon.json and recreate the containers` };
  }
  return { ...base, status: 'passed', measurement: 0, message: `${entries.length} container(s) rotate their logs (${[...new Set(entries.map((e) => e.logConfig?.Type ?? 'unknown'))].join(', ')}; ${limit})` };
}

/** One sample of a watched container. */
export interface WatchSample {
  /** Epoch ms the sample was taken. */
  readonly atMs: number;
  /** The container then, or undefined when it had no container (or inspect failed: `error`). */
  readonly state?: ContainerSnapshot;
  /** Why there is no state (inspect failed). */
  readonly error?: string;
}

/** Options of {@link checkContainerWatch}. */
export interface ContainerWatchCheck {
  readonly criterionId: string;
  readonly service: string;
  /** Window the criterion asks for, in ms (P0-S2-AC3d: 1800000 = 30 min; P0-001-T2: 300000 = 5 min). */
  readonly requiredWindowMs: number;
  /** Largest allowed gap between two samples, in ms (P0-S2-AC3d: 60000; P0-001-T2: 10000). Longer gaps fail. @default requiredWindowMs */
  readonly maxGapMs?: number;
}

/**
 * SOAK: a container watched over a window: every sample `running` and `healthy` (or without a healthcheck), with the
 * same container id, StartedAt and RestartCount as the first (pure). Any bad sample fails at once; samples spanning
 * less than the window are **skipped** "not yet provable", never passed.
 */
export function checkContainerWatch(samples: readonly WatchSample[], check: ContainerWatchCheck): CheckResult {
  const base = { criterionId: check.criterionId, title: `${check.service} stable for ${human(check.requiredWindowMs)}`, limit: `healthy, 0 restarts for ${human(check.requiredWindowMs)}` };
  if (samples.length === 0) return { ...base, status: 'error', message: `${check.service}: no sample was taken` };
  const first = samples[0]!;
  const problems: string[] = [];
  for (const s of samples) {
    const t = `+${((s.atMs - first.atMs) / 1000).toFixed(0)} s`;
    if (!s.state) problems.push(`${t}: ${s.error ?? 'no container'}`);
    else if (s.state.state !== 'running' || (s.state.health !== 'healthy' && s.state.health !== 'none')) problems.push(`${t}: ${s.state.name} ${s.state.state}/${s.state.health}${s.state.lastHealthOutput ? ` (${s.state.lastHealthOutput})` : ''}`);
    else if (first.state && (s.state.restartCount !== first.state.restartCount || s.state.startedAt !== first.state.startedAt || (s.state.id && first.state.id && s.state.id !== first.state.id))) {
      problems.push(`${t}: ${s.state.name} restarted (RestartCount ${first.state.restartCount}→${s.state.restartCount}, StartedAt ${first.state.startedAt}→${s.state.startedAt})`);
    }
  }
  const gaps = samples.slice(1).map((s, i) => s.atMs - samples[i]!.atMs);
  const maxGap = Math.max(0, ...gaps);
  const span = samples.at(-1)!.atMs - first.atMs;
  const what = `${samples.length} sample(s) over ${human(span)}`;
  if (problems.length > 0) {
    return { ...base, status: 'failed', measurement: problems.length, message: maskSecrets(`${check.service}: ${problems.length} bad sample(s) of ${what}: ${problems.slice(0, 3).join('; ')}${problems.length > 3 ? '; …' : ''}. hint: docker logs ${first.state?.name ?? check.service} says why; 000 Task 2.3: restart, then rebuild --no-cache if it stays unhealthy`) };
  }
  if (check.maxGapMs !== undefined && maxGap > check.maxGapMs) {
    return { ...base, status: 'failed', measurement: maxGap, message: `${check.service}: the watch missed its poll interval: ${human(maxGap)} between two samples (limit ${human(check.maxGapMs)}); ${what}. hint: the host is overloaded or Docker answered slowly` };
  }
  if (span < check.requiredWindowMs) {
    return { ...base, status: 'skipped', measurement: span, message: `not yet provable: ${check.service} healthy without restart in all ${what}, the criterion asks ${human(check.requiredWindowMs)}. hint: gate the same stack again with a longer watch` };
  }
  return { ...base, status: 'passed', measurement: span, message: `${check.service} healthy with RestartCount ${first.state!.restartCount} unchanged in all ${what} (poll <= ${human(maxGap)})` };
}

/** Options of {@link watchContainer}. */
export interface WatchOptions {
  /** How long to watch, in ms (the first sample is at 0, the last at or after this). */
  readonly durationMs: number;
  /** Pause between two samples, in ms (P0-001-T2: 10000; P0-S2-AC3d: 60000). */
  readonly intervalMs: number;
  /** Stop early at the first bad sample (not running, not healthy, restarted). @default true */
  readonly stopOnProblem?: boolean;
  /** @default new SystemClock() */
  readonly clock?: Clock;
}

/**
 * Samples one container every `intervalMs` for `durationMs` through `read` (an inspect); a failing read is recorded
 * as a sample with its error. Hand the samples to {@link checkContainerWatch}.
 */
export async function watchContainer(read: () => Promise<ContainerSnapshot>, options: WatchOptions): Promise<WatchSample[]> {
  const clock = options.clock ?? new SystemClock();
  const stop = options.stopOnProblem ?? true;
  const samples: WatchSample[] = [];
  const start = clock.now();
  for (;;) {
    const atMs = clock.now();
    const sample: WatchSample = await read().then(
      (state) => ({ atMs, state }),
      (error: unknown) => ({ atMs, error: maskSecrets(error instanceof Error ? error.message : String(error)).split('\n', 1)[0]! }),
    );
    samples.push(sample);
    const first = samples[0]!.state;
    const bad = !sample.state || sample.state.state !== 'running' || (sample.state.health !== 'healthy' && sample.state.health !== 'none') || (first !== undefined && (sample.state.restartCount !== first.restartCount || sample.state.startedAt !== first.startedAt));
    if ((bad && stop) || atMs - start >= options.durationMs) return samples;
    await clock.sleep(Math.min(options.intervalMs, Math.max(0, start + options.durationMs - atMs)));
  }
}

/** What the recovery procedure (000 Task 2.3) did. */
export interface RecoveryOutcome {
  readonly service: string;
  /** Undefined when the restart succeeded, otherwise why it failed. */
  readonly restartError?: string;
  /** The container after the wait, or why the wait ended without it ready. */
  readonly after?: ContainerSnapshot;
  readonly waitError?: string;
  /** From the restart's return to ready (or to giving up), in ms. */
  readonly elapsedMs: number;
}

/**
 * P0-S2-T3: `docker restart` then healthy within `limitMs` (000 L189-204: sleep 30 s, then `Health.Status ==
 * "healthy"`; if not, rebuild `--no-cache`). A restart that fails, or a container not healthy in time, fails.
 */
export function checkRecovery(outcome: RecoveryOutcome, options: { /** @default 'P0-S2-T3' */ readonly criterionId?: string; /** Wait allowed after the restart, ms. @default 30000 */ readonly limitMs?: number } = {}): CheckResult {
  const limitMs = options.limitMs ?? 30_000;
  const base = { criterionId: options.criterionId ?? 'P0-S2-T3', title: `${outcome.service} recovers after docker restart`, limit: `healthy within ${human(limitMs)} of the restart` };
  const hint = `hint: 000 Task 2.3 continues with docker compose build --no-cache ${outcome.service} && docker compose up -d ${outcome.service}`;
  if (outcome.restartError) return { ...base, status: 'failed', message: maskSecrets(`docker restart of ${outcome.service} failed: ${outcome.restartError}. ${hint}`) };
  const ok = outcome.after !== undefined && outcome.after.state === 'running' && (outcome.after.health === 'healthy' || outcome.after.health === 'none') && outcome.elapsedMs <= limitMs;
  const seen = outcome.after ? `${outcome.after.state}/${outcome.after.health}` : (outcome.waitError ?? 'no container');
  if (!ok) return { ...base, status: 'failed', measurement: Math.round(outcome.elapsedMs), message: maskSecrets(`${outcome.service} was ${seen} ${(outcome.elapsedMs / 1000).toFixed(1)} s after docker restart; expected healthy within ${human(limitMs)}${outcome.waitError && outcome.after ? ` (${outcome.waitError})` : ''}. ${hint}`) };
  return { ...base, status: 'passed', measurement: Math.round(outcome.elapsedMs), message: `${outcome.service} healthy ${(outcome.elapsedMs / 1000).toFixed(1)} s after docker restart (limit ${human(limitMs)}; RestartCount ${outcome.after!.restartCount})` };
}

/**
 * One criterion decided by several results (P0-SC2 = the websocket's health, P0-SC4 = every Story 4 check): failed
 * (or error) when any part is; **skipped** when any part could not be decided; passed only when every part passed.
 */
export function rollUp(criterionId: string, title: string, parts: readonly CheckResult[]): CheckResult {
  const base = { criterionId, title, limit: `all ${parts.length} parts pass`, evidence: parts.map((p) => ({ label: `[${p.criterionId}] ${p.title}`, value: `${p.status}: ${p.message}` })) };
  if (parts.length === 0) return { ...base, status: 'error', message: `${title}: nothing to roll up` };
  const bad = parts.filter((p) => p.status === 'failed' || p.status === 'error');
  if (bad.length > 0) return { ...base, status: 'failed', measurement: bad.length, message: `${bad.length} of ${parts.length} part(s) of ${title} failed: ${bad.map((p) => `[${p.criterionId}] ${p.message}`).join('; ')}` };
  const undecided = parts.filter((p) => p.status === 'skipped');
  if (undecided.length > 0) return { ...base, status: 'skipped', measurement: undecided.length, message: `not decided: ${undecided.length} of ${parts.length} part(s) of ${title} could not be decided: ${undecided.map((p) => `[${p.criterionId}] ${p.message}`).join('; ')}` };
  return { ...base, status: 'passed', measurement: 0, message: `${title}: all ${parts.length} part(s) passed (${parts.map((p) => p.criterionId).join(', ')})` };
}
