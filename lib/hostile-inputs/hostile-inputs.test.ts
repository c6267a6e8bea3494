import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOSTILE_CASES, runHostileCase, type HostileOutcome } from './hostile-cases.js';
import { HOSTILE_INPUTS_DOC, renderHostileInputsDoc } from './hostile-inputs-doc.js';

const ROOT = resolve(import.meta.dirname, '../..');
const scratch = mkdtempSync(join(tmpdir(), 'phasegate-hostile-'));
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;
const DEFAULT_HINT = /(^|\n|\. )hint: \S/;

/** Untracked and modified files of the repository: a case that writes outside its temp dir shows up here. */
function repoChanges(): string {
  return execFileSync('git', ['status', '--porcelain', '--untracked-files=all'], { cwd: ROOT, encoding: 'utf8' });
}
let before = '';
beforeAll(() => {
  before = repoChanges();
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Outcomes of the case tests, reused by the doc test (the 10 MB and 50 MB cases are not run twice). */
const outcomes = new Map<string, { outcome: HostileOutcome; dir: string }>();

describe('hostile inputs', () => {
  it('should hold at least 30 cases with unique ids', () => {
    expect(HOSTILE_CASES.length).toBeGreaterThanOrEqual(30);
    expect(new Set(HOSTILE_CASES.map((c) => c.id)).size).toBe(HOSTILE_CASES.length);
  });

  it.each(HOSTILE_CASES.map((c) => [c.id, c] as const))('%s: one located line with a hint, the right code, bounded', async (_id, hostile) => {
    const dir = join(scratch, hostile.id);
    const outcome = await runHostileCase(hostile, dir);
    outcomes.set(hostile.id, { outcome, dir });
    const [first = '', ...rest] = outcome.message.split('\n');

    expect(outcome.code, outcome.message).toBe(hostile.code);
    expect(outcome.exitCode).toBe(hostile.exitCode);
    // One line, optionally followed by exactly one `hint:` line; never a stack trace.
    expect(outcome.message).not.toMatch(/^\s+at /m);
    expect(rest.length).toBeLessThanOrEqual(1);
    if (rest.length === 1) expect(rest[0]).toMatch(/^hint: \S/);
    expect(outcome.message).toMatch(hostile.hint ?? DEFAULT_HINT);
    expect(outcome.message).not.toMatch(CONTROL);
    expect(first.length).toBeLessThanOrEqual(600);
    for (const mention of hostile.mentions) expect(first).toContain(mention);
    const facts: Record<string, number> = { ...outcome.facts, messageChars: outcome.message.length };
    for (const [fact, max] of Object.entries(hostile.limits ?? {})) {
      expect(facts[fact], `${fact} of ${hostile.id}`).toBeLessThanOrEqual(max);
    }
    // Only the case's own folder was written to (and the reports case must not have created anything).
    if (hostile.area === 'reports') expect(readdirSync(dir).sort()).toEqual([hostile.id === 'report-dir-is-a-file' ? 'reports' : 'README.md']);
  });

  it('should bound the health probe read of a 50 MB body to its 1 MiB cap', () => {
    const outcome = outcomes.get('health-50mb-body')?.outcome;
    expect(outcome, 'run the whole file').toBeDefined();
    // The client hung up after 1 MiB: the server got out far less than the 50 MB it meant to send.
    expect(outcome!.facts.serverBytes).toBeLessThan(16 * 1024 * 1024);
    expect(outcome!.facts.evidenceChars).toBeLessThan(2_000);
  });

  it('should write nothing outside the temporary folders', () => {
    expect(repoChanges()).toBe(before);
  });

  it(`should keep ${HOSTILE_INPUTS_DOC} in step with the case table`, async () => {
    const rows = [];
    for (const hostile of HOSTILE_CASES) {
      // Cases filtered out by -t run here.
      const ran = outcomes.get(hostile.id);
      const dir = ran?.dir ?? join(scratch, 'doc', hostile.id);
      rows.push({ hostile, outcome: ran?.outcome ?? await runHostileCase(hostile, dir), dir });
    }
    const current = readFileSync(join(ROOT, HOSTILE_INPUTS_DOC), 'utf8');
    expect(current, `${HOSTILE_INPUTS_DOC} is stale: run npx tsx scripts/gen-hostile-inputs-doc.ts`).toBe(renderHostileInputsDoc(rows));
  });
});
