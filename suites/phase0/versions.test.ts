// Phase 0 version audits (000 Stories 3 and 4): Python in every Python container (`python --version`, numeric
// compare, D8.2), the Dockerfile base-image matrix, and Node read from the frontends' Dockerfiles (they run as nginx,
// D8.7). Static parts read the HomeIQ checkout the target names (config audit.repoRoot).
import { describe, inject, it } from 'vitest';
import { DockerExecVersionSource, FRONTEND_APPS, scanRepo } from '../../lib/audit/index.js';
import { checkDockerBaseImage, checkPythonAuditCsv, checkRuntimePython } from '../../lib/checks/index.js';
import { diagnosticsDir } from '../../lib/reports/phase0-artifacts.js';
import { ExecaCommandRunner } from '../../lib/system/command-runner.js';
import { gate, target, thresholds } from '../_setup/gate.js';
import { readIfExists, writePythonAudit } from '../_setup/phase0-evidence.js';
import { frontendNode } from '../_setup/phase0-infrastructure.js';

const t = target();
const scan = scanRepo(t.repoRoot);
const containerFor = (service: string) => t.initialContainers.find((c) => c.service === service && c.state === 'running')?.name;
const runtime = new DockerExecVersionSource({ runner: new ExecaCommandRunner(), containerFor });
/** Python services: a service folder with requirements files. Those the target runs are asked at runtime. */
const python = scan.services.filter((s) => s.requirements.length > 0).map((s) => s.name);
const runningPython = python.filter((s) => t.services.includes(s));

/** 000 L254: python_versions_audit.csv under reports/phase0/diagnostics/ (suites/_setup/phase0-evidence.ts). */
const audit = () => writePythonAudit({ scan, python, running: runningPython, runtime, containerFor, floor: thresholds().pythonMinVersion, dir: diagnosticsDir('phase0') });

describe('Phase 0 — versions (HomeIQ checkout at audit.repoRoot)', () => {
  it('P0-S3-AC1a: python --version read in every running Python container', async (ctx) => {
    gate(ctx, await checkRuntimePython(runtime, 'P0-S3-AC1a', runningPython, '0'));
  });

  it('P0-S3-AC1c: Python containers below the floor flagged (D8.1: 3.10; numeric compare, D8.2)', async (ctx) => {
    ctx.task.meta.contradictions = inject('contradictions').filter((c) => c.id === 'D8.1');
    gate(ctx, await checkRuntimePython(runtime, 'P0-S3-AC1c', runningPython, thresholds().pythonMinVersion));
  });

  it('P0-S3-AC1b: results saved to python_versions_audit.csv (one row per Python service)', async (ctx) => {
    const { path, problem } = await audit();
    gate(ctx, checkPythonAuditCsv(readIfExists(path), { criterionId: 'P0-S3-AC1b', path, services: python, ...(problem !== undefined ? { writeError: problem } : {}) }));
  });

  it('P0-SC3: Python versions documented for all services (each row has a runtime or Dockerfile version)', async (ctx) => {
    const { path, problem } = await audit();
    gate(ctx, checkPythonAuditCsv(readIfExists(path), { criterionId: 'P0-SC3', path, services: python, requireVersion: true, ...(problem !== undefined ? { writeError: problem } : {}) }));
  });

  it('P0-S3-AC2: version matrix: every Python Dockerfile FROM python:<version> at or above the floor', (ctx) => {
    gate(ctx, checkDockerBaseImage(scan, 'P0-S3-AC2', { services: scan.services.filter((s) => python.includes(s.name) && s.dockerfile).map((s) => s.name), image: 'python', minimum: thresholds().pythonMinVersion, hint: 'FROM python:3.12-slim or -alpine' }));
  });

  it('P0-S4-AC3ab: Node version of health-dashboard and ai-automation-ui read from their Dockerfiles (runtime is nginx)', (ctx) => {
    gate(ctx, checkDockerBaseImage(scan, 'P0-S4-AC3ab', { services: FRONTEND_APPS, image: 'node', minimum: '0' }));
  });

  it('P0-S4-AC3c: Node >= 18 for Vite 6 in the frontends\' build stages', (ctx) => {
    gate(ctx, frontendNode(scan));
  });
});
