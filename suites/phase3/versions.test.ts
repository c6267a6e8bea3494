// Phase 3 version audits (001 §Phase 3): static over the HomeIQ checkout the target names (config audit.repoRoot)
// and runtime (`python --version`, `pip show`) in the ML services' containers where they run. The reference target
// starts only the core services, so the runtime halves are skipped there ("no running container").
import { describe, inject, it } from 'vitest';
import { DockerExecVersionSource, PHASE3_CODE_RULES, PHASE3_ML_RUNTIME, PHASE3_ML_SERVICES, PHASE3_PINS, PHASE3_REQUIREMENTS_FILE, PHASE3_SC1_RUNTIME, scanRepo } from '../../lib/audit/index.js';
import { checkDockerBaseImage, checkNoGrepHits, checkRuntimePackages, checkRuntimePython, checkServiceFilePins } from '../../lib/checks/index.js';
import { ExecaCommandRunner } from '../../lib/system/command-runner.js';
import { gate, target, thresholds } from '../_setup/gate.js';

const t = target();
const scan = scanRepo(t.repoRoot);
const runtime = new DockerExecVersionSource({ runner: new ExecaCommandRunner(), containerFor: (s) => t.initialContainers.find((c) => c.service === s && c.state === 'running')?.name });
const ml = [...PHASE3_ML_SERVICES];
const dirsOf = (names: readonly string[]) => scan.services.filter((s) => names.includes(s.name)).map((s) => s.dir);

describe('Phase 3 — versions (HomeIQ checkout at audit.repoRoot)', () => {
  it('P3-PRE1: Python >= 3.10 in ml-service, ai-pattern-service, ha-ai-agent-service, rule-recommendation-ml (Dockerfile FROM and python --version; D8.1)', async (ctx) => {
    ctx.task.meta.contradictions = inject('contradictions').filter((c) => c.id === 'D8.1');
    const minimum = thresholds().pythonMinVersion;
    gate(
      ctx,
      checkDockerBaseImage(scan, 'P3-PRE1', { services: ml, image: 'python', minimum, hint: 'FROM python:3.12-slim (001 L700)' }),
      await checkRuntimePython(runtime, 'P3-PRE1', ml, minimum),
    );
  });

  it('P3-T2: requirements-phase3.txt pins numpy, pandas, scipy, scikit-learn, openai, tiktoken in the four ML services', (ctx) => {
    gate(ctx, checkServiceFilePins(scan, 'P3-T2', { services: ml, fileName: PHASE3_REQUIREMENTS_FILE, pins: PHASE3_PINS }));
  });

  it('P3-T3: no DataFrame.append, legacy np.random or openai < 1.0 API left (grep heuristics)', (ctx) => {
    gate(ctx, checkNoGrepHits(scan.root, 'P3-T3', 'Phase 3 breaking-change patterns', PHASE3_CODE_RULES, dirsOf(ml)));
  });

  it('P3-T6b: ml-service runtime NumPy 2.x, Pandas 3.x, scikit-learn >= 1.8 (pip show)', async (ctx) => {
    gate(ctx, await checkRuntimePackages(runtime, 'P3-T6b', ['ml-service'], PHASE3_ML_RUNTIME));
  });

  it('P3-SC1: every ML service on NumPy 2.x and Pandas 3.x (pip show)', async (ctx) => {
    gate(ctx, await checkRuntimePackages(runtime, 'P3-SC1', ml, PHASE3_SC1_RUNTIME));
  });
});
