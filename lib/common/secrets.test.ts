import { afterEach, describe, expect, it } from 'vitest';
import { clearRegisteredSecrets, maskDeep, maskSecrets, registerSecret } from './secrets.js';

describe('maskSecrets', () => {
  afterEach(() => clearRegisteredSecrets());

  it('should mask URL credentials', () => {
    expect(maskSecrets('GET http://admin:admin123@127.0.0.1:8086/health')).toBe('GET http://admin:***@127.0.0.1:8086/health');
  });

  it('should mask Authorization headers and bare bearer tokens', () => {
    expect(maskSecrets('Authorization: Token homeiq-token-abcdef')).toBe('Authorization: Token ***');
    expect(maskSecrets('sent Bearer hs_P3rU9kQ2xZp6vL1fYc7bN4sTqD8mA0wR')).toBe('sent Bearer ***');
  });

  it('should mask KEY=value pairs whose name says secret', () => {
    expect(maskSecrets('INFLUXDB_TOKEN=homeiq-token HOME_ASSISTANT_TOKEN="abc123456" PORT=8086')).toBe(
      'INFLUXDB_TOKEN=*** HOME_ASSISTANT_TOKEN="***" PORT=8086',
    );
  });

  it('should mask JSON fields and the HA access_token', () => {
    expect(maskSecrets('{"type":"auth","access_token":"dev_simulator_token"}')).toBe('{"type":"auth","access_token":"***"}');
    expect(maskSecrets('{"api_key": "k-123456"}')).toBe('{"api_key": "***"}');
  });

  it('should mask registered literal values anywhere', () => {
    registerSecret('canary-7f3a9c');
    expect(maskSecrets('body said canary-7f3a9c twice: canary-7f3a9c')).toBe('body said *** twice: ***');
  });

  it('should mask strings deep inside objects and values of secret-named keys', () => {
    expect(maskDeep({ env: { INFLUXDB_TOKEN: 'x-token-1', PORT: '8086' }, lines: ['Token abcdefghij'] })).toEqual({
      env: { INFLUXDB_TOKEN: '***', PORT: '8086' },
      lines: ['Token ***'],
    });
  });
});
