// The four artifacts of a run, in the order they are written (JSON first: it is the source of the others).
import type { ChartLibrary } from './chart-library.js';
import { createHtmlRenderer } from './html.js';
import { jsonRenderer } from './json.js';
import { junitRenderer } from './junit.js';
import { markdownRenderer } from './markdown.js';
import type { ReportRenderer } from './reporter-multiplexer.js';

/** Renderer names, for configuration and error lines. */
export type ReportFormat = 'json' | 'markdown' | 'junit' | 'html';

/** Options of {@link defaultRenderers}. */
export interface DefaultRenderersOptions {
  /** Chart library inlined into the HTML report; undefined renders tables only. */
  readonly chartLibrary?: ChartLibrary | undefined;
  /** Which artifacts to write. @default ['json', 'markdown', 'junit', 'html'] */
  readonly formats?: readonly ReportFormat[];
}

/** `report.json`, `report.md`, `junit.xml` and `report.html` renderers. */
export function defaultRenderers(options: DefaultRenderersOptions = {}): ReportRenderer[] {
  const all: Record<ReportFormat, ReportRenderer> = { json: jsonRenderer, markdown: markdownRenderer, junit: junitRenderer, html: createHtmlRenderer({ chartLibrary: options.chartLibrary }) };
  return (options.formats ?? ['json', 'markdown', 'junit', 'html']).map((f) => all[f]);
}
