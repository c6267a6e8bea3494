// `npx playwright test` runs the dashboard page checks (e2e/*.spec.ts) against an already-running stack.
// Never starts a web server and never downloads a browser: Debian's chromium-headless-shell, else chromium, or the one
// PHASEGATE_CHROMIUM names (lib/system/chromium-path.ts).
// URLs: HEALTH_DASHBOARD_URL (default http://127.0.0.1:3000), AI_AUTOMATION_UI_URL (default http://127.0.0.1:3001).
import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from './lib/e2e/launch-chromium.js';

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  outputDir: 'reports/playwright/test-results',
  timeout: 60_000,
  retries: 0,
  workers: 2,
  forbidOnly: true,
  reporter: [['list'], ['junit', { outputFile: 'reports/playwright/junit.xml' }]],
  use: {
    browserName: 'chromium',
    headless: true,
    launchOptions: chromiumLaunchOptions(),
    // lib/e2e records its own trace per context and keeps it only when a check failed.
    trace: 'off',
  },
  projects: [
    { name: 'health-dashboard', testMatch: 'health-dashboard.spec.ts', use: { baseURL: process.env.HEALTH_DASHBOARD_URL || 'http://127.0.0.1:3000' } },
    { name: 'ai-automation-ui', testMatch: 'ai-automation-ui.spec.ts', use: { baseURL: process.env.AI_AUTOMATION_UI_URL || 'http://127.0.0.1:3001' } },
  ],
});
