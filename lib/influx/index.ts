export * from './flux-client.js';
