export * from './assert-loopback-target.js';
export * from './endpoint-recorder.js';
export * from './load-plan.js';
export * from './load-runner.js';
export * from './load-summary.js';
export * from './open-loop-scheduler.js';
export * from './run-closed-loop.js';
export * from './measure-regression.js';
