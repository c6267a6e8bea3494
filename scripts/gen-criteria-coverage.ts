// Writes docs/criteria-coverage.md from the code (see lib/criteria/coverage.ts).
// Run: npx tsx scripts/gen-criteria-coverage.ts   (--check: exit 1 when the file is stale, write nothing)
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CRITERIA } from '../lib/criteria/catalog.js';
import { computeCoverage, renderCoverageMarkdown } from '../lib/criteria/coverage.js';
import { DEPLOY_PLANS } from '../lib/plans/deploy.js';
import { isImplemented, REBUILD_VALIDATION } from '../lib/plans/complete-rebuild-validation.js';
import { DEPLOY_SUITE, PLANS } from '../lib/plans/registry.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const COVERAGE_DOC = join(ROOT, 'docs', 'criteria-coverage.md');

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? testFiles(join(dir, e.name)) : e.name.endsWith('.test.ts') ? [join(dir, e.name)] : []));
}

/** The coverage document as the code stands now. */
export function currentCoverageMarkdown(): string {
  const suiteFiles = Object.fromEntries(testFiles(join(ROOT, 'suites')).map((f) => [relative(ROOT, f).split('\\').join('/'), readFileSync(f, 'utf8')]));
  // A plan's step criteria are decided by that suite's rebuild test (suites/<suite>/rebuild.test.ts).
  const planCriteria = Object.fromEntries(Object.entries(PLANS).map(([suite, plan]) => [`suites/${suite}/rebuild.test.ts`, plan.steps.flatMap((s) => s.criteria)]));
  // The deploy suite's rebuild test decides the steps of whichever day it runs (PHASEGATE_DEPLOY_DAY): all five plans.
  planCriteria[`suites/${DEPLOY_SUITE}/rebuild.test.ts`] = DEPLOY_PLANS.flatMap((plan) => plan.steps.flatMap((s) => s.criteria));
  // suites/rebuild/validation.test.ts runs 003's validation entries as data (lib/plans/complete-rebuild-validation.ts).
  planCriteria['suites/rebuild/validation.test.ts'] = REBUILD_VALIDATION.filter(isImplemented).map((e) => e.criterionId);
  return renderCoverageMarkdown(computeCoverage({ criteria: CRITERIA, suiteFiles, planCriteria }));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const text = currentCoverageMarkdown();
  if (process.argv.includes('--check')) {
    const stale = readFileSync(COVERAGE_DOC, 'utf8') !== text;
    console.log(stale ? 'docs/criteria-coverage.md is stale: run npx tsx scripts/gen-criteria-coverage.ts' : 'docs/criteria-coverage.md is current');
    process.exit(stale ? 1 : 0);
  }
  writeFileSync(COVERAGE_DOC, text);
  console.log(`wrote ${relative(process.cwd(), COVERAGE_DOC)}: ${text.split('\n').filter((l) => l.startsWith('- ')).join('; ')}`);
}
