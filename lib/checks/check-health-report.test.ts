import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildHealthReport, writeHealthReports, type SweptEndpoint } from '../reports/health-report.js';
import { checkHealthReport } from './check-health-report.js';

const swept: SweptEndpoint[] = [
  { service: 'data-api', url: 'http://127.0.0.1:8006/health', result: { criterionId: 'RUN-POST-1e', title: 'data-api /health', status: 'passed', limit: 'status == "healthy"', message: 'data-api healthy', durationMs: 12.34 } },
  { service: 'weather-api', url: 'http://127.0.0.1:8009/health', result: { criterionId: 'RUN-POST-1e', title: 'weather-api /health', status: 'failed', limit: 'status == "healthy"', message: 'weather-api did not answer: ECONNREFUSED' } },
];
const critical = ['data-api'];

function written() {
  const dir = mkdtempSync(join(tmpdir(), 'pg-health-'));
  const at = new Date('2026-12-02T07:00:00Z');
  return writeHealthReports(dir, buildHealthReport(swept, { critical, generatedAt: at }), buildHealthReport(swept, { critical, generatedAt: at, criticalOnly: true }));
}

describe('buildHealthReport', () => {
  it('should give every service its status, latency (null when no answer) and verdict, and a critical subset', () => {
    const r = buildHealthReport(swept, { critical, generatedAt: new Date(0) });
    expect(r.summary).toEqual({ total: 2, healthy: 1, unhealthy: 1 });
    expect(r.services.map((s) => [s.service, s.status, s.latencyMs, s.critical])).toEqual([['data-api', 'healthy', 12.3, true], ['weather-api', 'unhealthy', null, false]]);
    expect(buildHealthReport(swept, { critical, generatedAt: new Date(0), criticalOnly: true }).services.map((s) => s.service)).toEqual(['data-api']);
  });
});

describe('checkHealthReport (RUN-POST-1e)', () => {
  it('should pass for complete reports, whatever the services\' health', () => {
    const paths = written();
    const r = checkHealthReport({ allFile: paths.all, criticalFile: paths.critical, expected: ['data-api', 'weather-api'], critical });
    expect(r.status).toBe('passed');
    expect(r.message).toMatch(/lists 2 service\(s\) \(1 not healthy/);
  });

  it('should fail naming a missing service and a missing file', () => {
    const paths = written();
    const r = checkHealthReport({ allFile: paths.all, criticalFile: join(paths.critical, '..', 'nope.json'), expected: ['data-api', 'weather-api', 'admin-api'], critical });
    expect(r.status).toBe('failed');
    expect(r.message).toMatch(/health-report.json lacks admin-api/);
    expect(r.message).toMatch(/nope.json does not exist/);
  });

  it('should fail an entry without latency or verdict, and a non-critical service in the critical report', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pg-health-'));
    writeFileSync(join(dir, 'a.json'), JSON.stringify({ services: [{ service: 'data-api', status: 'healthy', verdict: '' }] }));
    writeFileSync(join(dir, 'c.json'), JSON.stringify({ services: [{ service: 'data-api', status: 'healthy', latencyMs: 3, verdict: 'ok' }, { service: 'jaeger', status: 'healthy', latencyMs: 3, verdict: 'ok' }] }));
    const r = checkHealthReport({ allFile: join(dir, 'a.json'), criticalFile: join(dir, 'c.json'), expected: ['data-api'], critical });
    expect(r.status).toBe('failed');
    expect(r.message).toMatch(/data-api has no latency/);
    expect(r.message).toMatch(/data-api has no verdict/);
    expect(r.message).toMatch(/holds non-critical jaeger/);
  });

  it('should fail a file that is not JSON', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pg-health-'));
    writeFileSync(join(dir, 'a.json'), '{');
    expect(checkHealthReport({ allFile: join(dir, 'a.json'), criticalFile: join(dir, 'a.json'), expected: ['x'], critical: ['x'] }).message).toMatch(/is not JSON/);
  });
});
