// Runbook 004 Step 6 "Track Deployment", run last (lib/vitest/rollups-last.ts): the gate run is recorded as a
// deployment — id, status (from what this run's other tests recorded), commit and branch of the target checkout —
// and the record is read back and judged. The commit and branch are git's for audit.repoRoot: on live the HomeIQ
// checkout; on the reference the fixture tree (fixtures/homeiq-tree/<state>), i.e. the phasegate checkout that
// holds it (the record's `repo` says which).
import { describe, inject, it } from 'vitest';
import { checkDeploymentTracked, checkRunWithoutFailures } from '../../lib/checks/index.js';
import { appendDeployment, deploymentId, deploymentsFile, readDeployments, readGitState } from '../../lib/reports/deployment-record.js';
import { readTestRecords } from '../../lib/reports/run-test-log.js';
import { ExecaCommandRunner } from '../../lib/system/command-runner.js';
import { gate, target } from '../_setup/gate.js';

const t = target();

describe('Runbook 004 — track the deployment (run last)', () => {
  it('RUN-M6: this run is tracked as a deployment with id, status, commit and branch of the target checkout', async (ctx) => {
    const id = deploymentId(new Date(inject('runStartedAt')));
    const soFar = checkRunWithoutFailures(readTestRecords(inject('testLog')), { criterionId: 'RUN-M6', exclude: ['RUN-M6'] });
    const git = await readGitState(new ExecaCommandRunner(), t.repoRoot);
    const file = deploymentsFile();
    appendDeployment(file, { deploymentId: id, status: soFar.status === 'failed' ? 'failed' : 'success', commit: git.commit, branch: git.branch, repo: git.repo, suite: 'runbook', recordedAt: new Date().toISOString() });
    gate(ctx, checkDeploymentTracked(readDeployments(file), { deploymentId: id, file }));
  });
});
