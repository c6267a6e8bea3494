export * from './compose-cli.js';
export * from './fault-client.js';
export * from './reference-stack.js';
