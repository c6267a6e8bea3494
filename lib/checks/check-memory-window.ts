// SOAK "no memory leaks (24 h stability test)" (P3-SC5): judged from what Docker can prove now. A memory slope that is
// significantly positive fails at once; so does a restart (a leak ends in an OOM kill and a restart). A pass needs
// every container to have run the whole window since its last start, with no restart and a flat slope now; until
// then the result is `skipped` "not yet provable", never passed.
import type { CheckResult } from './check-result.js';
import type { ContainerSnapshot } from './container-state-source.js';

export interface MemoryWindowCheck {
  readonly criterionId: string;
  /** Services watched (P3-SC5: the four ML services). */
  readonly services: readonly string[];
  /** Their containers now. */
  readonly states: readonly ContainerSnapshot[];
  /** One `checkMemoryTrend` result per service, sampled now. */
  readonly trends: readonly CheckResult[];
  /** Window the criterion asks for, in ms (P3-SC5: 86400000 = 24 h). */
  readonly requiredWindowMs: number;
  /** Now, in epoch ms. */
  readonly nowMs: number;
}

const human = (ms: number) => (ms >= 3_600_000 ? `${(ms / 3_600_000).toFixed(1)} h` : ms >= 60_000 ? `${(ms / 60_000).toFixed(1)} min` : `${(ms / 1000).toFixed(0)} s`);

/** Combines the trends sampled now with the containers' uptime and restart counts (pure). */
export function checkMemoryWindow(check: MemoryWindowCheck): CheckResult {
  const limit = `0 restarts and no memory growth in ${human(check.requiredWindowMs)}`;
  const base = { criterionId: check.criterionId, title: `no memory leak in ${human(check.requiredWindowMs)}`, limit, evidence: check.trends.map((t) => ({ label: t.title, value: t.message })) };
  const byService = new Map(check.states.map((s) => [s.service, s]));
  const broken: string[] = [];
  for (const service of check.services) {
    const c = byService.get(service);
    if (!c) broken.push(`${service} has no container`);
    else if (c.state !== 'running') broken.push(`${service} (${c.name}) is ${c.state}`);
    else if (c.restartCount > 0) broken.push(`${service} (${c.name}) restarted ${c.restartCount} time(s) (RestartCount; an OOM kill or crash)`);
  }
  const growing = check.trends.filter((t) => t.status === 'failed');
  if (broken.length > 0 || growing.length > 0) {
    return { ...base, status: 'failed', measurement: broken.length + growing.length, message: [...broken, ...growing.map((t) => t.message)].join('; ') };
  }
  const unreadable = check.trends.filter((t) => t.status === 'error');
  const missing = check.services.filter((s) => !check.trends.some((t) => t.title.startsWith(`${s} `)));
  if (unreadable.length > 0 || missing.length > 0) {
    return { ...base, status: 'error', message: [...unreadable.map((t) => t.message), ...missing.map((s) => `${s}: no memory trend sampled`)].join('; ') };
  }
  // A slope sampled during a container's heap warm-up (checkMemoryTrend `startedAt`) decides nothing yet.
  const warming = check.trends.filter((t) => t.status === 'skipped');
  if (warming.length > 0) {
    return { ...base, status: 'skipped', measurement: warming.length, message: `not yet provable: no restart, but ${warming.map((t) => t.message.replace(/^not yet decidable: /, '')).join('; ')}` };
  }
  const ages = check.services.map((service) => ({ service, ageMs: check.nowMs - Date.parse(byService.get(service)!.startedAt) }));
  const youngest = ages.reduce((a, b) => (b.ageMs < a.ageMs ? b : a));
  const flat = `memory flat now in ${check.services.length} services (${check.trends.map((t) => `${t.title.replace(/ memory trend$/, '')}: ${t.measurement ?? '?'} bytes/s`).join(', ')})`;
  if (youngest.ageMs < check.requiredWindowMs) {
    return {
      ...base,
      status: 'skipped',
      measurement: Math.round(youngest.ageMs),
      message: `not yet provable: ${youngest.service} has been up ${human(youngest.ageMs)} since its last start (criterion asks ${human(check.requiredWindowMs)}); no restart, ${flat}. hint: gate the same stack again after the window (PHASEGATE_REUSE_STACK=1)`,
    };
  }
  return {
    ...base,
    status: 'passed',
    measurement: Math.round(youngest.ageMs),
    message: `every service has run at least ${human(youngest.ageMs)} (youngest: ${youngest.service}) with RestartCount 0, so no OOM kill or crash in ${human(check.requiredWindowMs)}; ${flat}`,
  };
}
