import { describe, expect, it } from 'vitest';
import { healthFromStatus, parseDockerPsJsonLines } from './parse-docker-ps.js';

describe('parseDockerPsJsonLines', () => {
  it('should read service, state and health from docker ps JSON lines', () => {
    const stdout = [
      JSON.stringify({ ID: 'bbb', Names: 'pg_beta_1', State: 'running', Status: 'Up 3 seconds', Labels: 'com.docker.compose.project=pg,com.docker.compose.service=beta' }),
      'WARNING: not json',
      JSON.stringify({ ID: 'aaa', Names: 'pg_alpha_1', State: 'running', Status: 'Up 5 seconds (healthy)', Labels: 'com.docker.compose.service=alpha,com.docker.compose.project=pg' }),
    ].join('\n');
    expect(parseDockerPsJsonLines(stdout)).toEqual([
      { id: 'aaa', name: 'pg_alpha_1', service: 'alpha', state: 'running', status: 'Up 5 seconds (healthy)', health: 'healthy' },
      { id: 'bbb', name: 'pg_beta_1', service: 'beta', state: 'running', status: 'Up 3 seconds', health: 'none' },
    ]);
  });

  it('should map every health marker of the status column', () => {
    expect(healthFromStatus('Up 1 second (health: starting)')).toBe('starting');
    expect(healthFromStatus('Up 9 seconds (unhealthy)')).toBe('unhealthy');
    expect(healthFromStatus('Exited (1) 2 seconds ago')).toBe('none');
  });
});
