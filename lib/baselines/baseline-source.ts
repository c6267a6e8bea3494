// Which baseline a gate compares with (config `baseline.source`), decided once in the setup hook.
import { existsSync } from 'node:fs';
import type { Baseline } from './baseline-schema.js';
import { readBaseline } from './baseline-file.js';

/** The baseline a run is compared with, or why there is none. */
export type BaselineSource =
  | {
      readonly kind: 'file' | 'pre-rebuild';
      /** Where it came from, for messages: a file path, or `the measurement before this run's rebuild`. */
      readonly origin: string;
      readonly baseline: Baseline;
    }
  | { readonly kind: 'none'; readonly reason: string };

/** Options of {@link resolveBaselineSource}. */
export interface ResolveBaselineSourceOptions {
  /** Config `baseline.source`. */
  readonly mode: 'auto' | 'file' | 'pre-rebuild';
  /** Absolute path of the stored baseline (`baselines/<target>/phase0.json`). */
  readonly file: string;
  /** The same path as messages show it (relative to the project). @default file */
  readonly displayFile?: string;
  /** Measured just before this run's rebuild; absent when no rebuild ran. */
  readonly preRebuild?: Baseline;
}

/** The label of a pre-rebuild measurement in messages and reports. */
export const PRE_REBUILD_ORIGIN = "the measurement before this run's rebuild";

/**
 * `auto`: the pre-rebuild measurement when there is one, else the file; `file` / `pre-rebuild`: only that one.
 * A stored file that is corrupt or foreign throws the ConfigError of {@link readBaseline}: a broken baseline is a
 * setup problem, never a silent skip.
 */
export async function resolveBaselineSource(options: ResolveBaselineSourceOptions): Promise<BaselineSource> {
  const shown = options.displayFile ?? options.file;
  if (options.mode !== 'file' && options.preRebuild !== undefined) {
    return { kind: 'pre-rebuild', origin: PRE_REBUILD_ORIGIN, baseline: options.preRebuild };
  }
  if (options.mode === 'pre-rebuild') {
    return { kind: 'none', reason: 'baseline.source is "pre-rebuild" but this run did not rebuild (no plan, or PHASEGATE_REBUILD=0)' };
  }
  if (!existsSync(options.file)) {
    const noRebuild = options.mode === 'auto' ? ' and this run measured nothing before a rebuild' : '';
    return { kind: 'none', reason: `${shown} does not exist${noRebuild}` };
  }
  return { kind: 'file', origin: shown, baseline: await readBaseline(options.file) };
}
