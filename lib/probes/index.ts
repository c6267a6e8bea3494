export * from './body-rule.js';
export * from './http-probe.js';
export * from './http-get.js';
export * from './ha-websocket-probe.js';
export * from './ha-websocket.js';
export * from './log-scanner.js';
export * from './log-scan.js';
export * from './availability-probe.js';
