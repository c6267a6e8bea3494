export * from './bootstrap-percentile.js';
export * from './compare-tails.js';
export * from './empirical-distribution.js';
export * from './ks-two-sample.js';
export * from './latency-histogram.js';
export * from './linear-trend.js';
export * from './seeded-random.js';
export * from './student-t.js';
