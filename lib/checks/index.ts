export type * from './check-result.js';
export * from './container-state-source.js';
export * from './check-containers.js';
export * from './check-events.js';
export * from './check-health-body.js';
export * from './check-infra.js';
export * from './check-latency.js';
export * from './check-load-budget.js';
export * from './check-logs.js';
