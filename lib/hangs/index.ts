export * from './hang-scenarios.js';
export * from './misbehaving-servers.js';
