// Post-deployment checklist, logs: no error line in the past hour (PD-D1-3), no CRITICAL line in 24 h (PD-24H-3), no
// database error in 48 h (PD-48H-5). Lines are read from the end of each container's log (bounded tail) and counted
// when Docker timestamped them inside the window; a container younger than the window has only its own lines.
import { describe, it } from 'vitest';
import { checkNoErrorLogs, INFLUX_WRITE_ERROR_PATTERNS, onlyNecessary } from '../../lib/checks/index.js';
import { DockerodeContainerInspector } from '../../lib/docker/index.js';
import { gate, target } from '../_setup/gate.js';

const t = target();
const inspector = new DockerodeContainerInspector();
const HOUR_MS = 3_600_000;
/** Lines read per container; the window filter applies within them. */
const TAIL = 2_000;
/** CRITICAL / FATAL log levels (Python logging, uvicorn, Go). */
const CRITICAL_PATTERNS = [/\b(?:CRITICAL|FATAL)\b/];
/** InfluxDB and SQLite failures: the write-error words plus query/connection failures and SQLite's own errors. */
const DATABASE_ERROR_PATTERNS = [
  ...INFLUX_WRITE_ERROR_PATTERNS,
  /\binflux\w*\b.{0,80}?\b(?:errors?|fail(?:s|ed|ure)?|unavailable|refused|timed? ?out)\b/i,
  /\bsqlite\w*\b.{0,80}?\b(?:errors?|locked|corrupt|malformed)\b/i,
  /\bdatabase (?:is locked|disk image is malformed)\b/i,
];

describe('Post-deployment — logs', () => {
  it('PD-D1-3: no error line in the past hour in any service\'s log', async (ctx) => {
    const states = await inspector.listProject(t.projectName);
    gate(ctx, await checkNoErrorLogs(inspector, states, { criterionId: 'PD-D1-3', services: t.services, tail: TAIL, sinceMs: Date.now() - HOUR_MS }));
  });

  it('PD-24H-3: no CRITICAL (or FATAL) line in 24 h in any service\'s log', async (ctx) => {
    const states = await inspector.listProject(t.projectName);
    gate(ctx, await checkNoErrorLogs(inspector, states, { criterionId: 'PD-24H-3', services: t.services, tail: TAIL, sinceMs: Date.now() - 24 * HOUR_MS, patterns: CRITICAL_PATTERNS, what: 'CRITICAL' }));
  });

  it('PD-48H-5: no InfluxDB or SQLite error line in 48 h (the log half of "no database issues")', async (ctx) => {
    const states = await inspector.listProject(t.projectName);
    const scan = await checkNoErrorLogs(inspector, states, { criterionId: 'PD-48H-5', services: t.services, tail: TAIL, sinceMs: Date.now() - 48 * HOUR_MS, patterns: DATABASE_ERROR_PATTERNS, what: 'database error' });
    gate(ctx, onlyNecessary(scan, '"no database issues" is not defined beyond log lines (criteria.md PD-48H-5: partial)'));
  });
});
