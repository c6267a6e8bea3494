import { describe, expect, it } from 'vitest';
import type { LogLine } from '../docker/container-inspector.js';
import { checkErrorCollection, collectErrorLines, formatErrorLog } from './check-error-collection.js';

const line = (text: string, timestamp = '2026-12-02T07:30:00.000Z'): LogLine => ({ stream: 'stdout', text, timestamp });
const containers = [{ service: 'data-api', name: 'homeiq-data-api', id: 'a' }, { service: 'admin-api', name: 'homeiq-admin', id: 'b' }];
const logs: Record<string, LogLine[]> = {
  a: [line('INFO started'), line('ERROR db locked'), line('request failed: ConnectionError', '2026-12-02T07:31:00.000Z')],
  b: [line('INFO ok')],
};

describe('collectErrorLines', () => {
  it("should keep the lines 001's grep -i error keeps, for every container, with the window asked", async () => {
    const windows: number[] = [];
    const c = await collectErrorLines(containers, async (id, since) => { windows.push(since); return logs[id]!; }, { expected: ['data-api', 'admin-api'], sinceSeconds: 3600 });
    expect(windows).toEqual([3600, 3600]);
    expect(c).toEqual({
      containers: [
        { service: 'data-api', container: 'homeiq-data-api', linesRead: 3, errorLines: ['2026-12-02T07:30:00.000Z ERROR db locked', '2026-12-02T07:31:00.000Z request failed: ConnectionError'] },
        { service: 'admin-api', container: 'homeiq-admin', linesRead: 1, errorLines: [] },
      ],
      unreadable: [],
      missing: [],
    });
    expect(formatErrorLog(c, new Date('2026-12-02T08:00:00Z'), 3600)).toBe(
      '# deployment_errors.log — error lines (grep -i error) of every container since 2026-12-02T07:00:00.000Z, collected 2026-12-02T08:00:00.000Z; secrets masked\n'
      + '=== homeiq-data-api (data-api): 2 error line(s) of 3\n2026-12-02T07:30:00.000Z ERROR db locked\n2026-12-02T07:31:00.000Z request failed: ConnectionError\n=== homeiq-admin (admin-api): 0 error line(s) of 1\n',
    );
    const r = checkErrorCollection(c, { criterionId: 'TV-M3', file: 'reports/testing/diagnostics/deployment_errors.log', sinceSeconds: 3600 });
    expect(r.status).toBe('passed');
    expect(r.message).toBe('logs of all 2 container(s) read over the last 1 h: 2 error line(s) collected into reports/testing/diagnostics/deployment_errors.log (most: homeiq-data-api 2)');
  });

  it('should fail when a container cannot be read or an expected service has no container', async () => {
    const c = await collectErrorLines(containers, async (id) => { if (id === 'b') throw new Error('Docker logs failed: homeiq-admin not found'); return logs[id]!; }, { expected: ['data-api', 'admin-api', 'jaeger'], sinceSeconds: 3600 });
    expect(c.unreadable).toEqual(['admin-api (homeiq-admin): Docker logs failed: homeiq-admin not found']);
    expect(formatErrorLog(c, new Date('2026-12-02T08:00:00Z'), 3600)).toContain('=== UNREADABLE admin-api (homeiq-admin): Docker logs failed: homeiq-admin not found\n=== MISSING jaeger: no container\n');
    const r = checkErrorCollection(c, { criterionId: 'TV-M3', file: 'x.log', sinceSeconds: 3600 });
    expect(r.status).toBe('failed');
    expect(r.message).toBe('could not read the logs of admin-api (homeiq-admin): Docker logs failed: homeiq-admin not found; jaeger has no container; 1 container(s) collected into x.log. hint: is the container running and the Docker daemon answering? (docker logs --since 1h <container>)');
  });

  it('should fail with nothing to collect from', () => {
    expect(checkErrorCollection({ containers: [], unreadable: [], missing: [] }, { criterionId: 'TV-M3', file: 'x.log', sinceSeconds: 3600 }).status).toBe('failed');
  });
});
