// Regenerates docs/hostile-inputs.md from the hostile-input catalogue: `npx tsx scripts/gen-hostile-inputs-doc.ts`.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { HOSTILE_CASES, runHostileCase } from '../lib/hostile-inputs/hostile-cases.js';
import { HOSTILE_INPUTS_DOC, renderHostileInputsDoc } from '../lib/hostile-inputs/hostile-inputs-doc.js';

const scratch = mkdtempSync(join(tmpdir(), 'phasegate-hostile-doc-'));
try {
  const rows = [];
  for (const hostile of HOSTILE_CASES) {
    const dir = join(scratch, hostile.id);
    rows.push({ hostile, outcome: await runHostileCase(hostile, dir), dir });
  }
  const target = resolve(import.meta.dirname, '..', HOSTILE_INPUTS_DOC);
  writeFileSync(target, renderHostileInputsDoc(rows));
  console.log(`${HOSTILE_INPUTS_DOC}: ${rows.length} cases written`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
