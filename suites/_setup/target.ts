// The target description the global setup hands to tests (vitest provide/inject).
import type { ContainerState } from '../../lib/docker/container-inspector.js';
import type { PhaseRebuildResult } from '../../lib/rebuild/phase-rebuild.js';
import type { CompleteRebuildOutcome } from './complete-rebuild.js';
import type { RollbackDrillOutcome } from './rollback-drill.js';
import type { VersionChoices } from '../../lib/audit/version-contract.js';
import type { Contradiction } from '../../lib/reports/model.js';
import type { ReportWriter } from '../../lib/reports/report-readiness.js';
import type { PhaseTagging } from '../../lib/checks/check-phase-tag.js';
import type { HaProbeAuth } from '../../lib/checks/check-phase0-network.js';
import type { BaselineSource } from '../../lib/baselines/baseline-source.js';
import type { PointSnapshot } from '../../lib/checks/check-no-data-loss.js';
import type { ContainerEvent } from '../../lib/docker/container-events.js';
import type { AvailabilityRecord } from '../../lib/checks/check-availability.js';
import type { DataSource } from '../../lib/checks/check-data-sources.js';
import type { BodyRule } from '../../lib/probes/body-rule.js';

/** Limits from the config (`thresholds`, with the D5.x contradiction choices applied), all in ms. */
export interface GateThresholds {
  /** API latency budget, p(95) (D5.1: 500 by default, 100 with `p95-100ms`). */
  readonly apiLatencyP95Ms: number;
  /** Health endpoint latency budget, p(95) (D5.1). */
  readonly healthLatencyMs: number;
  /** Dashboard load budget (002 L35). */
  readonly dashboardLoadMs: number;
  /** No-restarts window (D5.4: 1 h by default). */
  readonly restartWindowMs: number;
  /** Allowed p(95) slowdown against the baseline, as a fraction (001 L1421: 0.1). */
  readonly regressionRatio: number;
  /** Slowdown against the baseline that triggers the emergency rollback (DEP-RB-T4, 001 L1232: 0.5). */
  readonly emergencyRollbackRatio: number;
  /** Max memory use, % of the container limit (PD-24H-2a; D5.3: 80 by default). */
  readonly memoryPercentMax: number;
  /** Max average CPU use, % of one core (PD-24H-2b; D5.3: 70 by default, 50 per 003). */
  readonly cpuPercentAvgMax: number;
  /** What a comparison that cannot decide becomes (config `baseline.onInconclusive`). */
  readonly baselineOnInconclusive: 'skip' | 'fail';
  /** Minimum Python version, `major.minor` (D8.1: '3.10' by default). */
  readonly pythonMinVersion: string;
  /** TV-P4: allowed Flux query regression against dbQueryBaselineMs, as a fraction (001 L1424: 0.15). */
  readonly dbQueryRegressionRatio: number;
  /** TV-P4: the query's pre-deployment duration in ms, or null when none is recorded. */
  readonly dbQueryBaselineMs: number | null;
  /** TV-P4 without a baseline: the absolute limit, ms (default 1000). */
  readonly dbQueryMaxMs: number;
}

/** Config `security` (TV-S4, RB-CL-SEC3, RB-CL-SEC4; docs/config.md). */
export interface SecurityPolicy {
  /** Service → extra ports it may expose. */
  readonly allowedPorts: Readonly<Record<string, readonly number[]>>;
  /** With network_mode host, expect service ports on loopback. */
  readonly hostNetworkLoopback: boolean;
  /** Capabilities a container may add. */
  readonly allowedCapAdd: readonly string[];
  /** Services that may mount the Docker socket. */
  readonly dockerSocketServices: readonly string[];
  /** A root user fails (criteria.md) or is reported (003). */
  readonly rootUser: 'fail' | 'report';
}

/** Config `monitor` (P1-S4-T6, TV-M2, P1-S6-T6), all in ms. */
export interface MonitorSettings {
  readonly coreWatchMs: number;
  readonly coreWatchIntervalMs: number;
  readonly resourceWindowMs: number;
}

/** Config `dataSources` (D2-3, docs/config.md): the external data sources counted in InfluxDB. */
export interface DataSourceSettings {
  /** One entry per source: its name, the service that writes it and the measurement. */
  readonly sources: readonly DataSource[];
  /** Window the points are counted over, ms. */
  readonly windowMs: number;
  /** Oldest acceptable newest point, ms; null judges the count only. */
  readonly maxAgeMs: number | null;
  /** Bucket the sources write to; null means the target's bucket. */
  readonly bucket: string | null;
}

/** Config `services.<name>`: where a service's health is read and what its body must say, when set. */
export interface HealthOverride {
  /** Health path on the service's URL; absent: the compose healthcheck's path, else `/health`. */
  readonly healthPath?: string;
  /** Body rule; absent: the rule HomeIQ's body shape implies (`healthy`, InfluxDB's `pass`, any 2xx for pages). */
  readonly bodyRule?: BodyRule;
}

export interface TargetDescription {
  readonly kind: 'reference' | 'live';
  /** Compose project name (container labels). */
  readonly projectName: string;
  /** Service → base URL on 127.0.0.1. */
  readonly urls: Record<string, string>;
  /** Services the gate expects to be running and healthy. */
  readonly services: readonly string[];
  readonly influx: { readonly url: string; readonly org: string; readonly bucket: string; readonly token: string };
  readonly ha: { readonly url: string; readonly token: string };
  /** Absolute root of the HomeIQ checkout the version audits read (config `audit.repoRoot`). */
  readonly repoRoot: string;
  /** Bearer key of data-api / admin-api. */
  readonly apiKey: string;
  /** Container states sampled right after the target became healthy, and when (ms since epoch). */
  readonly initialContainers: readonly ContainerState[];
  readonly initialSampledAt: number;
  /** Secret values to register in every test process so they are masked. */
  readonly secrets: readonly string[];
  /** Compose files the target was read from (absolute), on `live`; absent on reference (REFERENCE_COMPOSE_FILE). */
  readonly composeFiles?: readonly string[];
  /**
   * Env file the compose files are interpolated with (absolute; config `compose.envFile`), on `live`; null: none.
   * @default the `.env` next to the first compose file, when there is one
   */
  readonly composeEnvFile?: string | null;
  /** Compose profiles of the target (config `compose.profiles`), on `live`. @default `COMPOSE_PROFILES` of the environment */
  readonly composeProfiles?: readonly string[];
  /** Config `services.<name>.healthPath/bodyRule`, which win over what the compose healthcheck implies. @default {} */
  readonly healthOverrides?: Readonly<Record<string, HealthOverride>>;
}

declare module 'vitest' {
  interface ProvidedContext {
    target: TargetDescription;
    /** The setup hook's rebuild, or null when the suite has no plan or the rebuild was switched off. */
    rebuild: PhaseRebuildResult | null;
    /** suites/rebuild: the verdicts of 003's complete rebuild run by the setup hook; null elsewhere or when switched off. */
    completeRebuild: CompleteRebuildOutcome | null;
    /** suites/rollback: the verdicts of the rollback drill run by the setup hook; null elsewhere or when switched off. */
    rollbackDrill: RollbackDrillOutcome | null;
    /** Every plan contradiction with the choice this run makes (phasegate.config.ts), for the report. */
    contradictions: Contradiction[];
    /** The limits this run judges by, from phasegate.config.ts after its contradiction switches. */
    thresholds: GateThresholds;
    /** The security policy of this run (config `security`). */
    security: SecurityPolicy;
    /** Watch and sampling windows of this run (config `monitor`). */
    monitor: MonitorSettings;
    /** D2-3's data sources of this run (config `dataSources`). */
    dataSources: DataSourceSettings;
    /** What P1-SC7 compares with: the measurement before this run's rebuild, the stored phase0 file, or none (why). */
    baseline: BaselineSource;
    /** InfluxDB's point count taken just before the plan restarted it (P1-S3-AC5), or null when it was not restarted. */
    /** The deployment day the `deploy` suite rebuilt (PHASEGATE_DEPLOY_DAY), or null in every other suite. */
    deployDay: number | null;
    /** DEP-0: what the continuous probe saw during the deploy suite's rollout, or null when none ran. */
    availability: AvailabilityRecord | null;
    pointsBeforeRebuild: { readonly event: string; readonly snapshot: PointSnapshot } | null;
    /** Container lifecycle events Docker reported while the setup hook rebuilt (P1-S3-AC6), or null without a rebuild. */
    rebuildEvents: ContainerEvent[] | null;
    /** The contradiction choices the version audits depend on (D8.3, D8.9), from phasegate.config.ts. */
    versionChoices: VersionChoices;
    /** P0-S2-AC2b: whether the Home Assistant probe sends the container's token (contradiction D3.7). */
    haProbeAuth: HaProbeAuth;
    /**
     * This run's test log (lib/reports/run-test-log.ts): one line per finished test, appended by
     * suites/_setup/record-tests.ts, read by the roll-up tests (P1-NEXT1, PD-W2-1, …) that run last.
     */
    testLog: string;
    /** ISO time the gate run started (the global setup), for records of this run (RUN-M6). */
    runStartedAt: string;
    /** The phase reporter among this run's vitest reporters, and its reports root (P1-S11-T10). */
    reportWriter: ReportWriter;
    /** Whether P1-DOC6 may tag the rebuilt images `:phase1-complete` (reference: yes; live: `live.tagPhaseComplete`). */
    phaseTagging: PhaseTagging;
  }
}
