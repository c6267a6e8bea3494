export * from './catalog.js';
export * from './parse-criteria-markdown.js';
