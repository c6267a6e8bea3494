export * from './http-get.js';
export * from './ha-websocket.js';
export * from './log-scan.js';
