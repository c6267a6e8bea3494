import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from './main.js';
import { parseBuildArgs, rebuildCommand } from './rebuild-command.js';
import type { ContainerLabelSource } from '../target/index.js';

const LIVE_COMPOSE = resolve(import.meta.dirname, '../../fixtures/live/homeiq/docker-compose.yml');

/** A directory with a live config pointing at the HomeIQ fixture and one backup directory with a manifest. */
function liveCheckout(): string {
  const cwd = mkdtempSync(join(tmpdir(), 'pg-cli-live-'));
  writeFileSync(join(cwd, 'phasegate.config.json'), JSON.stringify({ target: 'live', compose: { files: [LIVE_COMPOSE] }, live: { allowDestructive: true } }));
  mkdirSync(join(cwd, 'backups', 'phase0_20261202'), { recursive: true });
  writeFileSync(join(cwd, 'backups', 'phase0_20261202', 'backup_manifest_20261202_030000.txt'), 'abc  influxdb_data.tar.gz\n');
  return cwd;
}

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

  it('should refuse to rebuild a live compose file without the flags and a verified backup, listing what is missing, exit code 2', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'pg-cli-live-'));
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(['rebuild', 'phase1', '--compose', LIVE_COMPOSE], { out: (t) => out.push(t), err: (t) => err.push(t), cwd, env: {} });
    expect(code).toBe(2);
    expect(err.join('\n')).toBe(`phasegate: refusing to rebuild the live project "homeiq" (${LIVE_COMPOSE}): missing 1) live.allowDestructive: true in phasegate.config.ts (none found); 2) the per-run flag PHASEGATE_ALLOW_DESTRUCTIVE=1 or --allow-destructive; 3) a verified backup: no backup directory under ${join(cwd, 'backups')}\nhint: a step that changes a live HomeIQ needs all three; without them phasegate stays read-only (phasegate rebuild <phase> --dry-run shows the plan)`);
    const rollback = await main(['rollback', '--compose', LIVE_COMPOSE, '--allow-destructive'], { out: () => {}, err: (t) => err.push(t), cwd, env: {} });
    expect(rollback).toBe(2);
    expect(err.at(-1)).toMatch(/^phasegate: refusing to rollback the live project "homeiq" \(.*\): missing 1\) live\.allowDestructive: true in phasegate\.config\.ts \(none found\); 2\) a verified backup: no backup directory under \/.*\/backups\n/);
  });

  it('should pass the destructive guard with config switch, flag and a verified backup, then refuse a foreign project', async () => {
    const cwd = liveCheckout();
    const labels: ContainerLabelSource = { byNames: async (names) => names.map((name) => ({ name, labels: { 'com.docker.compose.project': 'homeiq', 'com.docker.compose.project.config_files': '/elsewhere/docker-compose.yml' } })) };
    const verified: string[] = [];
    const run = rebuildCommand('rebuild', ['phase1', '--allow-destructive'], () => {}, () => {}, { cwd, env: {}, labels, verifyBackup: async (dir) => (verified.push(dir), { ok: true, problems: [] }) });
    await expect(run).rejects.toThrow(/^live target refused: 7 container\(s\) named like services of project "homeiq" \(.*fixtures\/live\/homeiq\/docker-compose\.yml\) belong elsewhere: influxdb \(homeiq-influxdb\) was started from \/elsewhere\/docker-compose\.yml, not /);
    expect(verified).toEqual([join(cwd, 'backups', 'phase0_20261202')]);
  });

  it('should dry-run a live config and say which guards would block a real run', async () => {
    const cwd = liveCheckout();
    const out: string[] = [];
    const code = await main(['rebuild', 'phase1', '--dry-run'], { out: (t) => out.push(t), err: () => {}, cwd, env: { PHASEGATE_ALLOW_DESTRUCTIVE: '1' } });
    const text = out.join('\n');
    expect(text).toContain('Phase 1 — critical compatibility fixes');
    expect(text).toContain(`guards: a real rebuild of the live project "homeiq" would be refused; missing:\n  - a verified backup: ${join(cwd, 'backups', 'phase0_20261202')} failed verification (backup_manifest_20261202_030000.txt:1: not a sha256sum line: "abc  influxdb_data.tar.gz")`); // the real verifier (lib/backup) sees through the fixture's fake manifest
    expect(code).toBe(78); // the plan names services the fixture lacks (jaeger, …): reported, not run
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
