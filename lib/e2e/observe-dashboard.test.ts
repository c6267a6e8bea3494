// Drives Debian chromium against a minimal two-tab page served in-process on 127.0.0.1 (port 0).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DashboardApp } from './dashboard-app.js';
import { launchChromium } from './launch-chromium.js';
import { observeDashboard } from './observe-dashboard.js';

// Tab "small" is shown at load with a line of text; clicking tab "big" renders a panel far larger than anything the
// load painted, records when (performance.now(), the same time origin as the LCP entries) and stays busy 300 ms.
const PAGE = `<!doctype html><html><head><title>two tabs</title></head><body>
<div data-testid="root">
  <nav data-testid="nav"><button role="tab" data-tab="small">Small</button><button role="tab" data-tab="big">Big</button></nav>
  <section id="panel-small"><p>first load content</p></section>
  <section id="panel-big" hidden></section>
</div>
<script>
  document.querySelector('[data-tab="big"]').addEventListener('click', () => {
    const panel = document.getElementById('panel-big');
    panel.hidden = false;
    document.getElementById('panel-small').hidden = true;
    const block = document.createElement('div');
    block.style.cssText = 'font-size: 64px; width: 1200px';
    block.textContent = 'rendered by the tab walk, long after the load '.repeat(12);
    panel.append(block);
    window.bigRenderedAt = performance.now();
    // Busy for a while after: the walk waits, so the big panel is painted before the walk (and the check) ends.
    panel.setAttribute('aria-busy', 'true');
    setTimeout(() => panel.setAttribute('aria-busy', 'false'), 300);
  });
</script></body></html>`;

const APP: DashboardApp = {
  name: 'two-tabs',
  startPath: '/',
  rootSelector: '[data-testid="root"]',
  tabSelector: '[data-testid="nav"] [role="tab"]',
  tabIdAttribute: 'data-tab',
  tabSelectorFor: (id) => `[data-tab="${id}"]`,
  panelSelectorFor: (id) => `#panel-${id}`,
  errorSelector: '[data-testid="error-state"]',
  expectedTabIds: [],
};

describe('observeDashboard', { timeout: 60_000 }, () => {
  let browser: Browser;
  let server: Server;
  let baseUrl: string;

  beforeAll(async () => {
    server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
  });

  it('should report the largest paint of the first load, not a larger panel the tab walk renders after it', async () => {
    const open = await observeDashboard(browser, { app: APP, baseUrl });
    try {
      const { observation } = open;
      expect(observation.tabs.map((t) => `${t.id} ${t.rendered}`)).toEqual(['small true', 'big true']);
      // The page is still open until close(): ask it when the walk rendered the big panel.
      const page = browser.contexts().flatMap((c) => c.pages()).find((p) => p.url().startsWith(baseUrl))!;
      const renderedAt = await page.evaluate(() => (window as unknown as { bigRenderedAt?: number }).bigRenderedAt ?? null);
      expect(renderedAt).not.toBeNull();
      console.log('DBG', renderedAt, observation.timing, await page.evaluate(() => new Promise((r) => new PerformanceObserver((l) => r(l.getEntries().map((e) => e.startTime))).observe({ type: 'largest-contentful-paint', buffered: true }))));
      expect(observation.timing?.lcpMs).toEqual(expect.any(Number));
      expect(observation.timing!.lcpMs!).toBeLessThan(renderedAt!);
    } finally {
      await open.close();
    }
  });
});
