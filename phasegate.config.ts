// Default phasegate config: the local HomeIQ twin (fixtures/reference). Every option is in docs/config.md.
import { defineConfig } from './lib/config/index.js';

export default defineConfig({
  target: 'reference',
  compose: {
    files: ['fixtures/reference/docker-compose.yml'],
    envFile: 'fixtures/reference/.env',
    projectName: 'phasegate-ref',
    driver: 'auto',
    // No profiles: the same set as the reference stack's 'full' (every service without a profile).
    profiles: [],
  },
  services: {
    'websocket-ingestion': { healthPath: '/health', bodyRule: { field: 'status', equals: 'healthy' } },
    'data-api': { healthPath: '/health', bodyRule: { field: 'status', equals: 'healthy' } },
    'data-retention': { healthPath: '/health', bodyRule: { field: 'status', oneOf: ['healthy', 'warning'] } },
    influxdb: { healthPath: '/health', bodyRule: { field: 'status', equals: 'pass' } },
  },
  thresholds: {
    dashboardLoadMs: '3s',
    regressionRatio: '10%',
    healthyDeadlineMs: '2m',
  },
  reports: { dir: 'reports' },
});
