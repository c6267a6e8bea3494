// CONTAINER_STATE and SOAK: health and restarts of the project's containers, judged from Docker state.
import type { CheckResult } from './check-result.js';
import { isStateSource, type ContainerSnapshot, type ContainerStateSource } from './container-state-source.js';
import { SystemClock, type Clock } from '../common/clock.js';
import { maskSecrets } from '../common/secrets.js';

/** Which services must be up. */
export interface ContainersHealthyCheck {
  /** Criterion ID (`P1-SC1`, `P1-G1`, `P1-S11-AC1`). */
  readonly criterionId: string;
  /** Services that must be present, running and healthy (or running without a healthcheck). */
  readonly expected: readonly string[];
  /** Share of expected services that must be up (P1-G1 "44/45"). @default 1 */
  readonly minHealthyRatio?: number;
}

function isUp(c: ContainerSnapshot | undefined): boolean {
  return c !== undefined && c.state === 'running' && (c.health === 'healthy' || c.health === 'none');
}

/** Judges a list of snapshots (pure). */
export function checkContainersHealthy(states: readonly ContainerSnapshot[], check: ContainersHealthyCheck): CheckResult;
/** Lists the containers from a source, then judges them; a source that fails gives `status: 'error'`. */
export function checkContainersHealthy(source: ContainerStateSource, check: ContainersHealthyCheck): Promise<CheckResult>;
export function checkContainersHealthy(input: readonly ContainerSnapshot[] | ContainerStateSource, check: ContainersHealthyCheck): CheckResult | Promise<CheckResult> {
  if (!isStateSource(input)) return judgeHealthy(input, check);
  return input.list().then(
    (states) => judgeHealthy(states, check),
    (error: unknown) => sourceError(check.criterionId, `${check.expected.length} services healthy`, error),
  );
}

function judgeHealthy(states: readonly ContainerSnapshot[], check: ContainersHealthyCheck): CheckResult {
  const byService = new Map(states.map((s) => [s.service, s]));
  const bad = check.expected.filter((s) => !isUp(byService.get(s)));
  const total = check.expected.length;
  const healthy = total - bad.length;
  const ratio = check.minHealthyRatio ?? 1;
  const needed = Math.ceil(total * ratio - 1e-9);
  const ok = healthy >= needed;
  const describe = (s: string) => {
    const c = byService.get(s);
    return c ? `${s} (${c.name}) is ${c.state}/${c.health}${c.lastHealthOutput ? ` — last healthcheck ${maskSecrets(c.lastHealthOutput)}` : ''}` : `${s} has no container`;
  };
  return {
    criterionId: check.criterionId,
    title: `${total} services healthy`,
    status: ok ? 'passed' : 'failed',
    measurement: `${healthy}/${total}`,
    limit: ratio === 1 ? `${total}/${total} healthy` : `>= ${needed}/${total} healthy`,
    message: ok
      ? `${healthy}/${total} expected services are healthy${bad.length ? ` (not: ${bad.map(describe).join('; ')})` : ''}`
      : `${healthy}/${total} expected services are healthy, need ${needed}: ${bad.map(describe).join('; ')}. hint: docker logs <container>`,
  };
}

/** PD-D1-1 "all services running": State.Running of every expected service, health not judged (pure). */
export function checkContainersRunning(states: readonly ContainerSnapshot[], check: Pick<ContainersHealthyCheck, 'criterionId' | 'expected'>): CheckResult {
  const byService = new Map(states.map((s) => [s.service, s]));
  const down = check.expected.filter((s) => byService.get(s)?.state !== 'running');
  const total = check.expected.length;
  const describe = (s: string) => {
    const c = byService.get(s);
    return c ? `${s} (${c.name}) is ${c.state}${c.exitCode ? ` (exit ${c.exitCode})` : ''}` : `${s} has no container`;
  };
  const base = { criterionId: check.criterionId, title: `${total} services running`, measurement: `${total - down.length}/${total}`, limit: `${total}/${total} running` };
  if (down.length > 0) return { ...base, status: 'failed', message: `${total - down.length}/${total} expected services are running: ${down.map(describe).join('; ')}. hint: docker logs <container>` };
  return { ...base, status: 'passed', message: `all ${total} expected services are running` };
}

/** The restart criterion's windows (pure form: two samples taken by the caller). */
export interface NoRestartsCheck {
  readonly criterionId: string;
  /** Services compared between the samples. */
  readonly services: readonly string[];
  /** Window the criterion asks for, in ms (P1-SC5: 3600000 = 1 h). */
  readonly requiredWindowMs: number;
  /** Window actually observed between the two samples, in ms. */
  readonly observedWindowMs: number;
  /** Now, in epoch ms: a container started at least `requiredWindowMs` before it has not restarted since. @default Date.now() */
  readonly nowMs?: number;
}

/** The restart criterion observed through a source (the check takes the samples itself). */
export interface ObservedNoRestartsCheck {
  readonly criterionId: string;
  /** Services compared. @default every service in the first sample */
  readonly services?: readonly string[];
  /** Window the criterion asks for, in ms. @default 3600000 (1 h, P1-SC5) */
  readonly requiredWindowMs?: number;
  /** How long to watch after the first sample, in ms; with `since`, the wait before the second sample. @default 0 */
  readonly windowMs?: number;
  /** An earlier sample (e.g. taken when the gate started) and when it was taken (epoch ms); used instead of a fresh first sample. */
  readonly since?: { readonly states: readonly ContainerSnapshot[]; readonly atMs: number };
  /** @default new SystemClock() */
  readonly clock?: Clock;
}

const human = (ms: number) => (ms >= 3_600_000 ? `${(ms / 3_600_000).toFixed(1)} h` : ms >= 60_000 ? `${(ms / 60_000).toFixed(1)} min` : `${(ms / 1000).toFixed(0)} s`);

/** No container restarted between two samples: RestartCount, StartedAt and id unchanged (pure). */
export function checkNoRestarts(before: readonly ContainerSnapshot[], after: readonly ContainerSnapshot[], check: NoRestartsCheck): CheckResult;
/** Samples the source (or uses `since`), waits `windowMs`, samples again and compares. */
export function checkNoRestarts(source: ContainerStateSource, check: ObservedNoRestartsCheck): Promise<CheckResult>;
export function checkNoRestarts(
  a: readonly ContainerSnapshot[] | ContainerStateSource,
  b: readonly ContainerSnapshot[] | ObservedNoRestartsCheck,
  c?: NoRestartsCheck,
): CheckResult | Promise<CheckResult> {
  if (!isStateSource(a)) return compareSamples(a, b as readonly ContainerSnapshot[], c!);
  return observeRestarts(a, b as ObservedNoRestartsCheck);
}

async function observeRestarts(source: ContainerStateSource, check: ObservedNoRestartsCheck): Promise<CheckResult> {
  const clock = check.clock ?? new SystemClock();
  try {
    const first = check.since ?? { states: await source.list(), atMs: clock.now() };
    if (check.windowMs) await clock.sleep(check.windowMs);
    const after = await source.list();
    return compareSamples(first.states, after, {
      criterionId: check.criterionId,
      services: check.services ?? first.states.map((s) => s.service),
      requiredWindowMs: check.requiredWindowMs ?? 3_600_000,
      observedWindowMs: clock.now() - first.atMs,
      nowMs: clock.now(),
    });
  } catch (error) {
    return sourceError(check.criterionId, 'no restarts', error);
  }
}

function compareSamples(before: readonly ContainerSnapshot[], after: readonly ContainerSnapshot[], check: NoRestartsCheck): CheckResult {
  const prev = new Map(before.map((s) => [s.service, s]));
  const next = new Map(after.map((s) => [s.service, s]));
  const restarted: string[] = [];
  for (const service of check.services) {
    const x = prev.get(service);
    const y = next.get(service);
    if (!x || !y) {
      restarted.push(`${service} (container missing in a sample)`);
      continue;
    }
    if (y.restartCount !== x.restartCount || y.startedAt !== x.startedAt || y.id !== x.id) {
      restarted.push(`${service}: RestartCount ${x.restartCount}→${y.restartCount}, StartedAt ${x.startedAt}→${y.startedAt}${y.id !== x.id ? ' (container recreated)' : ''}`);
    }
  }
  const window = `in the ${human(check.observedWindowMs)} observed (criterion asks ${human(check.requiredWindowMs)})`;
  if (restarted.length > 0) {
    return {
      criterionId: check.criterionId,
      title: 'no restarts',
      status: 'failed',
      measurement: restarted.length,
      limit: '0 restarts',
      message: `${restarted.length} service(s) restarted ${window}: ${restarted.join('; ')}`,
    };
  }
  // Docker's StartedAt is the last (re)start: a container up longer than the window has not restarted within it.
  const now = check.nowMs ?? Date.now();
  const ages = check.services.map((service) => ({ service, ageMs: now - Date.parse(next.get(service)!.startedAt) }));
  const youngest = ages.reduce((a, b) => (b.ageMs < a.ageMs ? b : a), ages[0] ?? { service: '', ageMs: Infinity });
  const provenMs = Math.max(check.observedWindowMs, Number.isFinite(youngest.ageMs) ? youngest.ageMs : 0);
  if (provenMs >= check.requiredWindowMs) {
    return {
      criterionId: check.criterionId,
      title: 'no restarts',
      status: 'passed',
      measurement: 0,
      limit: `0 restarts in ${human(check.requiredWindowMs)}`,
      message: `no restarts among ${check.services.length} services ${window}; proven from Docker state: every container has run at least ${human(provenMs)} since its last start (youngest: ${youngest.service})`,
    };
  }
  return {
    criterionId: check.criterionId,
    title: 'no restarts',
    status: 'skipped',
    measurement: 0,
    limit: `0 restarts in ${human(check.requiredWindowMs)}`,
    message: `not yet provable: ${youngest.service} has been up ${human(youngest.ageMs)} since its last start (criterion asks ${human(check.requiredWindowMs)}); no restarts among ${check.services.length} services ${window}. hint: gate the same stack again later (PHASEGATE_REUSE_STACK=1) to prove the window`,
  };
}

function sourceError(criterionId: string, title: string, error: unknown): CheckResult {
  return {
    criterionId,
    title,
    status: 'error',
    message: maskSecrets(`could not list the containers: ${(error as Error).message ?? String(error)}. hint: is the Docker daemon reachable? run \`phasegate doctor\``),
  };
}
