export * from './check-dashboard-auth.js';
export * from './dashboard-app.js';
export * from './evaluate-dashboard.js';
export * from './launch-chromium.js';
export * from './observe-dashboard.js';
export * from './run-dashboard-checks.js';
