// Which browser binary the dashboard checks launch: Debian's packages only; phasegate never downloads a browser.
import { existsSync } from 'node:fs';

/** Environment variable naming the browser binary explicitly (any Chromium build Playwright can drive). */
export const CHROMIUM_PATH_ENV = 'PHASEGATE_CHROMIUM';

/**
 * Browsers tried in order when none is named. First Debian's headless shell (package `chromium-headless-shell`, built
 * from the same source as `chromium`): the same engine without the browser UI, which chromium's new headless mode keeps
 * in a hidden window and lays out and paints on every navigation, so each further tab costs about a third less
 * (bench/e2e). It is also what Playwright itself launches for `headless: true`. Then Debian's full `chromium`.
 */
export const DEFAULT_CHROMIUM_PATHS: readonly string[] = ['/usr/bin/chromium-headless-shell', '/usr/bin/chromium'];

/** The browser chosen, and how. */
export interface ChromiumChoice {
  /** Binary to launch (when nothing was found: the first default, so an error can name it). */
  readonly path: string;
  /** `option`: the caller's `executablePath`; `env`: {@link CHROMIUM_PATH_ENV}; `default`: {@link DEFAULT_CHROMIUM_PATHS}. */
  readonly source: 'option' | 'env' | 'default';
  readonly found: boolean;
  /** Every path looked at, in order. */
  readonly tried: readonly string[];
}

/** Options of {@link findChromium}. */
export interface FindChromiumOptions {
  /** A binary named by the caller; wins over the environment and the defaults. @default none */
  readonly executablePath?: string;
  /** Environment read for {@link CHROMIUM_PATH_ENV}. @default process.env */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Whether a path exists. @default fs.existsSync */
  readonly exists?: (path: string) => boolean;
}

/** Picks the browser: the caller's path, else `PHASEGATE_CHROMIUM`, else the first of the defaults that is installed. */
export function findChromium(options: FindChromiumOptions = {}): ChromiumChoice {
  const exists = options.exists ?? existsSync;
  const named = options.executablePath?.trim() || undefined;
  if (named) return { path: named, source: 'option', found: exists(named), tried: [named] };
  const fromEnv = (options.env ?? process.env)[CHROMIUM_PATH_ENV]?.trim() || undefined;
  if (fromEnv) return { path: fromEnv, source: 'env', found: exists(fromEnv), tried: [fromEnv] };
  const tried: string[] = [];
  for (const path of DEFAULT_CHROMIUM_PATHS) {
    tried.push(path);
    if (exists(path)) return { path, source: 'default', found: true, tried };
  }
  return { path: DEFAULT_CHROMIUM_PATHS[0]!, source: 'default', found: false, tried };
}

/** What is missing, for an error or the doctor: names the paths looked at and where the choice came from. */
export function describeMissingChromium(choice: ChromiumChoice): string {
  if (choice.source === 'env') return `${CHROMIUM_PATH_ENV}=${choice.path}: no such file`;
  if (choice.source === 'option') return `the browser ${choice.path} (executablePath) is not there`;
  return `no browser for the dashboard checks: none of ${choice.tried.join(', ')} is installed`;
}

/** The fix for a missing browser (Debian packages; never a browser download). */
export const CHROMIUM_INSTALL_HINT =
  'apt-get install -y chromium-headless-shell chromium (npm run bootstrap does it), or set PHASEGATE_CHROMIUM to a Chromium binary; phasegate never downloads a browser';
