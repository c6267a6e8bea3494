export * from './command-runner.js';
export * from './doctor-table.js';
export * from './prerequisites.js';
export * from './chromium-path.js';
