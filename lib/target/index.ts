export * from './backup-gate.js';
export * from './container-labels.js';
export * from './destructive-guard.js';
export * from './foreign-project-guard.js';
export * from './load-live-target.js';
export * from './resolve-live-target.js';
export * from './service-urls.js';
export * from './live-guards.js';
