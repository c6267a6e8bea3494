import { FaultController } from '../../fixtures/reference/services/_shared/faults.js';
import { createAiAutomationUiServer } from '../../fixtures/reference/services/ai-automation-ui/index.js';
import { createHealthDashboardServer } from '../../fixtures/reference/services/health-dashboard/index.js';
import { launchChromium } from '../../lib/e2e/index.js';
import { startFakeHomeiqUpstreams } from '../../lib/e2e/testing/index.js';
const apiKey = 'bench-key-0123456789';
const upstreams = await startFakeHomeiqUpstreams({ apiKey });
const dashboard = createHealthDashboardServer({ port: 0, ...upstreams, apiKey, faults: new FaultController({}) });
const aiUi = createAiAutomationUiServer({ port: 0, dataApiUrl: upstreams.dataApiUrl, aiAutomationUrl: 'http://127.0.0.1:1', apiKey, faults: new FaultController({}) });
const d = `http://127.0.0.1:${await dashboard.listen()}`;
const a = `http://127.0.0.1:${await aiUi.listen()}`;
const browser = await launchChromium();
for (let rep = 0; rep < 4; rep++) {
  for (const url of [d, a]) {
    const t: Record<string, number> = {};
    let t0 = performance.now();
    const lap = (k: string) => { const n = performance.now(); t[k] = Math.round(n - t0); t0 = n; };
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } }); lap('newContext');
    const page = await ctx.newPage(); lap('newPage');
    await page.goto(url + '/', { waitUntil: 'load' }); lap('goto');
    await page.waitForSelector(url === d ? '[data-testid="dashboard-root"]' : '[data-testid="ai-ui-root"]'); lap('root');
    await page.evaluate(() => 1); lap('evalRTT');
    await page.screenshot(); lap('screenshot');
    await ctx.close(); lap('close');
    console.log(url === d ? 'dash' : 'ai  ', JSON.stringify(t));
  }
}
await browser.close();
await Promise.all([dashboard.close(), aiUi.close(), upstreams.close()]);
