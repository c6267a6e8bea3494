export * from './define-plan.js';
export * from './phase1.js';
export * from './resolve-plan.js';
export * from './schema.js';
export * from './registry.js';
