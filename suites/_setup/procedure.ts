// What the procedure hooks (suites/_setup/complete-rebuild.ts, suites/_setup/rollback-drill.ts) share: the options
// every one of them takes, and the bookkeeping of a procedure run — verdicts by criterion ID and timed, logged steps.
import type { CheckResult } from '../../lib/checks/check-result.js';
import type { Inventory } from '../../lib/inventory/types.js';
import type { StartedReferenceStack } from '../../lib/stack/index.js';
import type { TargetDescription } from './target.js';

/** The InfluxDB a procedure reads and compares (reference: the double on 127.0.0.1). */
export interface ProcedureInflux {
  readonly url: string;
  readonly org: string;
  readonly bucket: string;
  readonly token: string;
}

/** Options every procedure hook takes. */
export interface ProcedureOptions {
  readonly started: StartedReferenceStack;
  readonly services: readonly string[];
  readonly inventory: Inventory;
  readonly influx: ProcedureInflux;
  /**
   * Folder the backups go under (git-ignored `backups/`, never the reports folder: a backup holds the `.env` secrets
   * and reports are handed on).
   */
  readonly backupsDir: string;
  readonly repoRoot: string;
  /** Build args of every build (the reference state's HOMEIQ_STATE). @default {} */
  readonly buildArgs?: Readonly<Record<string, string>>;
  readonly log: (line: string) => void;
  /** Bound of waiting for the stack to be healthy again after a stage, in ms. @default 240000 */
  readonly healthyTimeoutMs?: number;
  /** Config `services.<name>.healthPath/bodyRule` for the health sweeps (suites/_setup/health-endpoints.ts). @default {} */
  readonly healthOverrides?: TargetDescription['healthOverrides'];
}

/** What a procedure hook hands to its suite (through vitest `provide`): verdicts by criterion ID, step times, the backup. */
export interface ProcedureOutcome {
  readonly results: Record<string, CheckResult[]>;
  /** Step → seconds, in order. */
  readonly timings: ReadonlyArray<readonly [string, number]>;
  /** The backup the procedure took (under the git-ignored backups folder). */
  readonly backupDir: string;
}

/** The verdicts a procedure collects while it runs, by criterion ID, and how long each step took. */
export interface ProcedureRecord extends Pick<ProcedureOutcome, 'results' | 'timings'> {
  /** Records a verdict under its criterion ID and returns it. */
  add(result: CheckResult): CheckResult;
  /** Runs one named step: logged as `[<tag>] name…` and `… done in N s`, timed even when it throws. */
  step<T>(name: string, fn: () => Promise<T>): Promise<T>;
}

export function procedureRecord(tag: string, log: (line: string) => void): ProcedureRecord {
  const results: Record<string, CheckResult[]> = {};
  const timings: Array<readonly [string, number]> = [];
  return {
    results,
    timings,
    add: (r) => ((results[r.criterionId] ??= []).push(r), r),
    async step(name, fn) {
      const t0 = performance.now();
      log(`[${tag}] ${name}…`);
      try {
        return await fn();
      } finally {
        const s = (performance.now() - t0) / 1000;
        timings.push([name, s]);
        log(`[${tag}] ${name} done in ${s.toFixed(1)} s`);
      }
    },
  };
}

/** A timestamp for backup folder names: `20261202_081530` (UTC). */
export function procedureStamp(now: Date = new Date()): string {
  return now.toISOString().replace(/[-:]/g, '').replace(/\..*/, '').replace('T', '_');
}
