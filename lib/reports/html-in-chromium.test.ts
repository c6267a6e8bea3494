import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../e2e/launch-chromium.js';
import { loadChartLibrary } from './chart-library.js';
import { sections, smallRun } from './testing/sample-run.js';
import { writeRunArtifacts } from './write-run-artifacts.js';

/** Screenshots are kept here as test artifacts (git-ignored). */
const ARTIFACTS = resolve('test-results', 'reports');

describe('the HTML report in chromium', { timeout: 30_000 }, () => {
  let browser: Browser;
  let root: string;
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'phasegate-html-'));
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('should render every chart offline without console errors and show the JUnit verdict', async () => {
    const { runDir } = writeRunArtifacts(smallRun(sections), { rootDir: root, chartLibrary: loadChartLibrary(), log: () => {} });
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const problems: string[] = [];
    const network: string[] = [];
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    page.on('pageerror', (e) => problems.push(e.message));
    // Offline proof: anything but the file itself is recorded and refused.
    await page.route('**/*', (route) => (route.request().url().startsWith('file:') ? route.continue() : (network.push(route.request().url()), route.abort())));
    await page.goto(pathToFileURL(join(runDir, 'report.html')).href);
    await page.waitForSelector('body[data-charts-rendered]');
    expect(await page.getAttribute('body', 'data-charts-rendered')).toBe('6');
    expect(await page.evaluate(() => (window as unknown as { phasegateChartErrors: string[] }).phasegateChartErrors)).toEqual([]);
    expect(problems).toEqual([]);
    expect(network).toEqual([]);
    const junitVerdict = /<property name="verdict" value="(\w+)"\/>/.exec(readFileSync(join(runDir, 'junit.xml'), 'utf8'))?.[1];
    expect(await page.getAttribute('#verdict', 'data-verdict')).toBe(junitVerdict);
    expect(await page.textContent('#verdict b')).toBe('FAILED');
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'report.png'), fullPage: true });
    await page.goto(pathToFileURL(join(root, 'index.html')).href);
    await page.waitForSelector('body[data-charts-rendered]');
    expect(await page.getAttribute('body', 'data-charts-rendered')).toBe('1');
    await page.screenshot({ path: join(ARTIFACTS, 'index.png'), fullPage: true });
    expect(problems).toEqual([]);
    await page.close();
  });
});
