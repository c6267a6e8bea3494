// health-dashboard (:3000): load, console, timing, every tab, service statuses vs admin-api, live event counter, auth
// as HomeIQ does it (the page's API calls send Bearer VITE_API_KEY, none refused).
import { HEALTH_DASHBOARD_APP } from '../lib/e2e/index.js';
import { declareDashboardChecks } from './declare-dashboard-checks.js';

declareDashboardChecks({
  app: HEALTH_DASHBOARD_APP,
  checks: ['pageLoad', 'consoleErrors', 'loadTiming', 'tabs', 'statuses', 'liveCounter', 'auth'],
});
