// Fans one RunReport out to every renderer; a renderer that throws is logged and skipped, never fatal.
import { maskDeep, maskSecrets } from '../common/secrets.js';
import type { RunReport } from './model.js';
import { writeReport } from './write-report.js';

/** Renders a run report into one file. Pure: no I/O, no clock. */
export interface ReportRenderer {
  /** Name in error lines (`markdown`, `html`). */
  readonly name: string;
  /** File written in the run folder (`report.md`). */
  readonly fileName: string;
  render(report: RunReport): string;
}

/** Options of {@link ReporterMultiplexer}. */
export interface ReporterMultiplexerOptions {
  /** Writes one artifact and returns its path. @default writeReport */
  readonly write?: (dir: string, file: string, content: string) => string;
  /** Receives `Error in reporter <name>: <message>` lines. @default a line on stderr */
  readonly onError?: (line: string) => void;
}

/** What {@link ReporterMultiplexer.writeAll} did. */
export interface MultiplexResult {
  /** Paths written, in renderer order. */
  readonly written: readonly string[];
  /** Renderers that failed, with their (masked) error message. */
  readonly failed: readonly { readonly reporter: string; readonly message: string }[];
}

export class ReporterMultiplexer {
  readonly #renderers: readonly ReportRenderer[];
  readonly #write: (dir: string, file: string, content: string) => string;
  readonly #onError: (line: string) => void;

  constructor(renderers: readonly ReportRenderer[], options: ReporterMultiplexerOptions = {}) {
    this.#renderers = renderers;
    this.#write = options.write ?? ((dir, file, content) => writeReport(dir, file, content));
    this.#onError = options.onError ?? ((line) => process.stderr.write(`${line}\n`));
  }

  /** Renders and writes every artifact into `dir`. The report is secret-masked before any renderer sees it. */
  writeAll(dir: string, report: RunReport): MultiplexResult {
    const masked = maskDeep(report);
    const written: string[] = [];
    const failed: { reporter: string; message: string }[] = [];
    for (const renderer of this.#renderers) {
      try {
        written.push(this.#write(dir, renderer.fileName, renderer.render(masked)));
      } catch (error) {
        const message = maskSecrets(error instanceof Error ? error.message : String(error));
        failed.push({ reporter: renderer.name, message });
        this.#onError(`Error in reporter ${renderer.name}: ${message}`);
      }
    }
    return { written, failed };
  }
}
