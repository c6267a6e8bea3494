// Launches Debian chromium and reads its command line from /proc: the features Playwright switches off must stay off
// when ours are added (Chromium keeps only the last --disable-features switch).
import { readdirSync, readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXTRA_DISABLED_FEATURES, launchChromium } from './launch-chromium.js';

/** Command lines of the chromium browser processes this process started (direct children without `--type=`). */
function browserCommandLines(): string[][] {
  const lines: string[][] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) !== process.pid) continue;
      const argv = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').filter(Boolean);
      if (argv.includes('--remote-debugging-pipe') && !argv.some((a) => a.startsWith('--type='))) lines.push(argv);
    } catch {
      // The process exited between readdir and read.
    }
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
