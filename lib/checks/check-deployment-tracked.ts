// RUN-M6 "Deployment tracked (track-deployment.py with id/status/commit/branch)" (004 Step 6 L165-174): the record of
// this run is in the deployments file (lib/reports/deployment-record.ts) and carries every field, well formed.
import type { CheckResult } from './check-result.js';

/** Options of {@link checkDeploymentTracked}. */
export interface DeploymentTrackedCheck {
  /** @default 'RUN-M6' */
  readonly criterionId?: string;
  /** The id this run's record must carry (`deploy-20261202-071500`). */
  readonly deploymentId: string;
  /** Where the records are, for messages. */
  readonly file: string;
}

const FIELDS: readonly [string, (v: unknown) => boolean, string][] = [
  ['status', (v) => v === 'success' || v === 'failed', 'success or failed'],
  ['commit', (v) => typeof v === 'string' && /^[0-9a-f]{40}$/.test(v), 'a 40-hex git commit'],
  ['branch', (v) => typeof v === 'string' && v.trim() !== '', 'a branch name'],
  ['repo', (v) => typeof v === 'string' && v !== '', 'the checkout\'s path'],
  ['recordedAt', (v) => typeof v === 'string' && !Number.isNaN(Date.parse(v)), 'an ISO time'],
];

/** Passed when exactly this run's record exists with every field well formed. Pure. */
export function checkDeploymentTracked(records: readonly unknown[], check: DeploymentTrackedCheck): CheckResult {
  const base = { criterionId: check.criterionId ?? 'RUN-M6', title: `deployment ${check.deploymentId} tracked`, limit: 'record with id, status, commit, branch' };
  const mine = records.filter((r): r is Record<string, unknown> => typeof r === 'object' && r !== null && (r as { deploymentId?: unknown }).deploymentId === check.deploymentId);
  if (mine.length === 0) return { ...base, status: 'failed', message: `${check.file} holds no record of deployment ${check.deploymentId} (${records.length} other record(s)). hint: the runbook gate writes it before this check; is the reports folder writable?` };
  const record = mine[mine.length - 1]!;
  const bad = FIELDS.filter(([field, ok]) => !ok(record[field])).map(([field, , want]) => `${field} is ${JSON.stringify(record[field] ?? null)} (expected ${want})`);
  const evidence = FIELDS.map(([field]) => ({ label: field, value: String(record[field] ?? '') }));
  if (bad.length > 0) return { ...base, status: 'failed', measurement: bad.length, evidence, message: `deployment ${check.deploymentId} in ${check.file} is incomplete: ${bad.join('; ')}. hint: the commit and branch come from git in the target checkout (${String(record.repo ?? 'unknown')}); a detached HEAD has no branch — check out a branch` };
  return { ...base, status: 'passed', evidence, message: `deployment ${check.deploymentId} tracked in ${check.file}: status ${String(record.status)}, commit ${String(record.commit).slice(0, 12)} on branch ${String(record.branch)} of ${String(record.repo)}` };
}
