export * from './baseline-file.js';
export * from './baseline-schema.js';
export * from './compare-to-baseline.js';
export * from './create-baseline.js';
export * from './environment-fingerprint.js';
export * from './regression-profile.js';
export * from './baseline-source.js';
