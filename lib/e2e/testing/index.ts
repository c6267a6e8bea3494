export * from './fake-homeiq-upstreams.js';
