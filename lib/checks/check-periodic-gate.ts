// RUN-MON-2 "Periodic health check (cron), every 5 min" (004 L261-265), judged from the repository's own CI
// workflow as lib/ci parses it: a `schedule` trigger whose cron runs a job with a gate step, often enough.
import type { Workflow } from '../ci/workflow-schema.js';
import type { CheckResult } from './check-result.js';

/** Options of {@link checkPeriodicGate}. */
export interface PeriodicGateCheck {
  /** @default 'RUN-MON-2' */
  readonly criterionId?: string;
  /** Workflow file, for messages (`.github/workflows/nightly.yml`). */
  readonly file: string;
  /** Longest acceptable time between two scheduled runs, in minutes (criteria.md RUN-MON-2). @default 5 */
  readonly maxIntervalMin?: number;
}

/** A `run:` script that runs a gate suite (`npx vitest run suites/phase1`, `npm run gate`, `phasegate report --check`). */
export const GATE_COMMAND = /\bvitest\s+run\b[^\n]*\bsuites\b|\bnpm\s+run\s+gate\b/;

const DAY_MIN = 24 * 60;

/** Values of one cron field (`*`, `*\/5`, `1-5`, `0,30`, `10-50/10`) within [lo, hi]; undefined when unparsable. */
export function cronFieldValues(field: string, lo: number, hi: number): number[] | undefined {
  const out = new Set<number>();
  for (const part of field.split(',')) {
    const m = /^(\*|(\d+)(?:-(\d+))?)(?:\/(\d+))?$/.exec(part);
    if (!m) return undefined;
    const step = m[4] ? Number(m[4]) : 1;
    const from = m[1] === '*' ? lo : Number(m[2]);
    const to = m[1] === '*' ? hi : m[3] !== undefined ? Number(m[3]) : m[4] ? hi : from;
    if (step < 1 || from < lo || to > hi || from > to) return undefined;
    for (let v = from; v <= to; v += step) out.add(v);
  }
  return [...out].sort((a, b) => a - b);
}

/**
 * Longest gap between two runs of a five-field cron, in minutes (the wrap-around included); undefined when the
 * cron cannot be read. A cron limited to some days (day-of-month, month or day-of-week not `*`) gaps at least a day.
 */
export function cronMaxIntervalMin(cron: string): number | undefined {
  const [minute, hour, dom, month, dow] = cron.trim().split(/\s+/);
  if (dow === undefined) return undefined;
  const minutes = cronFieldValues(minute!, 0, 59);
  const hours = cronFieldValues(hour!, 0, 23);
  if (!minutes || !hours || minutes.length === 0 || hours.length === 0) return undefined;
  const times = hours.flatMap((h) => minutes.map((m) => h * 60 + m));
  const gaps = times.map((t, i) => (i + 1 < times.length ? times[i + 1]! - t : times[0]! + DAY_MIN - t));
  const daily = Math.max(...gaps);
  const everyDay = dom === '*' && month === '*' && dow === '*';
  return everyDay ? daily : Math.max(daily, DAY_MIN);
}

/** Passed when a scheduled cron runs a job with a gate step at least every `maxIntervalMin`. Pure. */
export function checkPeriodicGate(workflow: Workflow, check: PeriodicGateCheck): CheckResult {
  const maxIntervalMin = check.maxIntervalMin ?? 5;
  const limit = `a schedule that runs a gate at least every ${maxIntervalMin} min`;
  const base = { criterionId: check.criterionId ?? 'RUN-MON-2', title: `periodic gate in ${check.file}`, limit };
  const crons = (workflow.on.schedule ?? []).map((s) => s.cron);
  const gateSteps = Object.entries(workflow.jobs).flatMap(([job, j]) => j.steps.flatMap((s, i) => (s.run !== undefined && GATE_COMMAND.test(s.run) ? [`jobs.${job}.steps[${i}]${s.name ? ` ("${s.name}")` : ''}`] : [])));
  const evidence = [
    { label: 'schedule', value: crons.length ? crons.join('; ') : 'none' },
    { label: 'gate steps', value: gateSteps.length ? gateSteps.join('; ') : 'none' },
  ];
  if (crons.length === 0) return { ...base, status: 'failed', evidence, message: `${check.file} has no on.schedule cron, so no gate runs periodically; expected ${limit}. hint: add on.schedule with a cron such as '*/${maxIntervalMin} * * * *'` };
  if (gateSteps.length === 0) return { ...base, status: 'failed', evidence, message: `${check.file} is scheduled (${crons.join('; ')}) but no step runs a gate (npx vitest run suites/<phase> or npm run gate); expected ${limit}. hint: add a step that runs the gate` };
  const intervals = crons.map((cron) => ({ cron, min: cronMaxIntervalMin(cron) }));
  const unreadable = intervals.filter((i) => i.min === undefined);
  const readable = intervals.filter((i): i is { cron: string; min: number } => i.min !== undefined);
  if (readable.length === 0) return { ...base, status: 'error', evidence, message: `${check.file}: cannot read the interval of ${unreadable.map((i) => `'${i.cron}'`).join(', ')} (names such as MON or @hourly are not supported here)` };
  const best = readable.reduce((a, b) => (b.min < a.min ? b : a));
  if (best.min > maxIntervalMin) {
    return { ...base, status: 'failed', measurement: best.min, evidence, message: `${check.file} runs the gate (${gateSteps[0]}) on cron '${best.cron}': every ${best.min} min at most, limit ${maxIntervalMin} min (004 L261-265 runs health-check.sh every 5 min). hint: schedule a health check '*/${maxIntervalMin} * * * *' (e.g. a self-hosted job running the runbook gate), or accept the nightly gate as the periodic check in the runbook` };
  }
  return { ...base, status: 'passed', measurement: best.min, evidence, message: `${check.file} runs the gate (${gateSteps[0]}) on cron '${best.cron}', at most ${best.min} min apart (limit ${maxIntervalMin} min)` };
}
