import { describe, expect, it } from 'vitest';
import { detectComposeDriver, type CommandProbe } from './detect-compose-driver.js';

function probe(answers: Record<string, number | undefined>): CommandProbe & { calls: string[] } {
  const calls: string[] = [];
  const fn = (async (file: string, args: readonly string[]) => {
    const cmd = [file, ...args].join(' ');
    calls.push(cmd);
    return answers[cmd];
  }) as CommandProbe & { calls: string[] };
  fn.calls = calls;
  return fn;
}

describe('detectComposeDriver', () => {
  it('should prefer the v2 plugin when `docker compose version` works', async () => {
    const p = probe({ 'docker compose version': 0, 'docker-compose version': 0 });
    await expect(detectComposeDriver(p)).resolves.toBe('v2');
    expect(p.calls).toEqual(['docker compose version']);
  });

  it('should fall back to docker-compose v1', async () => {
    const p = probe({ 'docker compose version': 1, 'docker-compose version': 0 });
    await expect(detectComposeDriver(p)).resolves.toBe('v1');
    expect(p.calls).toEqual(['docker compose version', 'docker-compose version']);
  });

  it('should return undefined when neither is installed', async () => {
    await expect(detectComposeDriver(probe({}))).resolves.toBeUndefined();
  });
});
