// Reads the Chart.js UMD bundle from node_modules so the HTML report can inline it (no CDN, works offline).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** The inlined charting library: its source and a name for the page footer. */
export interface ChartLibrary {
  /** `chart.js@4.6.1`. */
  readonly name: string;
  /** The minified UMD source, defining `window.Chart`. */
  readonly source: string;
}

/**
 * Loads `chart.js/dist/chart.umd.min.js` resolved from this package, or returns undefined when chart.js is not
 * installed (the report then shows its tables with a note instead of charts).
 */
export function loadChartLibrary(resolveFrom: string = import.meta.url): ChartLibrary | undefined {
  try {
    const require = createRequire(resolveFrom);
    const main = require.resolve('chart.js');
    const dist = dirname(main);
    const pkg = JSON.parse(readFileSync(join(dist, '..', 'package.json'), 'utf8')) as { version?: string };
    return { name: `chart.js@${pkg.version ?? 'unknown'}`, source: readFileSync(join(dist, 'chart.umd.min.js'), 'utf8') };
  } catch {
    return undefined;
  }
}
