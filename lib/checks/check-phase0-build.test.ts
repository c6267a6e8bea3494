import { describe, expect, it } from 'vitest';
import { checkBuildEnv, checkBuildkit } from './check-phase0-build.js';

const ok = (stdout: string) => ({ exitCode: 0, stdout, stderr: '' });
const missing = { exitCode: 125, stdout: '', stderr: 'docker: \'buildx\' is not a docker command.\nSee \'docker --help\'' };

describe('checkBuildkit (P0-S4-AC1c)', () => {
  it('passes when buildx version and buildx ls answer', () => {
    const r = checkBuildkit(ok('github.com/docker/buildx 0.13.1 0.13.1+ds1-3'), ok('NAME/NODE DRIVER/ENDPOINT STATUS\ndefault docker'));
    expect(r.status).toBe('passed');
    expect(r.measurement).toBe('0.13.1');
  });

  it('fails without buildx with the install hint, saying that the daemon\'s own BuildKit works', () => {
    const r = checkBuildkit(missing, undefined, { builtin: ok('sha256:abc') });
    expect(r.status).toBe('failed');
    expect(r.message).toMatch(/^`docker buildx version` failed \(exit 125: docker: 'buildx' is not a docker command\.\); the daemon's own BuildKit works .*hint: install the buildx plugin: `apt-get install docker-buildx`/);
  });

  it('fails when buildx ls fails, when the BuildKit build fails, and without a docker CLI', () => {
    expect(checkBuildkit(ok('v0.12.0'), { exitCode: 1, stdout: '', stderr: 'ERROR: no builder' }).message).toContain('`docker buildx ls` failed');
    expect(checkBuildkit(ok('v0.12.0'), ok('default'), { builtin: { exitCode: 1, stdout: '', stderr: 'failed to solve' } }).status).toBe('failed');
    expect(checkBuildkit({ exitCode: undefined, stdout: '', stderr: '', notFound: true }, undefined).message).toContain('the docker CLI is not installed');
  });
});

describe('checkBuildEnv (P0-S5-AC1a-c)', () => {
  it('passes the exact values, one result per variable', () => {
    const r = checkBuildEnv({ DOCKER_BUILDKIT: '1', BUILDKIT_PROGRESS: 'plain', COMPOSE_DOCKER_CLI_BUILD: '1' });
    expect(r.map((x) => [x.criterionId, x.status])).toEqual([['P0-S5-AC1a-c', 'passed'], ['P0-S5-AC1a-c', 'passed'], ['P0-S5-AC1a-c', 'passed']]);
  });

  it('fails unset and wrong values, naming the fix', () => {
    const [a, b, c] = checkBuildEnv({ DOCKER_BUILDKIT: '0', BUILDKIT_PROGRESS: 'auto' });
    expect(a!.message).toMatch(/^DOCKER_BUILDKIT is "0" .*requires DOCKER_BUILDKIT=1\. hint: export DOCKER_BUILDKIT=1/);
    expect(b!.status).toBe('failed');
    expect(c!.message).toMatch(/^COMPOSE_DOCKER_CLI_BUILD is not set/);
  });
});
