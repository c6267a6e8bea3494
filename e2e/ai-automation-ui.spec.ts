// ai-automation-ui (:3001): load, console, timing, every nav route, auth (Bearer VITE_API_KEY on every API call); it
// has no status grid and no live counter.
import { AI_AUTOMATION_UI_APP } from '../lib/e2e/index.js';
import { declareDashboardChecks } from './declare-dashboard-checks.js';

declareDashboardChecks({
  app: AI_AUTOMATION_UI_APP,
  checks: ['pageLoad', 'consoleErrors', 'loadTiming', 'tabs', 'auth'],
});
