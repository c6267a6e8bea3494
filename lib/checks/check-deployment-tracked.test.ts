import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appendDeployment, deploymentId, readDeployments, readGitState, type DeploymentRecord } from '../reports/deployment-record.js';
import type { CommandResult, CommandRunner } from '../system/command-runner.js';
import { checkDeploymentTracked } from './check-deployment-tracked.js';

const record: DeploymentRecord = { deploymentId: 'deploy-20261202-071500', status: 'success', commit: 'a'.repeat(40), branch: 'main', repo: '/work/main', suite: 'runbook', recordedAt: '2026-12-02T07:20:00.000Z' };
const ok = (stdout: string): CommandResult => ({ exitCode: 0, stdout, stderr: '', timedOut: false, notFound: false, durationMs: 1 });

function fakeGit(answers: Record<string, CommandResult>): CommandRunner {
  return { run: async (_file, args) => answers[args.slice(2).join(' ')] ?? { ...ok(''), exitCode: 128, stderr: 'fatal: not a git repository' } };
}

describe('deployment records', () => {
  it('should name the deployment as 004 does', () => {
    expect(deploymentId(new Date('2026-12-02T07:15:00.123Z'))).toBe('deploy-20261202-071500');
  });

  it('should read commit, branch and top level through git -C', async () => {
    const git = fakeGit({ 'rev-parse HEAD': ok(`${'b'.repeat(40)}\n`), 'branch --show-current': ok('main\n'), 'rev-parse --show-toplevel': ok('/work/main\n') });
    expect(await readGitState(git, '/work/main/fixtures/homeiq-tree/after-phase1')).toEqual({ commit: 'b'.repeat(40), branch: 'main', repo: '/work/main' });
  });

  it('should say why when the folder is no git checkout, or on a detached HEAD', async () => {
    expect((await readGitState(fakeGit({}), '/tmp')).problem).toMatch(/not a git repository/);
    const detached = fakeGit({ 'rev-parse HEAD': ok('c'.repeat(40)), 'branch --show-current': ok(''), 'rev-parse --show-toplevel': ok('/r') });
    expect((await readGitState(detached, '/r')).problem).toBe('detached HEAD: no current branch');
  });
});

describe('checkDeploymentTracked (RUN-M6)', () => {
  it('should pass for this run\'s complete record read back from the file', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'pg-dep-')), 'deployments.jsonl');
    appendDeployment(file, { ...record, deploymentId: 'deploy-older' });
    appendDeployment(file, record);
    const r = checkDeploymentTracked(readDeployments(file), { deploymentId: record.deploymentId, file });
    expect(r.status).toBe('passed');
    expect(r.message).toMatch(/status success, commit aaaaaaaaaaaa on branch main of \/work\/main/);
  });

  it('should fail when this run has no record', () => {
    const r = checkDeploymentTracked([{ ...record, deploymentId: 'deploy-older' }], { deploymentId: record.deploymentId, file: 'd.jsonl' });
    expect(r.status).toBe('failed');
    expect(r.message).toMatch(/holds no record of deployment deploy-20261202-071500 \(1 other record\(s\)\)/);
  });

  it('should fail naming each missing or malformed field', () => {
    const r = checkDeploymentTracked([{ ...record, commit: '', branch: '' }], { deploymentId: record.deploymentId, file: 'd.jsonl' });
    expect(r.status).toBe('failed');
    expect(r.message).toMatch(/commit is "" \(expected a 40-hex git commit\); branch is "" \(expected a branch name\).*detached HEAD/);
  });
});
