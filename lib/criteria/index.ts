export * from './catalog.js';
export * from './parse-criteria-markdown.js';
export * from './coverage.js';
