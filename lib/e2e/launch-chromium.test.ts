// Launches the system browser (lib/system/chromium-path.ts picks it) and reads its command line from /proc: the features
// Playwright switches off must stay off when ours are added (Chromium keeps only the last --disable-features switch).
import { readdirSync, readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXTRA_DISABLED_FEATURES, launchChromium } from './launch-chromium.js';

/**
 * Command lines of the browser processes this process started: descendants (Debian's /usr/bin launchers are shell
 * scripts, and the headless shell's does not exec) that are chromium binaries, with the pipe and without `--type=`.
 */
function browserCommandLines(): string[][] {
  const parent = new Map<number, number>();
  const argvOf = new Map<number, string[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      parent.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
      argvOf.set(Number(entry), readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').filter(Boolean));
    } catch {
      // The process exited between readdir and read.
    }
  }
  const descends = (pid: number): boolean => {
    for (let p = parent.get(pid); p !== undefined && p > 1; p = parent.get(p)) if (p === process.pid) return true;
    return false;
  };
  const lines: string[][] = [];
  for (const [pid, argv] of argvOf) {
    if (/\/chromium[^/]*$/.test(argv[0] ?? '') && descends(pid) && argv.includes('--remote-debugging-pipe') && !argv.some((a) => a.startsWith('--type='))) lines.push(argv);
  }
  return lines;
}

describe('launchChromium', { timeout: 60_000 }, () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  it("should keep every feature Playwright switches off and also switch off the hidden WebUI omnibox popups", () => {
    const [argv, ...others] = browserCommandLines();
    expect(others).toEqual([]);
    const lists = (argv ?? []).filter((a) => a.startsWith('--disable-features=')).map((a) => a.slice('--disable-features='.length).split(','));
    // Playwright's own switch first, ours last (the one Chromium reads).
    expect(lists.length).toBeGreaterThanOrEqual(2);
    const effective = lists.at(-1) ?? [];
    for (const list of lists.slice(0, -1)) expect(list.filter((feature) => !effective.includes(feature))).toEqual([]);
    expect(effective).toEqual(expect.arrayContaining([...EXTRA_DISABLED_FEATURES]));
  });

  it('should still render pages with the features switched off', async () => {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await page.setContent('<p id="x">rendered</p>');
      expect(await page.textContent('#x')).toBe('rendered');
    } finally {
      await context.close();
    }
  });
});
