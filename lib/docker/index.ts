export * from './container-inspector.js';
