import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { ExitCode } from '../common/exit-codes.js';
import { main } from './main.js';

describe('phasegate CLI', () => {
  it('should exit with the prerequisite code and name the daemon when Docker does not answer', async () => {
    // A socket path nobody listens on: the real docker CLI fails exactly as with a stopped daemon.
    const result = await execa('node', ['bin/phasegate.js', 'doctor'], {
      reject: false,
      env: { DOCKER_HOST: 'unix:///tmp/phasegate-no-daemon.sock' },
      timeout: 60_000,
    });
    expect(result.exitCode).toBe(ExitCode.PrerequisiteMissing);
    expect(result.stdout).toContain('problem: docker daemon: not reachable at unix:///tmp/phasegate-no-daemon.sock');
    expect(result.stdout).toContain('fix: start the Docker daemon');
  });

  it('should reject an unknown command with usage and exit code 2', async () => {
    const errors: string[] = [];
    const code = await main(['gaet'], { out: () => {}, err: (t) => errors.push(t) });
    expect(code).toBe(2);
    expect(errors[0]).toMatch(/^phasegate: unknown command "gaet"\n\nusage: phasegate <command>/);
  });

  it('should print the version from package.json', async () => {
    const lines: string[] = [];
    expect(await main(['version'], { out: (t) => lines.push(t) })).toBe(0);
    expect(lines[0]).toMatch(/^phasegate \d+\.\d+\.\d+$/);
  });
});
