import { describe, expect, it } from 'vitest';
import { checkAtLeast, checkVersionAtLeast } from './check-infra.js';

describe('infra checks', () => {
  it('should fail compose v1 against the plan\'s v2 requirement, with the hint', () => {
    const r = checkVersionAtLeast('P0-S4-AC1b', 'Docker Compose', '1.29.2', '2.0', 'install the compose v2 plugin');
    expect(r).toMatchObject({ status: 'failed', measurement: '1.29.2', message: 'Docker Compose is 1.29.2; the plan requires >= 2.0. hint: install the compose v2 plugin' });
  });

  it('should pass Debian\'s Docker 20.10.24+dfsg1 against >= 20.10', () => {
    expect(checkVersionAtLeast('P0-S4-AC1a', 'Docker Engine', '20.10.24+dfsg1', '20.10').status).toBe('passed');
  });

  it('should fail 2 CPU cores against the plan\'s 4', () => {
    expect(checkAtLeast('P0-S4-AC2c', 'CPU cores available to Docker', 2, 4, 'cores').message).toBe('CPU cores available to Docker: 2 cores, below the plan\'s minimum of 4 cores');
  });
});
