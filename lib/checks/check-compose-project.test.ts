import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { registerSecret } from '../common/secrets.js';
import { loadInventory } from '../inventory/load-inventory.js';
import { checkComposeProject } from './check-compose-project.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A compose project in a temp dir, loaded by our parser as the suites do. */
function project(compose: string, env = '') {
  const dir = mkdtempSync(join(tmpdir(), 'phasegate-compose-check-'));
  dirs.push(dir);
  writeFileSync(join(dir, 'docker-compose.yml'), compose);
  if (env) writeFileSync(join(dir, '.env'), env);
  return () => loadInventory({ files: [join(dir, 'docker-compose.yml')], projectName: 'p', env: {} });
}

describe('checkComposeProject', () => {
  it('should pass a valid project and say how many services it has', () => {
    const r = checkComposeProject(project('services:\n  data-api:\n    image: x\n    environment:\n      TOKEN: ${TOKEN}\n', 'TOKEN=abc\n'), { criterionId: 'RUN-PRE-2a', what: 'compose config valid', kinds: ['unset-variable'] });
    expect(r.status).toBe('passed');
    expect(r.message).toMatch(/compose config valid: .*docker-compose\.yml load with 1 active service\(s\), no unset-variable anomaly$/);
  });

  it('should fail a compose file that does not parse, with the located error and its hint', () => {
    const r = checkComposeProject(project('services:\n  data-api:\n    image: x\n    helthcheck: {}\n'), { criterionId: 'RUN-GATE-4', what: 'compose config validation' });
    expect(r.status).toBe('failed');
    expect(r.message).toMatch(/^compose config validation: the compose project does not load: .*unknown service key "helthcheck".*did you mean "healthcheck"\?/);
  });

  it('should fail an unset variable (RUN-PRE-1d) and ignore kinds the criterion does not ask about', () => {
    const load = project('services:\n  data-api:\n    image: x\n    environment:\n      HOME_ASSISTANT_TOKEN: ${HOME_ASSISTANT_TOKEN}\n');
    const r = checkComposeProject(load, { criterionId: 'RUN-PRE-1d', what: 'required env vars set', kinds: ['unset-variable'] });
    expect(r).toMatchObject({ status: 'failed', measurement: 1 });
    expect(r.message).toMatch(/required env vars set: 1 anomaly in .*variable "HOME_ASSISTANT_TOKEN" is not set.* hint: set it in \.env \(template: infrastructure\/env\.example\) or the environment$/);
    expect(checkComposeProject(load, { criterionId: 'RUN-PRE-2a', what: 'valid', kinds: ['unknown-dependency'] }).status).toBe('passed');
  });

  it('should fail a dependency on an unknown service only for the services in scope', () => {
    const load = project('services:\n  a:\n    image: x\n    depends_on: [ghost]\n  b:\n    image: x\n');
    expect(checkComposeProject(load, { criterionId: 'RUN-M1', what: 'service dependencies', kinds: ['unknown-dependency'] }).status).toBe('failed');
    expect(checkComposeProject(load, { criterionId: 'RUN-M1', what: 'service dependencies', kinds: ['unknown-dependency'], services: ['b'] }).status).toBe('passed');
  });

  it('should mask a secret that appears in an anomaly message', () => {
    registerSecret('s3cr3t-compose-value');
    const r = checkComposeProject(() => {
      throw new Error('bad value s3cr3t-compose-value');
    }, { criterionId: 'RUN-PRE-2a', what: 'valid' });
    expect(r.message).not.toContain('s3cr3t-compose-value');
  });
});
