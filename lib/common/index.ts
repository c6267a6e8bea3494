export * from './clock.js';
export * from './errors.js';
export * from './exit-codes.js';
export * from './logger.js';
export * from './retry.js';
export * from './secrets.js';
export * from './printable.js';
export * from './wall-time-watchdog.js';
