// The on-disk baseline format: baselines/<target>/<phase>.json, versioned by schemaVersion.
import { z } from 'zod';

/** Version of the baseline file format this code reads and writes. */
export const BASELINE_SCHEMA_VERSION = 1;

const latencyStatsSchema = z.strictObject({
  count: z.number().int().nonnegative(),
  minMs: z.number(),
  maxMs: z.number(),
  meanMs: z.number(),
  stdDevMs: z.number(),
  p50Ms: z.number(),
  p75Ms: z.number(),
  p90Ms: z.number(),
  p95Ms: z.number(),
  p99Ms: z.number(),
  p999Ms: z.number(),
});

/** Where and how a baseline was measured; compared field by field before trusting a comparison. */
export const environmentFingerprintSchema = z.strictObject({
  /** `process.version`, e.g. `v20.20.2`. */
  nodeVersion: z.string(),
  /** First CPU's model string. */
  cpuModel: z.string(),
  /** Logical CPUs. */
  cpuCount: z.number().int().positive(),
  /** Host name of the machine. */
  host: z.string(),
  /** `process.platform`-`process.arch`, e.g. `linux-x64`. */
  platform: z.string(),
  /** Version from phasegate's package.json. */
  phasegateVersion: z.string(),
  /** Commit of the code under test, when the caller knows it. */
  gitCommit: z.string().optional(),
  /** `docker version` server version, when known. */
  dockerVersion: z.string().optional(),
  /** `docker compose version`, when known. */
  composeVersion: z.string().optional(),
  /** Hash of the resolved compose file, when known. */
  composeHash: z.string().optional(),
  /** Image id per service, when known. */
  imageIds: z.record(z.string(), z.string()).optional(),
  /** The load profile (mode, rate, connections, duration) as one string, e.g. `open 500/s c64 10000ms`. */
  loadProfile: z.string().optional(),
});

/** Baseline of one endpoint: its digest plus the full histogram for resampling. */
export const endpointBaselineSchema = z.strictObject({
  name: z.string().min(1),
  /** `METHOD /path`. */
  route: z.string().min(1),
  mode: z.enum(['closed', 'open']),
  intendedRate: z.number().positive().optional(),
  achievedRate: z.number().nonnegative(),
  requests: z.strictObject({ measured: z.number().int().nonnegative(), responses: z.number().int().nonnegative() }),
  latency: latencyStatsSchema,
  /** HdrHistogram V2 compressed base64, values in µs. */
  histogram: z.string().min(1).regex(/^[A-Za-z0-9+/]+=*$/, 'Must be a compressed base64 HdrHistogram'),
  /** Share of failed requests, 0–1. */
  errorRate: z.number().min(0).max(1),
});

/** A whole baseline file. */
export const baselineSchema = z.strictObject({
  schemaVersion: z.literal(BASELINE_SCHEMA_VERSION),
  /** Target name (`reference`, `live`), the directory under baselines/. */
  target: z.string().min(1),
  /** Phase name (`phase1`), the file name under baselines/<target>/. */
  phase: z.string().min(1),
  /** ISO 8601 time the measurement was taken. */
  createdAt: z.iso.datetime(),
  fingerprint: environmentFingerprintSchema,
  endpoints: z.array(endpointBaselineSchema).min(1),
});

export type Baseline = z.output<typeof baselineSchema>;
export type EndpointBaseline = z.output<typeof endpointBaselineSchema>;
export type EnvironmentFingerprint = z.output<typeof environmentFingerprintSchema>;
