// Launches a Debian chromium through playwright-core: the headless shell when installed, else chromium (findChromium).
// Never downloads a browser.
import { chromium, type Browser } from 'playwright-core';
import { PrerequisiteError } from '../common/index.js';
import { CHROMIUM_INSTALL_HINT, describeMissingChromium, findChromium } from '../system/chromium-path.js';

/**
 * Features playwright-core itself switches off (its chromiumSwitches.ts, 1.65). Chromium honours only the LAST
 * `--disable-features` switch and Playwright puts its own first, so ours must repeat its list; a unit test compares
 * the two lists on the launched browser's command line, so a Playwright upgrade that adds one fails loudly.
 */
export const PLAYWRIGHT_DISABLED_FEATURES: readonly string[] = [
  'AvoidUnnecessaryBeforeUnloadCheckSync', 'DestroyProfileOnBrowserClose', 'HttpsUpgrades', 'HttpsFirstBalancedModeAutoEnable', 'LensOverlay',
  'MediaRouter', 'PaintHolding', 'ThirdPartyStoragePartitioning', 'AvoidCorsURLLoaderRestartOnRedirect', 'TcpPortRandomizationWin',
  'OptimizationHints', 'NetworkTimeServiceQuerying', 'AimEnabled', 'PreconnectToSearch', 'msForceBrowserSignIn',
  'msEdgeUpdateLaunchServicesPreferredVersion',
];

/**
 * Features switched off on top of Playwright's. Full chromium in new headless mode (Debian 156) runs the browser UI in
 * hidden windows, and with it the WebUI omnibox popups (chrome://omnibox-popup.top-chrome/, loaded for every
 * page's window in a shared WebUI renderer): 0.4–0.5 s of CPU per page on the 2-core box (checking one tab took
 * 1.6–1.8 s of CPU with them, 1.1–1.2 s without), for a popup nobody sees. Puppeteer switches them off by default too.
 */
export const EXTRA_DISABLED_FEATURES: readonly string[] = ['WebUIOmniboxPopup', 'WebUIOmniboxAimPopup'];

/** Flags for a quiet, sandbox-less headless chromium in a container (toolchain.md §6). */
export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  `--disable-features=${[...PLAYWRIGHT_DISABLED_FEATURES, ...EXTRA_DISABLED_FEATURES].join(',')}`,
];

/** Options of {@link launchChromium}. */
export interface LaunchChromiumOptions {
  /**
   * Browser executable. @default env `PHASEGATE_CHROMIUM`, else the first installed of `/usr/bin/chromium-headless-shell`
   * and `/usr/bin/chromium` (lib/system/chromium-path.ts)
   */
  readonly executablePath?: string;
  /** Launch timeout, in milliseconds. @default 30000 */
  readonly timeoutMs?: number;
}

/**
 * Playwright `launchOptions` for the system browser, shared by lib/e2e and playwright.config.ts. Never throws: with no
 * browser installed the path is the first default, and Playwright's launch error names it.
 * @param executablePath @default findChromium().path
 */
export function chromiumLaunchOptions(executablePath = findChromium().path): { executablePath: string; headless: true; args: string[] } {
  return { executablePath, headless: true, args: [...CHROMIUM_ARGS] };
}

/** Starts the headless system browser; throws {@link PrerequisiteError} when it is not installed. */
export async function launchChromium(options: LaunchChromiumOptions = {}): Promise<Browser> {
  const choice = findChromium({ executablePath: options.executablePath });
  if (!choice.found) throw new PrerequisiteError(describeMissingChromium(choice), { hint: CHROMIUM_INSTALL_HINT });
  return chromium.launch({ ...chromiumLaunchOptions(choice.path), timeout: options.timeoutMs ?? 30_000 });
}
