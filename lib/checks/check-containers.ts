// CONTAINER_STATE and SOAK: health and restarts of the project's containers, judged from Docker state (pure).
import type { CheckResult } from './check-result.js';
import type { ContainerState } from '../docker/container-inspector.js';

export interface ContainersHealthyCheck {
  readonly criterionId: string;
  /** Services that must be present and healthy. */
  readonly expected: readonly string[];
  /** Share of expected services that must be healthy (P1-G1 "44/45"). @default 1 */
  readonly minHealthyRatio?: number;
}

function isUp(c: ContainerState | undefined): boolean {
  return c !== undefined && c.state === 'running' && (c.health === 'healthy' || c.health === 'none');
}

export function checkContainersHealthy(states: readonly ContainerState[], check: ContainersHealthyCheck): CheckResult {
  const byService = new Map(states.map((s) => [s.service, s]));
  const bad = check.expected.filter((s) => !isUp(byService.get(s)));
  const healthy = check.expected.length - bad.length;
  const ratio = check.minHealthyRatio ?? 1;
  const needed = Math.ceil(check.expected.length * ratio);
  const ok = healthy >= needed;
  const describe = (s: string) => {
    const c = byService.get(s);
    return c ? `${s} (${c.name}) is ${c.state}/${c.health}${c.lastHealthOutput ? ` — last healthcheck ${c.lastHealthOutput}` : ''}` : `${s} has no container`;
  };
  return {
    criterionId: check.criterionId,
    title: `${check.expected.length} services healthy`,
    status: ok ? 'passed' : 'failed',
    measurement: `${healthy}/${check.expected.length}`,
    limit: ratio === 1 ? `${check.expected.length}/${check.expected.length} healthy` : `>= ${needed}/${check.expected.length} healthy`,
    message: ok
      ? `${healthy}/${check.expected.length} expected services are healthy${bad.length ? ` (not: ${bad.map(describe).join('; ')})` : ''}`
      : `${healthy}/${check.expected.length} expected services are healthy, need ${needed}: ${bad.map(describe).join('; ')}. hint: docker logs <container>`,
  };
}

export interface NoRestartsCheck {
  readonly criterionId: string;
  readonly services: readonly string[];
  /** Window the criterion asks for, in ms (P1-SC5: 1 h). */
  readonly requiredWindowMs: number;
  /** Window actually observed between the two samples, in ms. */
  readonly observedWindowMs: number;
}

const human = (ms: number) => (ms >= 3_600_000 ? `${(ms / 3_600_000).toFixed(1)} h` : ms >= 60_000 ? `${(ms / 60_000).toFixed(1)} min` : `${(ms / 1000).toFixed(0)} s`);

/** No container restarted between two samples: RestartCount unchanged and StartedAt unchanged. */
export function checkNoRestarts(before: readonly ContainerState[], after: readonly ContainerState[], check: NoRestartsCheck): CheckResult {
  const prev = new Map(before.map((s) => [s.service, s]));
  const restarted: string[] = [];
  for (const service of check.services) {
    const a = prev.get(service);
    const b = after.find((s) => s.service === service);
    if (!a || !b) {
      restarted.push(`${service} (container missing in a sample)`);
      continue;
    }
    if (b.restartCount !== a.restartCount || b.startedAt !== a.startedAt || b.id !== a.id) {
      restarted.push(`${service}: RestartCount ${a.restartCount}→${b.restartCount}, StartedAt ${a.startedAt}→${b.startedAt}`);
    }
  }
  const window = `in the ${human(check.observedWindowMs)} observed (criterion asks ${human(check.requiredWindowMs)})`;
  const proven = check.observedWindowMs >= check.requiredWindowMs;
  if (restarted.length > 0) {
    return { criterionId: check.criterionId, title: 'no restarts', status: 'failed', measurement: restarted.length, limit: '0 restarts', message: `${restarted.length} service(s) restarted ${window}: ${restarted.join('; ')}` };
  }
  return {
    criterionId: check.criterionId,
    title: 'no restarts',
    status: 'passed',
    measurement: 0,
    limit: `0 restarts in ${human(check.requiredWindowMs)}`,
    message: `no restarts among ${check.services.length} services ${window}${proven ? '' : '; the full window is NOT proven by this run'}`,
  };
}
