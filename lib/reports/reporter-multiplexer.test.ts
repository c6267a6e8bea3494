import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { clearRegisteredSecrets, registerSecret } from '../common/secrets.js';
import { ReporterMultiplexer, type ReportRenderer } from './reporter-multiplexer.js';
import { smallRun } from './testing/sample-run.js';
import { writeReport } from './write-report.js';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'phasegate-mux-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true }));
  clearRegisteredSecrets();
});

const ok = (name: string): ReportRenderer => ({ name, fileName: `${name}.md`, render: (r) => `${name}: ${r.verdict}\n` });

describe('ReporterMultiplexer', () => {
  it('should isolate a failing reporter, log it and still write the others', () => {
    const dir = tempDir();
    const errors: string[] = [];
    const broken: ReportRenderer = { name: 'broken', fileName: 'x.md', render: () => { throw new Error('cannot render with token=abcd1234efgh'); } };
    const result = new ReporterMultiplexer([ok('first'), broken, ok('last')], { onError: (l) => errors.push(l) }).writeAll(dir, smallRun());
    expect(errors).toEqual(['Error in reporter broken: cannot render with token=***']);
    expect(result.failed).toEqual([{ reporter: 'broken', message: 'cannot render with token=***' }]);
    expect(result.written).toEqual([join(dir, 'first.md'), join(dir, 'last.md')]);
    expect(readFileSync(join(dir, 'last.md'), 'utf8')).toBe('last: failed\n');
  });

  it('should hand renderers a report whose secrets are already masked', () => {
    registerSecret('canary-secret-value');
    const seen: string[] = [];
    const spy: ReportRenderer = { name: 'spy', fileName: 'spy.json', render: (r) => { seen.push(JSON.stringify(r)); return ''; } };
    new ReporterMultiplexer([spy], { write: () => 'unused' }).writeAll(tempDir(), smallRun({ environment: { note: 'canary-secret-value' } }));
    expect(seen[0]).toContain('"note":"***"');
  });
});

describe('writeReport', () => {
  it('should create the folder, mask secrets and log the path', () => {
    registerSecret('s3cr3t-value');
    const dir = join(tempDir(), 'a', 'b');
    const lines: string[] = [];
    const path = writeReport(dir, 'report.md', 'token s3cr3t-value and http://user:pw@127.0.0.1/', (l) => lines.push(l));
    expect(readFileSync(path, 'utf8')).toBe('token *** and http://user:***@127.0.0.1/');
    expect(lines).toEqual([`Markdown report written to ${join(dir, 'report.md')}`]);
  });
});
