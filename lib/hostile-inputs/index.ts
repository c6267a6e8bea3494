export * from './hostile-cases.js';
export * from './hostile-inputs-doc.js';
