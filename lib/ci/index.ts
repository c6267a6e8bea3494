export * from './check-workflow.js';
export * from './workflow-schema.js';
