// Renders the RunReport as `report.json`, the source every other artifact can be re-rendered from. Pure.
import type { RunReport } from './model.js';
import type { ReportRenderer } from './reporter-multiplexer.js';

/** Pretty-printed JSON with a trailing newline. */
export function renderJson(report: RunReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

/** The JSON renderer for the {@link ReporterMultiplexer}: `report.json`. */
export const jsonRenderer: ReportRenderer = { name: 'json', fileName: 'report.json', render: renderJson };
