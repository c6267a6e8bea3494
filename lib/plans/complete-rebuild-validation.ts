// 003's validation criteria (RB-V-*, RB-CL-*, RB-PR-*, RB-SC*) as data for one data-driven suite: for each, the
// check phasegate already runs for another gate (`sameAs`), the service(s), endpoint and expectation, and what the
// target must offer (`requires`) — so a suite skips with the reason instead of passing a check the target cannot
// answer. Endpoints follow homeiq-facts.md §2-3; 003's legacy ports and paths are noted where they differ (D2.1, D3.2).

/**
 * What a body must say; the same shape as lib/probes' BodyRule (checkHealthBody takes it as is), restated here
 * because plans are a pure core and may not import the probe adapter.
 */
export type ValidationBodyRule =
  | { readonly field: string; readonly equals: string | number | boolean }
  | { readonly field: string; readonly greaterThan: number }
  | { readonly json: true }
  | { readonly contains: string }
  | { readonly any: true };

/** Which check function runs an entry (lib/checks, lib/e2e). */
export type ValidationCheckKind =
  | 'containers-running' // checkContainersRunning
  | 'containers-healthy' // checkContainersHealthy
  | 'health-body' // checkHealthBody
  | 'events-flowing' // checkEventsFlowing
  | 'recent-writes' // checkRecentWrites
  | 'dashboard' // runDashboardChecks (pageLoad, tabs, consoleErrors)
  | 'latency' // checkLatencyBudget
  | 'log-scan' // checkNoErrorLogs
  | 'memory-percent' // checkMemoryPercent
  | 'secrets-in-logs' // checkNoSecretsInLogs over every container's last lines
  | 'cpu-percent' // sampleCpuPercent + checkCpuPercent (average over a window of two stats readings)
  | 'memory-trend' // checkMemoryTrend + checkMemoryWindow
  | 'auth-rejected' // checkAuth expect 'rejected'
  | 'secrets-not-default' // checkSecretsNotDefault
  | 'cors-static' // checkCorsOrigins (RB-H-2)
  | 'networks-created' // checkNetworksCreated: every network the services join exists with the project label
  | 'volumes-mounted' // checkVolumesMounted: inspect Mounts against the compose mounts, named volumes labelled
  | 'permissions' // checkPermissions: not privileged, cap_add allowlist, docker.sock allowlist, user
  | 'exposed-ports' // checkExposedPorts: listeners (/proc) and published ports against the compose ports
  | 'aggregate' // the verdicts of other entries
  | 'not-implemented'
  | 'manual';

/** What a target must offer for an entry to be decidable; the suite skips with {@link REQUIREMENTS}' reason. */
export type ValidationRequirement =
  | 'enrichment-pipeline' | 'sports-league-routes' | 'sqlite' | 'weather-enrichment' | 'project-test-scripts' | 'host-crontab';

/** Each requirement, why, and whether the reference twin (fixtures/reference) offers it. */
export const REQUIREMENTS: Readonly<Record<ValidationRequirement, { readonly reason: string; readonly referenceTwin: boolean }>> = {
  'enrichment-pipeline': { reason: 'enrichment-pipeline exists only in 003 (HA-Ingestor era); no compose file at REF has it, host 8002 is websocket-ingestion-test (D2.6)', referenceTwin: false },
  'sports-league-routes': { reason: 'sports-api /api/nfl/games and /api/nhl/games call external sports APIs; the reference twin serves synthetic games on both (TWIN_FEATURES sports)', referenceTwin: true },
  sqlite: { reason: 'devices come from data-api\'s SQLite (metadata.db on sqlite-data); the reference twin keeps them in a stand-in metadata.db (SQLite header + JSON) on the same volume, discovered from the event stream', referenceTwin: true },
  'weather-enrichment': { reason: 'weather fields on events need weather-api with an external API key ("if configured", 003 L1017)', referenceTwin: false },
  'project-test-scripts': { reason: 'scripts/test-services.sh and tests/*.py are the project\'s own, not in the images', referenceTwin: false },
  'host-crontab': { reason: 'backups are a host crontab entry (003 L966-977), outside the compose project', referenceTwin: false },
};

/** One check an entry runs. */
export interface ValidationCheckSpec {
  readonly kind: ValidationCheckKind;
  /** Compose service names (REF spelling); `all` = the target's expected set. */
  readonly services?: readonly string[] | 'all';
  /** Path on the service's host port (`/health`); for data-api routes the D3.2 choice may rewrite it. */
  readonly path?: string;
  /** `bearer`: the data-api/admin-api key (D3.3); `influx-token`: `Authorization: Token`. @default none */
  readonly auth?: 'bearer' | 'influx-token';
  readonly rule?: ValidationBodyRule;
  /** Limit for latency/resources, as the criterion states it (ms or %). */
  readonly limit?: number;
  /** Log lines read per container (log-scan). */
  readonly tail?: number;
  /** Flux range (recent-writes), `-1m`. */
  readonly range?: string;
  /** Field counted (recent-writes). */
  readonly field?: string;
  /** For `aggregate`: the entries whose verdicts it combines. */
  readonly of?: readonly string[];
}

/** One 003 validation criterion. */
export interface RebuildValidationEntry {
  readonly criterionId: string;
  /** The criterion in 003's words, abridged. */
  readonly what: string;
  readonly source: string;
  readonly checks: readonly ValidationCheckSpec[];
  /** Criteria of other gates whose suites already run the same check (suites/phase1, postdeploy, runbook, testing). */
  readonly sameAs: readonly string[];
  /** What the target must offer; missing → skipped with the reason. @default [] */
  readonly requires?: readonly ValidationRequirement[];
  /** When the checks prove only part of the criterion: what is missing (wrap in onlyNecessary). */
  readonly partial?: string;
  /** Where phasegate deviates from 003's port/path/limit and why. */
  readonly note?: string;
}

const healthy: ValidationBodyRule = { field: 'status', equals: 'healthy' };
const ADMIN_NOTE = '003 probes :8003/api/v1/health; the main compose publishes admin-api on 8004 (D2.1): the target\'s admin-api URL with /api/v1/health';
const health = (service: string, path = '/health', rule: ValidationBodyRule = healthy): ValidationCheckSpec => ({ kind: 'health-body', services: [service], path, rule });
const connected = health('websocket-ingestion', '/health', { field: 'connection.is_running', equals: true });
const subscribed = health('websocket-ingestion', '/health', { field: 'subscription.is_subscribed', equals: true });
/**
 * "HA connection established": `connection.is_running` is only websocket-ingestion's connection manager, which stays
 * running while Home Assistant is unreachable (homeiq-facts.md §2; the self-test's dropped connection proved it);
 * `subscription.is_subscribed` is what goes false when the HA connection drops. Both must hold.
 */
const haConnected: readonly ValidationCheckSpec[] = [connected, subscribed];
const HA_NOTE = 'websocket /health connection.is_running and subscription.is_subscribed instead of a log grep (D3.8); is_running alone stays true while HA is down';
const devicesCount: ValidationCheckSpec = { kind: 'health-body', services: ['data-api'], path: '/api/devices', auth: 'bearer', rule: { field: 'count', greaterThan: 0 } };
const events1: ValidationCheckSpec = { kind: 'health-body', services: ['data-api'], path: '/api/v1/events?limit=1', auth: 'bearer', rule: { field: 'length', greaterThan: 0 } };
const nfl = health('sports-api', '/api/nfl/games', { json: true });
const SH: Record<string, ValidationCheckSpec> = {
  'RB-CL-SH1': health('influxdb', '/health', { field: 'status', equals: 'pass' }),
  'RB-CL-SH2': health('websocket-ingestion'),
  'RB-CL-SH3': health('enrichment-pipeline'),
  'RB-CL-SH4': health('admin-api', '/api/v1/health'),
  'RB-CL-SH5': health('data-api'),
  'RB-CL-SH6': health('data-retention'),
  'RB-CL-SH7': health('sports-api'),
  'RB-CL-SH8': health('log-aggregator'),
  'RB-CL-SH9': health('health-dashboard', '/', { any: true }),
};
const SH_SAME: Record<string, readonly string[]> = {
  'RB-CL-SH1': ['PD-D1-4a', 'P1-S3-AC4'], 'RB-CL-SH2': ['PD-D1-4b', 'P1-001-T7b'], 'RB-CL-SH3': [], 'RB-CL-SH4': ['P1-S4-V4', 'P1-S4-AC5'],
  'RB-CL-SH5': ['PD-D1-4d', 'P1-001-T7b'], 'RB-CL-SH6': ['P1-S4-AC5'], 'RB-CL-SH7': ['P1-S5-AC3'], 'RB-CL-SH8': ['RUN-POST-1c'], 'RB-CL-SH9': ['P1-001-T7c'],
};
const SH_WHAT: Record<string, string> = {
  'RB-CL-SH1': 'InfluxDB :8086/health', 'RB-CL-SH2': 'websocket :8001/health', 'RB-CL-SH3': 'enrichment-pipeline :8002/health', 'RB-CL-SH4': 'admin :8003/api/v1/health',
  'RB-CL-SH5': 'data-api :8006/health', 'RB-CL-SH6': 'data-retention :8080/health', 'RB-CL-SH7': 'sports-data :8005/health', 'RB-CL-SH8': 'log-aggregator :8015/health', 'RB-CL-SH9': 'dashboard :3000',
};

/** Every 003 validation criterion, in criteria.md order. */
export const REBUILD_VALIDATION: readonly RebuildValidationEntry[] = [
  { criterionId: 'RB-V-1', what: 'Step 5.1 endpoint checks (same as RB-CL-SH1..9)', source: '003 L734-771', checks: Object.entries(SH).filter(([id]) => id !== 'RB-CL-SH3').map(([, c]) => c), sameAs: ['P1-001-T7b', 'P1-S4-AC5', 'PD-D1-4a', 'PD-D1-4d', 'P1-001-T7c'],
    partial: 'enrichment-pipeline :8002 (RB-CL-SH3) does not exist at REF; the other 8 endpoints decide', note: `bodies judged, not only HTTP 200 (D3.4); ${ADMIN_NOTE}` },
  { criterionId: 'RB-V-2', what: 'dashboard loads, all tabs accessible, service status green, no console errors', source: '003 L773-790', checks: [{ kind: 'dashboard', services: ['health-dashboard'] }], sameAs: ['P1-S10-AC4', 'P1-S10-AC5', 'P1-S10-AC6', 'PD-D1-5'],
    partial: '"service status shows green" has no per-service status grid at REF (homeiq-facts.md §5)', note: 'tab count taken from the app, not 003\'s "12" (D1.5)' },
  { criterionId: 'RB-V-3', what: 'websocket logs show Connected / Subscribed / Received event', source: '003 L792-806', checks: [connected, subscribed, { kind: 'events-flowing' }], sameAs: ['RUN-FV-1', 'P1-SC6'],
    note: 'judged from the websocket /health body and the event counter instead of log strings (D3.8)' },
  { criterionId: 'RB-V-4a', what: 'bucket home_assistant_events exists', source: '003 L812-815', checks: [{ kind: 'health-body', services: ['influxdb'], path: '/api/v2/buckets', auth: 'influx-token', rule: { contains: '"name":"home_assistant_events"' } }], sameAs: ['RUN-PRE-2e'] },
  { criterionId: 'RB-V-4b', what: 'data written within 1 min', source: '003 L817-819', checks: [{ kind: 'recent-writes', range: '-1m', field: 'context_id' }], sameAs: ['TV-M5'], note: 'TV-M5 counts -1h; 003 asks -1m' },
  { criterionId: 'RB-V-4c', what: 'SQLite metadata.db exists, size > 0', source: '003 L822-834', checks: [health('data-api', '/health', { field: 'dependencies.sqlite.database_size_mb', greaterThan: 0 })], sameAs: [], requires: ['sqlite'],
    note: 'data-api /health reports the SQLite file (homeiq-facts.md §2) instead of `docker exec sqlite3` (not in the Alpine image)' },
  { criterionId: 'RB-V-5', what: 'API: /api/devices, /api/events?limit=10, :8005/api/nfl/games, /api/nhl/games', source: '003 L836-860',
    checks: [{ kind: 'health-body', services: ['data-api'], path: '/api/devices', auth: 'bearer', rule: { json: true } }, { kind: 'health-body', services: ['data-api'], path: '/api/v1/events?limit=10', auth: 'bearer', rule: { json: true } }, nfl, health('sports-api', '/api/nhl/games', { json: true })],
    sameAs: ['RUN-FV-3'], requires: ['sports-league-routes'], partial: '/api/devices/<id> needs an id from the list; not probed', note: 'data-api paths per D3.2 (reality: /api/v1/events, not 003\'s /api/events), with the Bearer key (D3.3)' },
  { criterionId: 'RB-V-6', what: 'project test scripts pass', source: '003 L862-874', checks: [{ kind: 'not-implemented' }], sameAs: [], requires: ['project-test-scripts'] },
  { criterionId: 'RB-CL-INF1', what: 'all containers running', source: '003 L986', checks: [{ kind: 'containers-running', services: 'all' }], sameAs: ['PD-D1-1'] },
  { criterionId: 'RB-CL-INF2', what: 'all Up (healthy)', source: '003 L987', checks: [{ kind: 'containers-healthy', services: 'all' }], sameAs: ['PD-D1-2', 'P1-SC1'] },
  { criterionId: 'RB-CL-INF3', what: 'networks created (homeiq-network)', source: '003 L988', checks: [{ kind: 'networks-created', services: 'all' }], sameAs: [],
    note: 'every network the compose services join (declared, or the implicit <project>_default) exists with the project label; with network_mode host everywhere there is none to create and the check says so (skipped as not applicable, never passed)' },
  { criterionId: 'RB-CL-INF4', what: 'volumes mounted', source: '003 L989', checks: [{ kind: 'volumes-mounted', services: 'all' }], sameAs: [], note: 'inspect Mounts of each container against its compose volumes; named volumes exist with the project label' },
  { criterionId: 'RB-CL-INF5', what: 'no error logs (logs --tail=100)', source: '003 L990', checks: [{ kind: 'log-scan', services: 'all', tail: 100 }], sameAs: ['P1-SC2', 'RUN-MON-1'] },
  ...Object.entries(SH).map(([id, check]): RebuildValidationEntry => ({
    criterionId: id, what: SH_WHAT[id]!, source: `003 L${993 + Number(id.slice(-1)) - 1}`, checks: [check], sameAs: SH_SAME[id]!,
    ...(id === 'RB-CL-SH3' ? { requires: ['enrichment-pipeline'] as const } : {}), ...(id === 'RB-CL-SH4' ? { note: ADMIN_NOTE } : {}),
  })),
  { criterionId: 'RB-CL-FN1', what: 'dashboard loads in the browser', source: '003 L1004', checks: [{ kind: 'dashboard', services: ['health-dashboard'] }], sameAs: ['P1-S10-AC4'] },
  { criterionId: 'RB-CL-FN2', what: 'all dashboard tabs accessible ("12 tabs total")', source: '003 L1005', checks: [{ kind: 'dashboard', services: ['health-dashboard'] }], sameAs: ['P1-S10-AC5'], note: 'every tab the app offers (17 at REF), never 12 (D1.5)' },
  { criterionId: 'RB-CL-FN3', what: 'Home Assistant connection established', source: '003 L1006', checks: haConnected, sameAs: ['RUN-FV-1'], note: HA_NOTE },
  { criterionId: 'RB-CL-FN4', what: 'InfluxDB receiving data', source: '003 L1007', checks: [{ kind: 'events-flowing' }], sameAs: ['P1-SC6', 'PD-D1-7'] },
  { criterionId: 'RB-CL-FN5', what: 'SQLite devices populated', source: '003 L1008', checks: [devicesCount], sameAs: [], requires: ['sqlite'] },
  { criterionId: 'RB-CL-FN6', what: 'sports data loading', source: '003 L1009', checks: [nfl], sameAs: [], requires: ['sports-league-routes'] },
  { criterionId: 'RB-CL-FN7', what: 'no console errors in the browser', source: '003 L1010', checks: [{ kind: 'dashboard', services: ['health-dashboard'] }], sameAs: ['P1-S10-AC6'] },
  { criterionId: 'RB-CL-FN8', what: 'service logs show no errors', source: '003 L1011', checks: [{ kind: 'log-scan', services: 'all', tail: 100 }], sameAs: ['P1-SC2'] },
  { criterionId: 'RB-CL-INT1', what: 'HA WebSocket connected (logs | grep Connected)', source: '003 L1014', checks: haConnected, sameAs: ['RUN-FV-1'], note: HA_NOTE },
  { criterionId: 'RB-CL-INT2', what: 'events flowing: :8006/api/events?limit=1', source: '003 L1015', checks: [events1], sameAs: ['PD-D1-8'], note: '/api/v1/events per D3.2, with the Bearer key (D3.3)' },
  { criterionId: 'RB-CL-INT3', what: 'devices discovered: :8006/api/devices', source: '003 L1016', checks: [devicesCount], sameAs: [], requires: ['sqlite'] },
  { criterionId: 'RB-CL-INT4', what: 'weather enrichment working (if configured)', source: '003 L1017', checks: [{ kind: 'recent-writes', range: '-1h', field: 'weather_temp' }], sameAs: [], requires: ['weather-enrichment'] },
  { criterionId: 'RB-CL-INT5', what: 'sports data: :8005/api/nfl/games', source: '003 L1018', checks: [nfl], sameAs: [], requires: ['sports-league-routes'] },
  { criterionId: 'RB-CL-PERF1', what: 'dashboard loads < 3 s', source: '003 L1021', checks: [{ kind: 'dashboard', services: ['health-dashboard'], limit: 3000 }], sameAs: ['P1-SC4', 'P1-S10-AC6'] },
  { criterionId: 'RB-CL-PERF2', what: 'health endpoints < 100 ms', source: '003 L1022', checks: [{ kind: 'latency', services: ['data-api', 'websocket-ingestion', 'admin-api', 'data-retention'], path: '/health', limit: 100 }], sameAs: ['P1-SC3'],
    note: 'P1-SC3 uses 500 ms (D5.1 p95-500ms); 003\'s 100 ms applies with contradictions D5.1 = p95-100ms, p(95) over 20 samples' },
  { criterionId: 'RB-CL-PERF3', what: 'no memory leaks (docker stats)', source: '003 L1023', checks: [{ kind: 'memory-trend', services: 'all' }], sameAs: ['PD-48H-4', 'P3-SC5'] },
  { criterionId: 'RB-CL-PERF4', what: 'CPU < 50% average', source: '003 L1024', checks: [{ kind: 'cpu-percent', services: 'all', limit: 50 }], sameAs: ['PD-24H-2b'], partial: '"stable" over time: one 10 s window of two docker stats readings is sampled', note: '003\'s 50% (D5.3 rebuild-003); PD-24H-2b uses 70%' },
  { criterionId: 'RB-CL-PERF5', what: 'disk usage acceptable', source: '003 L1025', checks: [{ kind: 'manual' }], sameAs: [], note: '"acceptable" has no number' },
  { criterionId: 'RB-CL-SEC1', what: 'no secrets exposed in logs', source: '003 L1028', checks: [{ kind: 'secrets-in-logs', services: 'all', tail: 1000 }], sameAs: [], note: 'a line counts when phasegate\'s masking had to change it (registered tokens and keys, Authorization headers, KEY=value, URL credentials)' },
  { criterionId: 'RB-CL-SEC2', what: 'environment variables properly set', source: '003 L1029', checks: [{ kind: 'secrets-not-default', services: 'all' }], sameAs: ['RUN-PRE-2c'] },
  { criterionId: 'RB-CL-SEC3', what: 'services run with proper permissions', source: '003 L1030', checks: [{ kind: 'permissions', services: 'all' }], sameAs: [],
    note: 'not privileged, cap_add within security.allowedCapAdd, docker.sock only for security.dockerSocketServices; a root user fails per criteria.md (security.rootUser: report follows 003, which rates data-api\'s root MINOR, L91)' },
  { criterionId: 'RB-CL-SEC4', what: 'no unnecessary ports exposed', source: '003 L1031', checks: [{ kind: 'exposed-ports' }], sameAs: ['TV-S4'],
    note: 'the ports the compose file gives each service plus security.allowedPorts; listeners read from /proc (network_mode host) or Docker\'s published ports' },
  { criterionId: 'RB-CL-SEC5', what: 'authentication enabled (if configured)', source: '003 L1032', checks: [{ kind: 'auth-rejected', services: ['data-api'], path: '/api/devices' }], sameAs: ['RUN-PRE-3c', 'TV-S3'] },
  { criterionId: 'RB-CL-SEC6', what: 'CORS properly configured', source: '003 L1033', checks: [{ kind: 'cors-static', services: ['admin-api', 'data-api'] }], sameAs: [], partial: 'the preflight request from a foreign Origin is not sent; the env is judged (RB-H-2)' },
  { criterionId: 'RB-PR-1..8', what: 'post-rebuild: healthy, HA connected, dashboard, APIs, Influx data, SQLite, sports, external services', source: '003 L1321-1328',
    checks: [{ kind: 'aggregate', of: ['RB-CL-INF2', 'RB-CL-FN3', 'RB-CL-FN1', 'RB-V-5', 'RB-CL-FN4', 'RB-CL-FN5', 'RB-CL-FN6'] }], sameAs: [], note: 'duplicates RB-CL-* (criteria.md A9)' },
  { criterionId: 'RB-PR-9', what: 'backups configured', source: '003 L1329', checks: [{ kind: 'not-implemented' }], sameAs: [], requires: ['host-crontab'] },
  { criterionId: 'RB-PR-10', what: 'monitoring set up', source: '003 L1330', checks: [{ kind: 'manual' }], sameAs: [] },
  { criterionId: 'RB-PR-11-12', what: 'documentation updated; team notified', source: '003 L1331-1332', checks: [{ kind: 'manual' }], sameAs: [] },
  { criterionId: 'RB-SC1', what: 'all 13+ services healthy', source: '003 L1339', checks: [{ kind: 'containers-healthy', services: 'all' }], sameAs: ['P1-SC1', 'PD-D1-2'], note: 'the expected set is the compose file\'s (D1.1), not 13' },
  { criterionId: 'RB-SC2', what: 'dashboard loads without errors', source: '003 L1340', checks: [{ kind: 'dashboard', services: ['health-dashboard'] }], sameAs: ['P1-S10-AC4', 'P1-S10-AC6'] },
  { criterionId: 'RB-SC3', what: 'Home Assistant connection established', source: '003 L1341', checks: haConnected, sameAs: ['RUN-FV-1'], note: HA_NOTE },
  { criterionId: 'RB-SC4', what: 'events flowing to InfluxDB', source: '003 L1342', checks: [{ kind: 'events-flowing' }], sameAs: ['P1-SC6', 'PD-D1-7'] },
  { criterionId: 'RB-SC5', what: 'devices populated in SQLite', source: '003 L1343', checks: [devicesCount], sameAs: [], requires: ['sqlite'] },
  { criterionId: 'RB-SC6', what: 'all API endpoints respond < 100 ms', source: '003 L1344', checks: [{ kind: 'latency', services: ['data-api', 'websocket-ingestion', 'admin-api', 'data-retention'], path: '/health', limit: 100 }, { kind: 'latency', services: ['data-api'], path: '/api/v1/events?limit=10', auth: 'bearer', limit: 100 }],
    sameAs: ['P1-SC3'], partial: '"all API endpoints" is not enumerable; the health endpoints and data-api events decide', note: '100 ms per 003 (D5.1 p95-100ms)' },
  { criterionId: 'RB-SC7', what: 'no error messages in logs', source: '003 L1345', checks: [{ kind: 'log-scan', services: 'all', tail: 100 }], sameAs: ['P1-SC2'] },
  { criterionId: 'RB-SC8', what: 'memory < 70% of allocated', source: '003 L1346', checks: [{ kind: 'memory-percent', services: 'all', limit: 70 }], sameAs: ['PD-24H-2a'], note: 'PD-24H-2a uses 80% (D5.3 plan-001); 003\'s 70% is D5.3 rebuild-003' },
  { criterionId: 'RB-SC9', what: 'CPU stable < 50% average', source: '003 L1347', checks: [{ kind: 'cpu-percent', services: 'all', limit: 50 }], sameAs: ['PD-24H-2b'], partial: '"stable" over time: one 10 s window of two docker stats readings is sampled', note: '003\'s 50% (D5.3 rebuild-003); PD-24H-2b uses 70%' },
  { criterionId: 'RB-SC10', what: 'all validation checks pass', source: '003 L1348', checks: [{ kind: 'aggregate', of: ['RB-V-1', 'RB-V-2', 'RB-V-3', 'RB-V-4a', 'RB-V-4b', 'RB-V-4c', 'RB-V-5', 'RB-V-6'] }], sameAs: [] },
];

/** Kinds suites/rebuild has no check for. */
const UNIMPLEMENTED_KINDS: ReadonlySet<ValidationCheckKind> = new Set(['not-implemented', 'manual']);

/** Whether suites/rebuild runs a check for the entry (at least one of its checks is implemented). */
export function isImplemented(entry: RebuildValidationEntry): boolean {
  return entry.checks.some((c) => !UNIMPLEMENTED_KINDS.has(c.kind));
}

/** The entry of a criterion, or undefined. */
export function validationEntry(criterionId: string): RebuildValidationEntry | undefined {
  return REBUILD_VALIDATION.find((e) => e.criterionId === criterionId);
}

/** Why an entry cannot be decided on a target lacking `available`, or null when it can (the suite skips with this). */
export function unmetRequirements(entry: RebuildValidationEntry, available: (requirement: ValidationRequirement) => boolean): string | null {
  const unmet = (entry.requires ?? []).filter((r) => !available(r));
  return unmet.length === 0 ? null : `not decidable on this target: ${unmet.map((r) => REQUIREMENTS[r].reason).join('; ')}`;
}
