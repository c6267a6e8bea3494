// P1-S3-AC6 "monitoring captures restart events": Docker's own event log must show each restarted service going down
// (die/stop/kill/destroy) and coming back (start) inside the rebuild's window.
import type { CheckResult } from './check-result.js';
import type { ContainerEvent } from '../docker/container-events.js';

/** Options of {@link checkRestartEvents}. */
export interface RestartEventsCheck {
  readonly criterionId: string;
  /** Services that were restarted or recreated. */
  readonly services: readonly string[];
  /** Events of the project over the window. */
  readonly events: readonly ContainerEvent[];
  /** The window the events were read for (the rebuild), for the message. */
  readonly window: { readonly since: Date; readonly until: Date };
}

const DOWN = new Set(['die', 'stop', 'kill', 'destroy']);

export function checkRestartEvents(check: RestartEventsCheck): CheckResult {
  const base = { criterionId: check.criterionId, title: 'restart events recorded by Docker', limit: 'a down event (die/stop/kill/destroy) then a start per service' };
  const t = (ms: number) => new Date(ms).toISOString().slice(11, 23);
  const seen: string[] = [];
  const missing: string[] = [];
  for (const service of check.services) {
    const mine = check.events.filter((e) => e.service === service);
    const down = mine.find((e) => DOWN.has(e.action));
    const up = down ? mine.find((e) => e.action === 'start' && e.timeMs >= down.timeMs) : undefined;
    if (down && up) seen.push(`${service} (${down.action} ${t(down.timeMs)}, start ${t(up.timeMs)})`);
    else missing.push(`${service}: ${mine.length === 0 ? 'no events' : `only ${[...new Set(mine.map((e) => e.action))].join(', ')}`}`);
  }
  const window = `${check.window.since.toISOString()} → ${check.window.until.toISOString()}`;
  if (check.services.length === 0) return { ...base, status: 'skipped', message: `no service was restarted in ${window}` };
  if (missing.length > 0) {
    return {
      ...base,
      status: 'failed',
      measurement: seen.length,
      message: `Docker's event log over ${window} lacks the restart of ${missing.join('; ')}${seen.length > 0 ? ` (recorded: ${seen.join(', ')})` : ''}. hint: was the service really restarted, or did the step only look at it?`,
    };
  }
  return { ...base, status: 'passed', measurement: seen.length, message: `Docker recorded the restart of ${seen.join(', ')} in ${window}` };
}
