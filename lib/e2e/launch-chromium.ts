// Launches Debian's chromium through playwright-core. Never downloads a browser.
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { PrerequisiteError } from '../common/index.js';

/** Path of the system chromium (Debian package `chromium`). */
export const DEFAULT_CHROMIUM_PATH = '/usr/bin/chromium';

/** Flags for a quiet, sandbox-less headless chromium in a container (toolchain.md §6). */
export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** Options of {@link launchChromium}. */
export interface LaunchChromiumOptions {
  /** Browser executable. @default '/usr/bin/chromium' */
  readonly executablePath?: string;
  /** Launch timeout, in milliseconds. @default 30000 */
  readonly timeoutMs?: number;
}

/** Playwright `launchOptions` for the system chromium, shared by lib/e2e and playwright.config.ts. */
export function chromiumLaunchOptions(executablePath = DEFAULT_CHROMIUM_PATH): { executablePath: string; headless: true; args: string[] } {
  return { executablePath, headless: true, args: [...CHROMIUM_ARGS] };
}

/** Starts a headless system chromium; throws {@link PrerequisiteError} when it is not installed. */
export async function launchChromium(options: LaunchChromiumOptions = {}): Promise<Browser> {
  const executablePath = options.executablePath ?? DEFAULT_CHROMIUM_PATH;
  if (!existsSync(executablePath)) {
    throw new PrerequisiteError(`chromium not found at ${executablePath}`, {
      hint: 'install the Debian package (apt-get install -y chromium); phasegate never downloads a browser',
    });
  }
  return chromium.launch({ ...chromiumLaunchOptions(executablePath), timeout: options.timeoutMs ?? 30_000 });
}
