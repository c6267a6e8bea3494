import { describe, expect, it } from 'vitest';
import type { ComposeClient, ComposeResult } from './compose-client.js';
import { ComposeError, composeOrThrow } from './compose-error.js';
import { MissingComposeClient } from './missing-compose-client.js';

const result = (over: Partial<ComposeResult>): ComposeResult => ({
  step: 'up',
  command: 'docker-compose -p pgtest-x -f a.yml up -d api',
  exitCode: 0,
  timedOut: false,
  durationMs: 1234.4,
  stdoutTail: '',
  stderrTail: '',
  ...over,
});

describe('composeOrThrow', () => {
  it('should return a successful result unchanged', async () => {
    const ok = result({});
    await expect(composeOrThrow(Promise.resolve(ok))).resolves.toBe(ok);
  });

  it('should throw a ComposeError with the step, exit code and stderr tail', async () => {
    const error = await composeOrThrow(result({ exitCode: 1, stderrTail: 'ERROR: No such service: apii' })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ComposeError);
    const e = error as ComposeError;
    expect(e.message).toBe(
      'compose up failed: `docker-compose -p pgtest-x -f a.yml up -d api` exited 1 after 1234ms\nERROR: No such service: apii\nhint: read the stderr tail above; rerun the command by hand to see all of it',
    );
    expect([e.code, e.step, e.exitCode, e.timedOut, e.shortMessage]).toEqual(['PHASEGATE_COMPOSE_FAILED', 'up', 1, false, 'compose up failed (exit 1)']);
  });

  it('should name a timeout as such', async () => {
    const e = (await composeOrThrow(result({ step: 'build', exitCode: undefined, timedOut: true, durationMs: 5000 }), 'custom hint').catch((x: unknown) => x)) as ComposeError;
    expect(e.message).toBe('compose build failed: `docker-compose -p pgtest-x -f a.yml up -d api` timed out after 5000ms\nhint: custom hint');
    expect(e.shortMessage).toBe('compose build failed (timeout)');
  });
});

describe('MissingComposeClient', () => {
  it('should fail every call with the install hint', async () => {
    const client: ComposeClient = new MissingComposeClient('pgtest-x');
    await expect(client.up(['api'])).rejects.toThrow(
      'neither `docker compose` (v2) nor `docker-compose` (v1) is installed\nhint: install one: `apt-get install -y docker-compose` (v1) or the docker-compose-plugin package (v2); `phasegate doctor` checks it',
    );
    await expect(client.ps()).rejects.toMatchObject({ code: 'PHASEGATE_PREREQUISITE_MISSING' });
  });
});
