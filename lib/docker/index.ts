export * from './container-inspector.js';
export * from './demux-docker-logs.js';
export * from './docker-api-error.js';
export * from './dockerode-container-inspector.js';
export * from './wait-healthy.js';
export * from './volume-fingerprint.js';
export * from './container-events.js';
