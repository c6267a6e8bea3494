// Phase 4 version audits (001 §Phase 4, conservative path), static over the HomeIQ checkout the target names
// (config audit.repoRoot). Node is audited on the Dockerfiles' `FROM node:` tag: the frontends run as nginx (D8.7).
import { describe, it } from 'vitest';
import { FRONTEND_APPS, PHASE1_NPM_VERSIONS, PHASE4_MAJORS, PHASE4_NODE_MINIMUM, scanRepo } from '../../lib/audit/index.js';
import { checkDockerBaseImage, checkNpmMajors, checkNpmVersions } from '../../lib/checks/index.js';
import { gate, target } from '../_setup/gate.js';

const t = target();
const scan = scanRepo(t.repoRoot);

describe('Phase 4 — versions (HomeIQ checkout at audit.repoRoot)', () => {
  it('P4-D1: conservative path: React 18, Vite 6, Tailwind 3 majors unchanged in both frontends', (ctx) => {
    gate(ctx, checkNpmMajors(scan, 'P4-D1', PHASE4_MAJORS, FRONTEND_APPS));
  });

  it('P4-D2: Node >= 20.19 in the frontends\' build stages (Dockerfile FROM node:)', (ctx) => {
    ctx.task.meta.contradictions = [{ id: 'D8.7', question: 'Where is the Node version audited (the frontends run as nginx)?', choice: 'the Dockerfile `FROM node:` tags of the build stages', alternatives: ['`node --version` in the running container (nginx: no node)'] }];
    gate(ctx, checkDockerBaseImage(scan, 'P4-D2', { services: FRONTEND_APPS, image: 'node', minimum: PHASE4_NODE_MINIMUM, hint: 'FROM node:20.19.0-alpine or newer (Vite 7 needs Node 20.19+, 001 L935)' }));
  });

  it('P4-T1: accumulated npm updates applied to both apps (6 packages at exact versions)', (ctx) => {
    gate(ctx, checkNpmVersions(scan, 'P4-T1', PHASE1_NPM_VERSIONS, FRONTEND_APPS, '001 L943-962'));
  });
});
