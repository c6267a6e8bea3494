import { describe, expect, it } from 'vitest';
import { checkAtLeast, checkComposeVersion, checkDockerVersion, checkVersionAtLeast, parseComposeVersion } from './check-infra.js';

describe('infra checks', () => {
  it('should fail compose v1 against the plan\'s v2 requirement, with the hint', () => {
    const r = checkVersionAtLeast('P0-S4-AC1b', 'Docker Compose', '1.29.2', '2.0', 'install the compose v2 plugin');
    expect(r).toMatchObject({ status: 'failed', measurement: '1.29.2', message: 'Docker Compose is 1.29.2; the plan requires >= 2.0. hint: install the compose v2 plugin' });
  });

  it('should pass Debian\'s Docker 20.10.24+dfsg1 against >= 20.10 and fail 19.03', () => {
    expect(checkDockerVersion('20.10.24+dfsg1')).toMatchObject({ criterionId: 'P0-S4-AC1a', status: 'passed', message: 'Docker Engine 20.10.24+dfsg1 >= 20.10' });
    expect(checkDockerVersion('19.03.15').message).toBe('Docker Engine is 19.03.15; the plan requires >= 20.10. hint: upgrade Docker Engine; the plans assume 20.10 or later');
  });

  it('should read every form of compose version output', () => {
    expect(['Docker Compose version v2.24.5', 'docker-compose version 1.29.2, build unknown', 'v2.27.0', '2.24.5-desktop.1', 'garbage'].map(parseComposeVersion)).toEqual(['2.24.5', '1.29.2', '2.27.0', '2.24.5-desktop.1', undefined]);
  });

  it('should report a v1 docker-compose honestly as a failure of P0-S4-AC1b', () => {
    const r = checkComposeVersion('docker-compose version 1.29.2, build unknown');
    expect(r).toMatchObject({ criterionId: 'P0-S4-AC1b', status: 'failed', measurement: '1.29.2' });
    expect(r.message).toBe(
      'Docker Compose (v1, docker-compose) is 1.29.2; the plan requires >= 2.0. hint: install the compose v2 plugin (docker-compose-plugin); the plans use `docker compose` and HomeIQ\'s compose file has a top-level name:, which v1 cannot load',
    );
    expect(checkComposeVersion('Docker Compose version v2.24.5').status).toBe('passed');
    expect(checkComposeVersion(undefined).message).toMatch(/^Docker Compose version could not be read; expected >= 2\.0\. hint: /);
  });

  it('should fail 2 CPU cores against the plan\'s 4', () => {
    expect(checkAtLeast('P0-S4-AC2c', 'CPU cores available to Docker', 2, 4, 'cores').message).toBe('CPU cores available to Docker: 2 cores, below the plan\'s minimum of 4 cores');
  });
});
