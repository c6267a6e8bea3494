import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from './main.js';
import { parseBuildArgs } from './rebuild-command.js';

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('phasegate rebuild', () => {
  it('should print the Phase 1 plan as waves with renames and skipped services on --dry-run, touching nothing', async () => {
    const { code, out } = await run('rebuild', 'phase1', '--dry-run');
    expect(code).toBe(0);
    expect(out).toContain('Phase 1 — critical compatibility fixes: 8 wave(s), 10 service(s)');
    expect(out).toContain('  wave 3: data-api [P1-S4 rebuild]');
    expect(out).toContain('  wave 7: sports-api [P1-S5 rebuild], weather-api [P1-S5 rebuild]');
    expect(out).toMatch(/info {4}P1-S5: "calendar-service" is "calendar" in the compose file/);
    expect(out).toMatch(/ {2}P1-S9: energy-correlator, rule-recommendation-ml/);
  });

  it('should dry-run a user compose file and report plan names it does not have, with exit code 78', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pg-cli-rebuild-'));
    writeFileSync(join(dir, 'compose.yml'), 'services:\n  influxdb: { image: influxdb }\n  data-api: { image: d }\n');
    const { code, out } = await run('rebuild', 'phase1', '--dry-run', '--compose', join(dir, 'compose.yml'));
    expect(code).toBe(78);
    expect(out).toContain('error   P1-S3: the plan names "jaeger", which is not a service of the compose file');
  });

  it('should refuse to rebuild a user compose file (live) without a backup gate, exit code 2', async () => {
    const { code, err } = await run('rebuild', 'phase1', '--compose', '/tmp/nowhere.yml');
    expect(code).toBe(2);
    expect(err).toMatch(/refusing to rebuild \/tmp\/nowhere\.yml: a rebuild of a live HomeIQ needs a verified backup gate/);
    expect(err).toMatch(/hint: use --dry-run/);
  });

  it('should name the phases with a plan when given an unknown one, the deployment days included', async () => {
    const { code, err } = await run('rebuild', 'phase9', '--dry-run');
    expect(code).toBe(78);
    expect(err).toMatch(/no rebuild plan for "phase9"\nhint: phases with a plan: phase1, phase2, phase3, phase4, deploy-day1, deploy-day2, deploy-day3, deploy-day4, deploy-day5/);
  });

  it('should dry-run a deployment day by its plan id', async () => {
    const { code, out } = await run('rebuild', 'deploy-day1', '--dry-run');
    expect(code).toBe(0);
    expect(out).toContain('Deployment Day 1 — infrastructure and core services');
    expect(out).toMatch(/data-api \[DAY1-CORE rebuild\]/);
  });
});

describe('parseBuildArgs', () => {
  it('should group build args by service', () => {
    expect(Object.fromEntries(parseBuildArgs(['data-api:BUILD_FAIL=1', 'data-api:START_FAULTS={"a":1}', 'ui:X=']))).toEqual({
      'data-api': { BUILD_FAIL: '1', START_FAULTS: '{"a":1}' },
      ui: { X: '' },
    });
  });

  it('should reject a malformed build arg with a hint', () => {
    expect(() => parseBuildArgs(['BUILD_FAIL=1'])).toThrow(/--build-arg "BUILD_FAIL=1" must look like service:NAME=value\nhint: e\.g\. --build-arg data-api:BUILD_FAIL=1/);
  });
});
