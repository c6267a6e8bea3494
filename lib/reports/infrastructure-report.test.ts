import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../checks/check-result.js';
import { checkInfrastructureReport } from '../checks/check-phase0-artifacts.js';
import { registerSecret } from '../common/secrets.js';
import { renderInfrastructureReport, splitHint, type InfrastructureEntry } from './infrastructure-report.js';

const at = new Date('2026-12-02T17:30:00Z');
const passed = (criterionId: string, title: string, measurement: string | number, limit: string): CheckResult => ({ criterionId, title, status: 'passed', measurement, limit, message: `${title} is ${measurement}` });
const failed = (criterionId: string, title: string, measurement: string | number, limit: string, hint: string): CheckResult => ({ criterionId, title, status: 'failed', measurement, limit, message: `${title} is ${measurement}; the plan requires ${limit}. hint: ${hint}` });

// An unready host as this machine is: Compose v1, 2 cores; the rest fine.
const UNREADY: InfrastructureEntry[] = [
  { kind: 'version', result: passed('P0-S4-AC1a', 'Docker Engine', '20.10.24', '>= 20.10') },
  { kind: 'version', result: failed('P0-S4-AC1b', 'Docker Compose', '1.29.2', '>= 2.0', 'install the compose plugin (docker-compose-plugin)') },
  { kind: 'service', result: passed('P0-S4-AC1d', 'Docker daemon /_ping', 'OK', '== OK') },
  { kind: 'resource', result: failed('P0-S4-AC2c', 'CPU cores available to Docker', 2, '>= 4', 'parallel rebuilds will be slower; the plan assumes 4') },
];

describe('renderInfrastructureReport (P0-S4-AC4)', () => {
  it('documents every check, names the blockers, the upgrades and one remediation step per blocker, upgrades first', () => {
    const md = renderInfrastructureReport({ entries: [...UNREADY].reverse(), generatedAt: at, where: 'reference stack' });
    expect(md).toContain('**Verdict: NOT READY** — 4 checks: 2 passed, 2 failed.');
    expect(md).toContain('| P0-S4-AC1b | Docker Compose | **FAILED** | 1.29.2 | >= 2.0 |');
    expect(md).toContain('| P0-S4-AC1a | Docker Engine | passed | 20.10.24 | >= 20.10 |');
    expect(md).toContain('- **P0-S4-AC2c** CPU cores available to Docker: CPU cores available to Docker is 2; the plan requires >= 4');
    expect(md).toMatch(/## Upgrade requirements\n\n- Docker Compose: 1\.29\.2 → >= 2\.0 \(P0-S4-AC1b\)\n\n## Remediation plan/);
    expect(md).toMatch(/## Remediation plan\n\n1\. P0-S4-AC1b: install the compose plugin \(docker-compose-plugin\)\n2\. P0-S4-AC2c: parallel rebuilds/);
  });

  it('says READY with no blockers, no upgrades and no remediation when every check passed', () => {
    const md = renderInfrastructureReport({ entries: UNREADY.filter((e) => e.result.status === 'passed'), generatedAt: at });
    expect(md).toContain('**Verdict: READY** — 2 checks: 2 passed, 0 failed.');
    expect(md).toContain('## Blockers\n\nNone: no check failed.');
    expect(md).toContain('## Upgrade requirements\n\nNone:');
    expect(md).toContain('## Remediation plan\n\nNot needed: no check failed.');
  });

  it('never says READY for an undecided check, and keeps a table cell on one line with its pipes escaped and secrets masked', () => {
    registerSecret('s3cr3t-token-value');
    const odd: CheckResult = { criterionId: 'P0-S4-AC1c', title: 'BuildKit | buildx', status: 'skipped', message: 'buildx said\ns3cr3t-token-value' };
    const md = renderInfrastructureReport({ entries: [{ kind: 'version', result: odd }], generatedAt: at });
    expect(md).toContain('**Verdict: NOT DECIDED**');
    expect(md).toContain('| P0-S4-AC1c | BuildKit \\| buildx | not decided | — | — |');
    expect(md).not.toContain('s3cr3t-token-value');
  });

  it('splits a check message at its hint', () => {
    expect(splitHint('Compose is 1.29; the plan requires >= 2.0. hint: install the plugin')).toEqual({ finding: 'Compose is 1.29; the plan requires >= 2.0', hint: 'install the plugin' });
    expect(splitHint('no hint here')).toEqual({ finding: 'no hint here', hint: null });
  });
});

describe('checkInfrastructureReport (P0-S4-AC4)', () => {
  const ids = UNREADY.map((e) => e.result.criterionId);
  const file = (text: string) => ({ path: 'reports/phase0/diagnostics/infrastructure_validation_report.md', bytes: text.length, mtimeMs: 0 });

  it('passes a NOT READY report that documents every check: the host facts are the other criteria', () => {
    const text = renderInfrastructureReport({ entries: UNREADY, generatedAt: at });
    const r = checkInfrastructureReport(file(text), text, { expectedIds: ids });
    expect(r.status).toBe('passed');
    expect(r.message).toContain('verdict NOT READY, 4 checks documented');
  });

  it('fails a report that leaves a check out or lacks a section, naming both', () => {
    const text = renderInfrastructureReport({ entries: UNREADY.slice(1), generatedAt: at }).replace('## Upgrade requirements', '## Upgrades');
    const r = checkInfrastructureReport(file(text), text, { expectedIds: ids });
    expect(r.status).toBe('failed');
    expect(r.message).toContain('lacks the section(s) "## Upgrade requirements"; does not document P0-S4-AC1a in its Checks table');
  });

  it('fails when the report was not written, saying why', () => {
    const r = checkInfrastructureReport({ path: 'reports/x.md', problem: 'not written: reports.dir: cannot write reports/x.md (ENOTDIR: a part of the path is a file, not a folder)' }, undefined, { expectedIds: ids });
    expect(r).toMatchObject({ criterionId: 'P0-S4-AC4', status: 'failed' });
    expect(r.message).toMatch(/^reports\/x\.md: not written: .*ENOTDIR.*hint: /);
    expect(checkInfrastructureReport({ path: 'reports/x.md' }, undefined, { expectedIds: ids }).message).toMatch(/does not exist/);
    expect(checkInfrastructureReport(file(''), '', { expectedIds: ids }).message).toMatch(/is empty/);
  });
});
