import { describe, expect, it } from 'vitest';
import { demuxDockerLogs } from '../docker/demux-docker-logs.js';
import { clearRegisteredSecrets, registerSecret } from '../common/secrets.js';
import { checkNoSecretsInLogs } from './check-secrets-in-logs.js';

/** One stdout frame of Docker's multiplexed log stream. */
const frame = (text: string) => {
  const body = Buffer.from(`${text}\n`);
  const header = Buffer.alloc(8);
  header[0] = 1;
  header.writeUInt32BE(body.length, 4);
  return Buffer.concat([header, body]);
};

describe('checkNoSecretsInLogs over lines from lib/docker (masked there, marked secretMasked)', () => {
  it('passes when masking changed no line', () => {
    const lines = demuxDockerLogs(Buffer.concat([frame('INFO started on :8006'), frame('INFO token=*** printed by the app itself')]));
    expect(lines.every((l) => !l.secretMasked)).toBe(true);
    expect(checkNoSecretsInLogs([{ service: 'data-api', lines }], { criterionId: 'RB-CL-SEC1', tail: 100 })).toMatchObject({ status: 'passed', measurement: 0, message: '0 of 2 log lines of 1 service(s) (last 100 each) hold a token, key or credential' });
  });

  it('fails naming the service and showing the line masked, for a registered value and for a header', () => {
    registerSecret('hs_live_9f8e7d6c5b');
    try {
      const lines = demuxDockerLogs(Buffer.concat([frame('DEBUG calling influx with hs_live_9f8e7d6c5b'), frame('DEBUG Authorization: Bearer abcdefgh12345678'), frame('INFO ok')]));
      const r = checkNoSecretsInLogs([{ service: 'websocket-ingestion', lines }], { criterionId: 'RB-CL-SEC1', tail: 100 });
      expect(r.status).toBe('failed');
      expect(r.measurement).toBe(2);
      expect(r.message).toBe('2 log line(s) of websocket-ingestion hold a secret (shown masked): websocket-ingestion: DEBUG calling influx with *** | websocket-ingestion: DEBUG Authorization: Bearer ***. hint: the service logs a token or key; rotate it and fix the log statement');
      expect(r.message).not.toContain('hs_live_9f8e7d6c5b');
    } finally {
      clearRegisteredSecrets();
    }
  });
});
