// The phasegate config, schema first: the types are derived from this file, defaults live in `.default()`.
import { dirname } from 'node:path';
import { z } from 'zod';
import { CONTRADICTIONS } from './contradictions.js';
import type { ContradictionChoice, ContradictionId } from './contradictions.js';
import { durationMs, envVarName, httpPath, percent, port, ratio, serviceName, url } from './primitives.js';

function choice<I extends ContradictionId>(id: I) {
  const definition = CONTRADICTIONS[id];
  const names = Object.keys(definition.choices) as [ContradictionChoice<I>, ...ContradictionChoice<I>[]];
  return z.enum(names).default(definition.defaultChoice as ContradictionChoice<I>);
}

/** Which compose CLI runs the target: `auto` prefers `docker compose` (v2) and falls back to `docker-compose` (v1). */
export const ComposeDriverSchema = z.enum(['auto', 'v1', 'v2']);

/** Where the compose project is and how compose is called. */
export const ComposeConfigSchema = z.strictObject({
  /** Compose files, merged in order; relative to the config file's directory. @default ['docker-compose.yml'] */
  files: z.array(z.string().min(1)).min(1, { error: 'Must list at least one compose file' }).default(['docker-compose.yml']),
  /** Env file used for interpolation. @default `.env` next to the first compose file, when it exists */
  envFile: z.string().min(1).optional(),
  /** Compose project name (`-p`). @default the top-level `name:`, else the compose file's directory name */
  projectName: z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, { error: 'Must be a compose project name (lowercase letters, digits, "-", "_")' }).optional(),
  /** @default 'auto' */
  driver: ComposeDriverSchema.default('auto'),
  /** Active compose profiles (`'*'` = all). @default [] */
  profiles: z.array(z.string().min(1)).default([]),
});

/** A rule on the JSON body of a health response (`{ field: 'status', equals: 'healthy' }`). */
export const BodyRuleSchema = z.union([
  z.strictObject({
    /** Dotted path into the JSON body (`dependencies.influxdb.status`). */
    field: z.string().min(1),
    equals: z.union([z.string(), z.number(), z.boolean()]),
  }),
  z.strictObject({
    field: z.string().min(1),
    /** Accepted values. */
    oneOf: z.array(z.union([z.string(), z.number(), z.boolean()])).min(1),
  }),
], { error: 'Must be { field, equals } or { field, oneOf: [...] }' });

/** Per-service overrides of what the inventory guessed. */
export const ServiceOverrideSchema = z.strictObject({
  /** Health path on the host port. @default guessed from the compose healthcheck, else '/health' */
  healthPath: httpPath.optional(),
  /** Host port to probe. @default the published port the healthcheck's container port maps to */
  port: port.optional(),
  /** What a healthy body looks like. @default none (HTTP 2xx only) */
  bodyRule: BodyRuleSchema.optional(),
  /** Leave the service out of the expected set (optional services). @default false */
  optional: z.boolean().default(false),
});

/**
 * Gate thresholds. Values marked "contested" are filled from the `contradictions` choice unless set here.
 */
export const ThresholdsSchema = z.strictObject({
  /** API latency budget, p(95), ms. Contested (D5.1). @default 500 */
  apiLatencyP95Ms: durationMs.optional(),
  /** Health endpoint latency budget, p(95), ms. Contested (D5.1). @default 500 */
  healthLatencyMs: durationMs.optional(),
  /** Dashboard HTML load time, ms (002 L35, 003 L1021). @default 3000 */
  dashboardLoadMs: durationMs.default(3000),
  /** Allowed latency regression against the baseline, ratio (001 L1421). @default 0.1 */
  regressionRatio: ratio.default(0.1),
  /** Allowed InfluxDB query regression, ratio (001 L1424). @default 0.15 */
  dbQueryRegressionRatio: ratio.default(0.15),
  /**
   * TV-P4: the Flux `-24h` count's duration before the deployment, ms. Set, the limit is this × (1 +
   * dbQueryRegressionRatio) and a pass decides the criterion; unset, only {@link dbQueryMaxMs} is judged and a pass
   * is "not decidable" (001 L1424 compares with a baseline no file records). @default unset
   */
  dbQueryBaselineMs: durationMs.optional(),
  /** TV-P4 without a baseline: the most the Flux `-24h` count may take, ms (phasegate's choice; 001 gives no absolute number). @default 1000 */
  dbQueryMaxMs: durationMs.default(1000),
  /** Regression that triggers the emergency rollback recommendation, ratio (001 L1232). @default 0.5 */
  emergencyRollbackRatio: ratio.default(0.5),
  /** Window without container restarts, ms. Contested (D5.4). @default 3600000 (1 h) */
  restartWindowMs: durationMs.optional(),
  /** websocket-ingestion stable period, ms. Contested (D5.4). @default 1800000 (30 min) */
  websocketStableMs: durationMs.optional(),
  /** Max memory use, % of the container limit. Contested (D5.3). @default 80 */
  memoryPercentMax: percent.optional(),
  /** Max average CPU use, %. Contested (D5.3). @default 70 */
  cpuPercentAvgMax: percent.optional(),
  /** Memory use that raises an alert, % (001 L1483). @default 90 */
  memoryAlertPercent: percent.default(90),
  /** Deadline for a container to become healthy after start, ms (002 L134). @default 120000 */
  healthyDeadlineMs: durationMs.default(120_000),
  /** Minimum free disk, GB. Contested (D5.7). @default 50 */
  minFreeDiskGb: z.number().nonnegative().optional(),
  /** Minimum host memory, GB (000 L330). @default 16 */
  minMemoryGb: z.number().nonnegative().default(16),
  /** Minimum test coverage, ratio (001 L1330). @default 0.8 */
  coverageMin: ratio.default(0.8),
  /** Minimum Python version, `major.minor`. Contested (D8.1). @default '3.10' */
  pythonMinVersion: z.string().regex(/^\d+\.\d+$/, { error: 'Must be a version like "3.10"' }).optional(),
});

/** One external data source: the compose service that fetches it and the InfluxDB measurement it writes. */
export const DataSourceSchema = z.strictObject({
  /** Compose service that writes the source (`weather-api`). */
  service: serviceName,
  /** InfluxDB measurement it writes (`weather_data`). */
  measurement: z.string().min(1, { error: 'Must be an InfluxDB measurement name' }),
});

/**
 * D2-3's sources (001 L1082-1090). Only `weather_data` comes from the plans (001 L1090); HomeIQ's real measurement names
 * are not confirmed (criteria.md D3.6, homeiq-facts.md has none), so `sports_data`, `carbon_intensity` and `air_quality`
 * are assumptions, the names the reference twins write: set the real ones here for a live HomeIQ.
 */
export const DEFAULT_DATA_SOURCES = {
  weather: { service: 'weather-api', measurement: 'weather_data' },
  sports: { service: 'sports-api', measurement: 'sports_data' },
  carbon: { service: 'carbon-intensity', measurement: 'carbon_intensity' },
  airQuality: { service: 'air-quality', measurement: 'air_quality' },
} as const;

/** The external data sources D2-3 counts in InfluxDB. */
export const DataSourcesConfigSchema = z.strictObject({
  /**
   * Source name → { service, measurement }. Replaces the default set as a whole. @default weather (weather-api →
   * weather_data), sports (sports-api → sports_data), carbon (carbon-intensity → carbon_intensity), airQuality
   * (air-quality → air_quality); all but weather_data are assumptions
   */
  sources: z.record(z.string().regex(/^[A-Za-z][A-Za-z0-9_-]*$/, { error: 'Must be a source name like "weather"' }), DataSourceSchema)
    .refine((sources) => Object.keys(sources).length > 0, { error: 'Must name at least one data source' })
    .default(() => structuredClone(DEFAULT_DATA_SOURCES) as Record<string, { service: string; measurement: string }>),
  /** Window the points are counted over, ms (the Flux `range(start: -1h)` of 001 L1090). @default 3600000 (1 h) */
  windowMs: durationMs.refine((ms) => ms >= 1_000, { error: 'Must be at least 1s' }).default(3_600_000),
  /**
   * Oldest acceptable newest point of each source, ms: a source that stopped writing fails even while the window still
   * holds its earlier points. Unset judges the count only, as 001 does. @default unset
   */
  maxAgeMs: durationMs.optional(),
  /** Bucket the sources write to. @default the target's INFLUXDB_BUCKET (001 L1090: home_assistant_events) */
  bucket: z.string().min(1).optional(),
});

/** The choice taken for each contradiction (criteria.md §D). */
export const ContradictionsSchema = z.strictObject({
  'D1.1': choice('D1.1'),
  'D5.1': choice('D5.1'),
  'D2.1': choice('D2.1'),
  'D7.1': choice('D7.1'),
  'D2.2': choice('D2.2'),
  'D5.3': choice('D5.3'),
  'D5.4': choice('D5.4'),
  'D4.2': choice('D4.2'),
  'D3.2': choice('D3.2'),
  'D3.3': choice('D3.3'),
  'D3.7': choice('D3.7'),
  'D6.1': choice('D6.1'),
  'D6.6': choice('D6.6'),
  'D5.2': choice('D5.2'),
  'D5.7': choice('D5.7'),
  'D8.1': choice('D8.1'),
  'D8.3': choice('D8.3'),
  'D8.9': choice('D8.9'),
  'D7.2': choice('D7.2'),
  'D7.5': choice('D7.5'),
  'D6.11': choice('D6.11'),
});

const MINUTE = 60_000;
/** setTimeout's largest delay (2^31 − 1 ms). */
const MAX_TIMER_MS = 2_147_483_647;
const HOUR = 60 * MINUTE;

const latency = { 'p95-500ms': 500, 'p95-100ms': 100 } as const;
const resources = { 'plan-001': { memory: 80, cpu: 70 }, 'rebuild-003': { memory: 70, cpu: 50 } } as const;
const stability = {
  'phase-1h': { restart: HOUR, websocket: 30 * MINUTE },
  'quick-5min': { restart: 5 * MINUTE, websocket: 5 * MINUTE },
  'soak-24h': { restart: 24 * HOUR, websocket: 30 * MINUTE },
} as const;
const disk = { 'prereq-000': 50, 'runbook-004': 10 } as const;
const python = { 'python-3.10': '3.10', 'python-3.12': '3.12' } as const;
const adminApi = { 'host-8004-health': { port: 8004, healthPath: '/health' }, 'legacy-8003-api-v1-health': { port: 8003, healthPath: '/api/v1/health' } } as const;
const routes = {
  reality: { eventsPath: '/api/v1/events', devicesPath: '/api/devices' },
  'plan-001': { eventsPath: '/api/v1/events', devicesPath: '/api/v1/devices' },
  'rebuild-003': { eventsPath: '/api/events', devicesPath: '/api/devices' },
} as const;

/** The HomeIQ-shaped tree the reference target's version audits read (the state after a correct Phase 1). */
export const REFERENCE_REPO_ROOT = 'fixtures/homeiq-tree/after-phase1';

/** The whole config file. */
export const PhasegateConfigSchema = z.strictObject({
  /** `reference`: the local HomeIQ twin; `live`: a real HomeIQ host (read-only unless allowed). @default 'reference' */
  target: z.enum(['reference', 'live']).default('reference'),
  compose: ComposeConfigSchema.prefault({}),
  /** Per-service overrides, keyed by compose service name. @default {} */
  services: z.record(serviceName, ServiceOverrideSchema).default({}),
  /** Pinned expected service set; only with `contradictions["D1.1"]: 'pinned'`. @default derived from compose + profiles */
  expectedServices: z.array(serviceName).min(1).optional(),
  thresholds: ThresholdsSchema.prefault({}),
  contradictions: ContradictionsSchema.prefault({}),
  /** Env var names whose values are secrets (masked everywhere). @default the HomeIQ token/key names */
  secrets: z.array(envVarName).default(['INFLUXDB_TOKEN', 'HOME_ASSISTANT_TOKEN', 'HA_TOKEN', 'DATA_API_KEY', 'ADMIN_API_KEY', 'API_KEY', 'OPENAI_API_KEY', 'INFLUXDB_PASSWORD']),
  /** Skip the rebuild step and test what is running (env PHASEGATE_SKIP_REBUILD). @default false */
  skipRebuild: z.boolean().default(false),
  live: z.strictObject({
    /** Allow steps that change a live target (restore, restart, rollback). @default false */
    allowDestructive: z.boolean().default(false),
    /**
     * Where backups are written, relative to the config file. A destructive step on `live` needs a backup directory
     * here (this directory itself, or its newest sub-directory) that passes verification. @default 'backups'
     */
    backupDir: z.string().min(1).default('backups'),
    /**
     * Oldest backup a destructive step on `live` accepts, in ms (age of its `backup_manifest_*.txt`, else of the
     * directory). @default 86400000 (24 h)
     */
    backupMaxAgeMs: durationMs.default(86_400_000),
    /**
     * Let the Phase 1 gate tag the images of the services it rebuilt `:phase1-complete` after a run without failures
     * (P1-DOC6). The reference target always does; a live HomeIQ's images are only tagged with this on. @default false
     */
    tagPhaseComplete: z.boolean().default(false),
    /**
     * Home Assistant as reachable from this machine, loopback only (e.g. an SSH tunnel `http://127.0.0.1:8123`).
     * @default `HOME_ASSISTANT_URL` / `HA_HTTP_URL` of the env file when loopback, else the published port of an
     * `ha-simulator` service
     */
    haUrl: url.optional(),
  }).prefault({}),
  audit: z.strictObject({
    /**
     * Root of the HomeIQ checkout the version audits read (requirements, package.json, Dockerfiles), relative to the
     * config file (env PHASEGATE_REPO_ROOT). @default reference: the tree of the state the gate's phase ends in
     * (`fixtures/homeiq-tree/after-phase1` for phases 0-1, `after-phase2`, `after-phase3` for Phase 3 and later; outside a
     * gate `after-phase1`); live: the first
     * compose file's directory
     */
    repoRoot: z.string().min(1).optional(),
  }).prefault({}),
  reports: z.strictObject({
    /** Report output directory. @default 'reports' */
    dir: z.string().min(1).default('reports'),
  }).prefault({}),
  baseline: z.strictObject({
    /**
     * What P1-SC7 ("< 10% regression vs the Phase 0 baseline") compares with. `file`: `baselines/<target>/phase0.json`
     * (`phasegate baseline capture phase0`); without it P1-SC7 is skipped, never passed. `auto`: a gate that rebuilds
     * measures the target just before its rebuild and compares with that, else the file. `pre-rebuild`: only that
     * measurement. `file` is the default because one short run after a rebuild is not a steady state: on the 2-core
     * development machine, idle endpoints moved 2–3× in p(95) between back-to-back runs (docs/latency.md). @default 'file'
     */
    source: z.enum(['auto', 'file', 'pre-rebuild']).default('file'),
    /**
     * A comparison in the marginal band (not regressed, but the interval reaches past the limit, or the estimate is past
     * it while the interval includes 1): `skip` reports it as not decided (with the interval), `fail` treats it as a
     * regression. @default 'skip'
     */
    onInconclusive: z.enum(['skip', 'fail']).default('skip'),
  }).prefault({}),
  security: z.strictObject({
    /**
     * Ports a service may expose besides those its compose definition names (TV-S4, RB-CL-SEC4), service → ports
     * (`{ jaeger: [4317, 4318] }`). An allowlisted port may listen on every interface. @default {}
     */
    allowedPorts: z.record(serviceName, z.array(port)).default({}),
    /**
     * With `network_mode: host` compose says nothing about bind addresses: true expects every service port on
     * 127.0.0.1/::1 (the reference twin binds loopback; HomeIQ publishes through the host). @default true
     */
    hostNetworkLoopback: z.boolean().default(true),
    /** Capabilities (`NET_ADMIN`, without `CAP_`) a container may add with `cap_add` (RB-CL-SEC3). @default [] */
    allowedCapAdd: z.array(z.string().regex(/^[A-Za-z_]+$/)).default([]),
    /**
     * Services that may mount the Docker socket (RB-CL-SEC3). HomeIQ's admin-api and log-aggregator do by design
     * (homeiq-facts.md §1). @default ['admin-api', 'log-aggregator']
     */
    dockerSocketServices: z.array(serviceName).default(['admin-api', 'log-aggregator']),
    /**
     * A container running as root (RB-CL-SEC3): `fail` follows criteria.md ("non-root User"); `report` follows 003,
     * which rates data-api's root user a MINOR issue (L91) and lists it as a concern, not a blocker (L275). @default 'fail'
     */
    rootUser: z.enum(['fail', 'report']).default('fail'),
  }).prefault({}),
  monitor: z.strictObject({
    /** P1-S4-T6: how long the core is watched after the rebuild, ms (002 L271 says 1 h; P1-SC5 proves the hour from StartedAt). @default 30000 */
    coreWatchMs: durationMs.default(30_000),
    /** P1-S4-T6: time between two samples of the watch, ms. @default 5000 */
    coreWatchIntervalMs: durationMs.default(5_000),
    /** TV-M2, P1-S6-T6: the window CPU is averaged over (two docker stats readings), ms. @default 10000 */
    resourceWindowMs: durationMs.default(10_000),
  }).prefault({}),
  dataSources: DataSourcesConfigSchema.prefault({}),
  gate: z.strictObject({
    /**
     * Wall-time limit of one gate run (setup, tests and teardown), in ms; past it the gate cleans up and exits 130
     * naming the step that was running. `0` turns it off. Env `PHASEGATE_WALL_TIME_S` (seconds). @default 3600000 (1 h)
     */
    wallTimeMs: durationMs.refine((ms) => ms <= MAX_TIMER_MS, { error: `Must be at most ${MAX_TIMER_MS}ms (about 24 days), the longest timer Node can arm` }).default(3_600_000),
  }).prefault({}),
}).superRefine((config, ctx) => {
  const pinned = config.contradictions['D1.1'] === 'pinned';
  if (pinned && config.expectedServices === undefined) {
    ctx.addIssue({ code: 'custom', path: ['expectedServices'], message: 'Must list the expected services when contradictions["D1.1"] is "pinned"', input: undefined });
  }
  if (!pinned && config.expectedServices !== undefined) {
    ctx.addIssue({ code: 'custom', path: ['expectedServices'], message: 'Is only used when contradictions["D1.1"] is "pinned"; set that switch or remove expectedServices', input: config.expectedServices });
  }
}).transform((config) => {
  const c = config.contradictions;
  const t = config.thresholds;
  const admin = config.services['admin-api'];
  const services: Record<string, z.output<typeof ServiceOverrideSchema>> = {
    ...config.services,
    'admin-api': { optional: false, ...admin, port: admin?.port ?? adminApi[c['D2.1']].port, healthPath: admin?.healthPath ?? adminApi[c['D2.1']].healthPath },
  };
  return {
    ...config,
    audit: {
      repoRoot: config.audit.repoRoot ?? (config.target === 'reference' ? REFERENCE_REPO_ROOT : dirname(config.compose.files[0]!)),
      /** True when neither the file nor PHASEGATE_REPO_ROOT set it: a reference gate then audits its own phase's tree. */
      repoRootIsDefault: config.audit.repoRoot === undefined,
    },
    thresholds: {
      ...t,
      apiLatencyP95Ms: t.apiLatencyP95Ms ?? latency[c['D5.1']],
      healthLatencyMs: t.healthLatencyMs ?? latency[c['D5.1']],
      restartWindowMs: t.restartWindowMs ?? stability[c['D5.4']].restart,
      websocketStableMs: t.websocketStableMs ?? stability[c['D5.4']].websocket,
      memoryPercentMax: t.memoryPercentMax ?? resources[c['D5.3']].memory,
      cpuPercentAvgMax: t.cpuPercentAvgMax ?? resources[c['D5.3']].cpu,
      minFreeDiskGb: t.minFreeDiskGb ?? disk[c['D5.7']],
      pythonMinVersion: t.pythonMinVersion ?? python[c['D8.1']],
    },
    services,
    /** data-api routes per contradiction D3.2. */
    dataApiRoutes: routes[c['D3.2']],
  };
});

/** What a user writes (defaults optional, durations as strings allowed). */
export type PhasegateUserConfig = z.input<typeof PhasegateConfigSchema>;
/** The validated config with every default filled in. */
export type ResolvedPhasegateConfig = z.output<typeof PhasegateConfigSchema>;
/** Per-service override as resolved. */
export type ServiceOverride = z.output<typeof ServiceOverrideSchema>;
/** A body rule. */
export type BodyRule = z.output<typeof BodyRuleSchema>;
/** The resolved data sources of D2-3. */
export type ResolvedDataSources = ResolvedPhasegateConfig['dataSources'];
/** The resolved thresholds (contested values filled from the contradiction choices). */
export type ResolvedThresholds = ResolvedPhasegateConfig['thresholds'];
