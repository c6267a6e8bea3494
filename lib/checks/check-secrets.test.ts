import { describe, expect, it } from 'vitest';
import { checkSecretsNotDefault, HOMEIQ_DEFAULT_SECRETS } from './check-secrets.js';

describe('checkSecretsNotDefault', () => {
  it('should pass generated keys and say that no template was compared when there is none', () => {
    const r = checkSecretsNotDefault([{ service: 'data-api', name: 'API_KEY', value: 'hs_generated_9f8e7d' }, { service: 'admin-api', name: 'API_KEY', value: 'hs_generated_9f8e7d' }]);
    expect(r).toMatchObject({ criterionId: 'RUN-PRE-2c', status: 'passed' });
    expect(r.message).toBe('1 secret variable name(s) over 2 service setting(s): all set, none a default; no env.example template was found, so placeholders were not compared');
  });

  it('should fail HomeIQ\'s hard-coded fallback key, a template placeholder and an unset token without printing a value', () => {
    const r = checkSecretsNotDefault(
      [
        { service: 'data-api', name: 'API_KEY', value: HOMEIQ_DEFAULT_SECRETS[0]! },
        { service: 'websocket-ingestion', name: 'HOME_ASSISTANT_TOKEN', value: 'your_long_lived_token_here' },
        { service: 'websocket-ingestion', name: 'INFLUXDB_TOKEN', value: null },
      ],
      { template: { HOME_ASSISTANT_TOKEN: 'your_long_lived_token_here', INFLUXDB_TOKEN: 'homeiq-token' } },
    );
    expect(r).toMatchObject({ status: 'failed', measurement: 3 });
    expect(r.message).toBe(
      '3 secret setting(s) are missing or defaults: data-api API_KEY is a known HomeIQ default (homeiq-facts.md §1); websocket-ingestion HOME_ASSISTANT_TOKEN still has the env.example placeholder value; websocket-ingestion INFLUXDB_TOKEN is not set. hint: generate new keys and set them in .env; values are never printed',
    );
    expect(r.message).not.toContain(HOMEIQ_DEFAULT_SECRETS[0]!);
    expect(r.message).not.toContain('your_long_lived_token_here');
  });

  it('should skip, not pass, when there is nothing to judge', () => {
    expect(checkSecretsNotDefault([]).status).toBe('skipped');
  });
});
