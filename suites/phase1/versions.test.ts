// Phase 1 version audits (002 Stories 1, 2 and 10; 001 §1.1): static over the HomeIQ checkout the target names
// (config audit.repoRoot; the reference target reads fixtures/homeiq-tree/after-phase1), plus `pip show` in the
// running Python services whose installed requirements declare the package.
import { describe, inject, it, type TestContext } from 'vitest';
import { AIOSQLITE_PIN, DockerExecVersionSource, FRONTEND_APPS, PHASE1_NPM_VERSIONS, phase1RangePins, scanRepo, SQLALCHEMY_PIN } from '../../lib/audit/index.js';
import {
  checkBaseIncluded,
  checkBasePins,
  checkExactPins,
  checkNoConflicts,
  checkNpmVersions,
  checkRequirementsReviewed,
  checkRuntimePackages,
  servicesDeclaring,
} from '../../lib/checks/index.js';
import { ExecaCommandRunner } from '../../lib/system/command-runner.js';
import { gate, target } from '../_setup/gate.js';

const t = target();
const choices = inject('versionChoices');
const scan = scanRepo(t.repoRoot);
const runtime = new DockerExecVersionSource({ runner: new ExecaCommandRunner(), containerFor: (s) => t.initialContainers.find((c) => c.service === s && c.state === 'running')?.name });

/** How phasegate reads criteria whose threshold is only "list" (criteria.md: P1-S2-AC2..AC4). */
const READINGS = [
  { id: 'P1-S2-AC2', question: 'What makes "services using -r ../../requirements-base.txt identified" pass or fail?', choice: 'every Python service\'s installed requirements file reaches requirements-base.txt through -r (otherwise the base pins do not apply, homeiq-facts.md §7); the list is the evidence', alternatives: ['list only, never fail'] },
  { id: 'P1-S2-AC3', question: 'When does "services with pinned versions documented" fail?', choice: 'when an exact pin (==) lies outside the base file\'s range for the same package; all exact pins are listed', alternatives: ['list only, never fail', 'fail on any exact pin'] },
  { id: 'P1-S2-AC4', question: 'Which constraints can conflict?', choice: 'declarations of one package in one service\'s requirements files and their includes that no version satisfies (the resolver dry-run is not run)', alternatives: ['pip install --dry-run in each image', 'differences across services'] },
];
const versionContradictions = (ids: string[]) => inject('contradictions').filter((c) => ids.includes(c.id));
const record = (ctx: TestContext, ids: string[]) => {
  ctx.task.meta.contradictions = [...versionContradictions(ids), ...READINGS.filter((r) => ids.includes(r.id))];
};

describe('Phase 1 — versions (HomeIQ checkout at audit.repoRoot)', () => {
  it('P1-S1-AC1: requirements-base SQLAlchemy >=2.0.46,<3.0.0, and no service declares a wider range', (ctx) => {
    gate(ctx, checkBasePins(scan, { criterionId: 'P1-S1-AC1', pins: [SQLALCHEMY_PIN] }));
  });

  it('P1-S1-AC2: requirements-base aiosqlite >=0.22.1,<0.23.0, and no service declares a wider range (D8.9)', (ctx) => {
    record(ctx, ['D8.9']);
    gate(ctx, checkBasePins(scan, { criterionId: 'P1-S1-AC2', pins: [AIOSQLITE_PIN], mayBeAbsent: choices['D8.9'] === 'sqlite-removed' ? ['aiosqlite'] : [] }));
  });

  it('P1-S1-AC3: version ranges properly configured: fastapi (D8.3), pydantic and httpx kept', (ctx) => {
    record(ctx, ['D8.3']);
    gate(ctx, checkBasePins(scan, { criterionId: 'P1-S1-AC3', pins: phase1RangePins(choices) }));
  });

  it('P1-S1-AC1/AC2 (runtime): pip show sqlalchemy / aiosqlite in the running services that declare them', async (ctx) => {
    record(ctx, ['D8.9']);
    const sqlalchemy = servicesDeclaring(scan, 'sqlalchemy', t.services);
    const aiosqlite = servicesDeclaring(scan, 'aiosqlite', t.services);
    gate(
      ctx,
      await checkRuntimePackages(runtime, 'P1-S1-AC1', sqlalchemy, [SQLALCHEMY_PIN]),
      await checkRuntimePackages(runtime, 'P1-S1-AC2', aiosqlite, [AIOSQLITE_PIN]),
    );
  });

  it('P1-S2-AC1: all Python requirements files reviewed (every file and include readable)', (ctx) => {
    gate(ctx, checkRequirementsReviewed(scan));
  });

  it('P1-S2-AC2: services using -r ../../requirements-base.txt identified', (ctx) => {
    record(ctx, ['P1-S2-AC2']);
    gate(ctx, checkBaseIncluded(scan));
  });

  it('P1-S2-AC3: services with pinned versions documented (exact pins within the base ranges)', (ctx) => {
    record(ctx, ['P1-S2-AC3']);
    gate(ctx, checkExactPins(scan));
  });

  it('P1-S2-AC4: conflicting constraints identified (none left)', (ctx) => {
    record(ctx, ['P1-S2-AC4']);
    gate(ctx, checkNoConflicts(scan));
  });

  it('P1-S10-AC1: both frontends on plugin-react 5.1.2, typescript-eslint 8.53.0, vitest 4.0.17, @playwright/test 1.58.1, happy-dom 20.5.0, msw 2.12.8', (ctx) => {
    gate(ctx, checkNpmVersions(scan, 'P1-S10-AC1', PHASE1_NPM_VERSIONS, FRONTEND_APPS, '002 L511-520'));
  });
});
