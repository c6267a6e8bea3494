// Rebuild progress for humans: on a TTY one live status line plus a line per finished step; in CI plain lines only.
import type { RebuildReport } from '../reports/model.js';
import type { RebuildEvent } from './events.js';
import type { RebuildState } from './state.js';

export interface ProgressPrinterOptions {
  readonly write: (text: string) => void;
  /** Rewrite a live status line (`\r`) between events. @default false */
  readonly tty?: boolean;
  /** Milliseconds since the start, for the elapsed column. @default performance.now() based */
  readonly now?: () => number;
}

/** Returns an `onProgress` handler that prints rebuild events. */
export function createProgressPrinter(options: ProgressPrinterOptions): (event: RebuildEvent) => void {
  const t0 = (options.now ?? (() => performance.now()))();
  const elapsed = () => `${(((options.now ?? (() => performance.now()))() - t0) / 1000).toFixed(1)}s`;
  const running = new Set<string>();
  let wave = '';
  const line = (text: string) => options.write(options.tty ? `\r\x1b[2K${text}\n` : `${text}\n`);
  const status = () => {
    if (options.tty && running.size > 0) options.write(`\r\x1b[2K[rebuild ${elapsed()}] ${wave} ${[...running].join(', ')}`);
  };
  return (event) => {
    switch (event.kind) {
      case 'start':
        line(`[rebuild] run ${event.runId}${event.resumed ? ' (resumed)' : ''}: ${event.waves.length} wave(s), ${event.waves.flat().length} service(s)`);
        break;
      case 'wave':
        wave = `wave ${event.index + 1}/${event.total}`;
        line(`[rebuild ${elapsed()}] ${wave}: ${event.services.join(', ')}`);
        break;
      case 'step-start':
        running.add(`${event.step} ${event.service}`);
        status();
        break;
      case 'step-end':
        running.delete(`${event.step} ${event.service}`);
        line(`[rebuild ${elapsed()}]   ${event.ok ? '✓' : '✗'} ${event.step.padEnd(8)} ${event.service} (${(event.durationMs / 1000).toFixed(1)}s)${event.message ? `: ${event.message}` : ''}`);
        status();
        break;
      case 'end':
        line(`[rebuild ${elapsed()}] ${event.status}`);
        break;
    }
  };
}

/** The state's timeline as the report model's rebuild section (Gantt bars relative to the first step). */
export function toRebuildReport(state: RebuildState): RebuildReport {
  const t0 = Date.parse(state.timeline[0]?.startedAt ?? state.startedAt);
  const steps = state.timeline.map((e) => ({
    name: e.step,
    service: e.service,
    startMs: Date.parse(e.startedAt) - t0,
    durationMs: e.durationMs,
    status: e.ok ? ('passed' as const) : ('failed' as const),
    ...(e.message ? { message: e.message } : {}),
  }));
  const totalMs = steps.reduce((max, s) => Math.max(max, s.startMs + s.durationMs), 0);
  return { startedAt: state.startedAt, totalMs, steps };
}
