export * from './compose-client.js';
export * from './compose-error.js';
export * from './container-name.js';
export * from './detect-compose-driver.js';
export * from './execa-compose-client.js';
export * from './missing-compose-client.js';
export * from './parse-docker-ps.js';
