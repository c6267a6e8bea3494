export * from './build-stamp.js';
export * from './compose-file.js';
export * from './fault-client.js';
export * from './reference-stack.js';
export * from './reference-state.js';
export * from './started-reference-stack.js';
export * from './upstream-images.js';
