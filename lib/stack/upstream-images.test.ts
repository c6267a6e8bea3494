import { describe, expect, it } from 'vitest';
import { runsOwnCode } from './upstream-images.js';

describe('runsOwnCode', () => {
  it('should take HomeIQ\'s upstream images on the reference, whose twins are all built', () => {
    const t = { kind: 'reference' as const, services: [] };
    expect(runsOwnCode('influxdb', t)).toBe(false);
    expect(runsOwnCode('data-api', t)).toBe(true);
  });

  it('should read `build:` from the live compose file, unknown services undecided', () => {
    const t = { kind: 'live' as const, services: [{ name: 'influxdb', build: null }, { name: 'data-api', build: { context: '.', contextPath: '/x', dockerfile: 'Dockerfile', args: {}, target: null } }] };
    expect(runsOwnCode('influxdb', t)).toBe(false);
    expect(runsOwnCode('data-api', t)).toBe(true);
    expect(runsOwnCode('nope', t)).toBeUndefined();
  });
});
