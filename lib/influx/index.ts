export * from './annotated-csv.js';
export * from './influx-query-client.js';
export * from './flux-queries.js';
export * from './flux-client.js';
export * from './window-points.js';
