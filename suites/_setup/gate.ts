// What every gate test does with a check result: attach it to the test (the reporters read it) and assert it.
import { expect, inject, type TestContext } from 'vitest';
import type { CheckResult } from '../../lib/checks/check-result.js';
import { registerSecret } from '../../lib/common/secrets.js';
import type { DataSourceSettings, GateThresholds, MonitorSettings, SecurityPolicy, TargetDescription } from './target.js';

declare module 'vitest' {
  interface TaskMeta {
    /** Criterion IDs this test decides (criteria.md). */
    criterionIds?: string[];
    /** The check results behind the verdict. */
    checks?: CheckResult[];
  }
}

/** The target prepared by the global setup; its secrets are registered for masking in this worker. */
export function target(): TargetDescription {
  const t = inject('target');
  t.secrets.forEach(registerSecret);
  return t;
}

/** The limits of this run, from phasegate.config.ts (see docs/config.md). */
export function thresholds(): GateThresholds {
  return inject('thresholds');
}

/** The security policy of this run (config `security`, docs/config.md). */
export function securityPolicy(): SecurityPolicy {
  return inject('security');
}

/** Watch and sampling windows of this run (config `monitor`, docs/config.md). */
export function monitorSettings(): MonitorSettings {
  return inject('monitor');
}

/** D2-3's external data sources of this run (config `dataSources`, docs/config.md). */
export function dataSourceSettings(): DataSourceSettings {
  return inject('dataSources');
}

/**
 * Records the results on the test and fails it with the first failing result's message. A `skipped` result (the
 * check could not decide yet, e.g. "not yet provable: up 4 min of 1 h") skips the test with its message: shown
 * as skipped with the reason, never as a pass.
 */
export function gate(ctx: TestContext, ...results: CheckResult[]): void {
  const meta = ctx.task.meta;
  meta.criterionIds = [...new Set([...(meta.criterionIds ?? []), ...results.map((r) => r.criterionId)])];
  meta.checks = [...(meta.checks ?? []), ...results];
  for (const r of results) if (r.status !== 'skipped') expect(r.status, `[${r.criterionId}] ${r.message}`).toBe('passed');
  const undecided = results.filter((r) => r.status === 'skipped');
  if (undecided.length > 0) ctx.skip(undecided.map((r) => `[${r.criterionId}] ${r.message}`).join('; '));
}

/** Asserts that a check FAILED (self-tests prove a check can fail) and records it. */
export function expectFails(ctx: TestContext, result: CheckResult, messagePattern: RegExp): void {
  ctx.task.meta.criterionIds = [...new Set([...(ctx.task.meta.criterionIds ?? []), result.criterionId])];
  ctx.task.meta.checks = [...(ctx.task.meta.checks ?? []), result];
  expect(result).toFailCheck(messagePattern);
}

/**
 * The services whose memory slope a leak criterion judges. The reference InfluxDB is a double that keeps every point
 * in memory (≈400 B/point, docs/influx-double.md): its memory grows with the events by design, where a real InfluxDB
 * keeps them on disk, so on reference it is left out.
 */
export function leakJudgedServices(t: TargetDescription, services: readonly string[]): string[] {
  return t.kind === 'reference' ? services.filter((s) => s !== 'influxdb') : [...services];
}
