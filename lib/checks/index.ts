export type * from './check-result.js';
