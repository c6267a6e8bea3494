// The plans' contradictions (criteria.md §D) that change what a gate checks: each has a default and a switch.

/** One documented contradiction and the ways phasegate can read it. */
export interface ContradictionDefinition {
  /** criteria.md ID (`D5.1`). */
  readonly id: string;
  /** The question the plans answer differently. */
  readonly question: string;
  /** Where each side is stated (criteria.md references). */
  readonly sources: readonly string[];
  /** Choice name → what it means. */
  readonly choices: Readonly<Record<string, string>>;
  /** The choice used unless the config switches it. */
  readonly defaultChoice: string;
  /** Why the default was chosen. */
  readonly why: string;
  /** True for criteria.md §D0's top 10. */
  readonly top10: boolean;
}

/** Every contradiction phasegate takes a position on, keyed by criteria.md ID. */
export const CONTRADICTIONS = {
  'D1.1': {
    id: 'D1.1', top10: true,
    question: 'How many services must be running and healthy?',
    sources: ['000 L19 / 001 L28 "48"', '001 L5 "44/45"', '003 L24 "13"', 'reality: 51 compose services, some behind profiles'],
    choices: { 'compose-profiles': 'the services compose starts for the active profiles', pinned: 'exactly the names in expectedServices' },
    defaultChoice: 'compose-profiles',
    why: 'no plan count matches the compose file; the compose file plus profiles is the only checkable definition',
  },
  'D5.1': {
    id: 'D5.1', top10: true,
    question: 'What is the absolute API / health latency budget?',
    sources: ['002 L34, L196, L577; 004 L198: < 500 ms', '003 L1022, L1344: < 100 ms', '001 L1421: within 10% of baseline only'],
    choices: { 'p95-500ms': 'p(95) < 500 ms for API and health endpoints (002/004)', 'p95-100ms': 'p(95) < 100 ms for API and health endpoints (003)' },
    defaultChoice: 'p95-500ms',
    why: '002/004 are the current plans; 003 predates the architecture (D9.6). The 10% baseline delta applies either way',
  },
  'D2.1': {
    id: 'D2.1', top10: true,
    question: 'Which admin-api port and health path does a gate probe?',
    sources: ['001 L483, 002 L234, 004 L160: :8004/health', '003 L361, L749: :8003/api/v1/health ("maps 8003:8004")', 'reality: 8004:8004 in the main compose'],
    choices: { 'host-8004-health': ':8004 /health', 'legacy-8003-api-v1-health': ':8003 /api/v1/health (docker-compose.minimal.yml)' },
    defaultChoice: 'host-8004-health',
    why: 'the main compose publishes 8004:8004; 8003 only exists in the minimal compose file',
  },
  'D7.1': {
    id: 'D7.1', top10: true,
    question: 'Which image tags does a rollback restore?',
    sources: ['001 L913, L1284, L1562: :phase2-backup (never created)', '000 L99-102: :pre-rebuild (deleted by 003 L521)'],
    choices: { 'tag-per-phase': 'phasegate tags :<phase>-backup itself before each phase and verifies it', 'plan-tags': 'use :phase2-backup / :pre-rebuild as written and fail when missing' },
    defaultChoice: 'tag-per-phase',
    why: 'the plan tags are never created, so a rollback as written fails with "No such image"',
  },
  'D2.2': {
    id: 'D2.2', top10: true,
    question: 'Which host ports do services publish (001 lists 8030 and 8031 twice)?',
    sources: ['001 L98-L105 and Appendix A/B', 'reality: ha-ai-agent 8030:8030, ai-code-executor and ner expose-only'],
    choices: { compose: 'the ports published in the compose file', 'plan-appendix-b': 'the 001 Appendix B port list' },
    defaultChoice: 'compose',
    why: 'the plan inventory contains duplicates and omissions; the compose file is what docker publishes',
  },
  'D5.3': {
    id: 'D5.3', top10: true,
    question: 'What memory / CPU use is acceptable?',
    sources: ['001 L1701-1702: memory < 80%, CPU < 70% avg', '003 L1346-1347: memory < 70% of allocated, CPU < 50% avg'],
    choices: { 'plan-001': 'memory < 80% of the container limit, CPU < 70% average', 'rebuild-003': 'memory < 70% of the container limit, CPU < 50% average' },
    defaultChoice: 'plan-001',
    why: '001 is the current plan; the percentage base is the container memory limit (services without a limit are reported, not judged)',
  },
  'D5.4': {
    id: 'D5.4', top10: true,
    question: 'How long must services run without restarts?',
    sources: ['000 L144: websocket 30+ min', '001 L312: 5 min', '001 L499 / 002 L36: no restarts 1 h', '001 L1699: 24 h'],
    choices: { 'phase-1h': 'no restarts for 1 h; websocket stable 30 min', 'quick-5min': 'no restarts for 5 min; websocket stable 5 min (smoke runs)', 'soak-24h': 'no restarts for 24 h; websocket stable 30 min' },
    defaultChoice: 'phase-1h',
    why: 'the Phase 1 success criterion (1 h) is the first gate that needs it; longer soaks are a per-run switch',
  },
  'D4.2': {
    id: 'D4.2', top10: true,
    question: 'How are containers found (homeiq-$service names do not match)?',
    sources: ['001 L167 homeiq-websocket; 000 L273 homeiq-$service', '001 L858-878 unprefixed ai-pattern-service'],
    choices: { 'compose-labels': 'by the com.docker.compose.project/service labels', 'container-name-pattern': 'by the name homeiq-<service> as the plans do' },
    defaultChoice: 'compose-labels',
    why: 'name patterns silently miss unprefixed and renamed containers (D4.3)',
  },
  'D3.2': {
    id: 'D3.2', top10: true,
    question: 'Which data-api routes serve events and devices?',
    sources: ['001 L1344, 004 L210: /api/v1/events; 001 L1395: /api/v1/devices', '003 L841-850: /api/events, /api/devices', 'reality: /api/v1/events and /api/devices'],
    choices: { reality: '/api/v1/events and /api/devices', 'plan-001': '/api/v1/events and /api/v1/devices', 'rebuild-003': '/api/events and /api/devices' },
    defaultChoice: 'reality',
    why: 'the routes the service actually serves at REF; the others return 404, which could pass as "rejected"',
  },
  'D3.3': {
    id: 'D3.3', top10: true,
    question: 'Do data checks call data-api with or without an API key?',
    sources: ['001 L1441-1442: must reject unauthenticated calls', '001 L1344, 003 L1015: plain curl expected to return events'],
    choices: { 'bearer-for-data': 'data checks send the Bearer key; the auth check omits it and expects 401', anonymous: 'all checks call without a key' },
    defaultChoice: 'bearer-for-data',
    why: 'satisfies both plan statements: data flows with a key and unauthenticated calls are rejected',
  },
  'D3.7': {
    id: 'D3.7', top10: false,
    question: 'Does the Phase 0 probe of Home Assistant\'s HTTP API send a token (P0-S2-AC2b)?',
    sources: ['000 L178, 001 L196: `curl -f $HA_HTTP_URL/api/` (no token)', '003 L1093: the same URL with `Authorization: Bearer`', 'reality: Home Assistant answers 401 to `/api/` without a token'],
    choices: { bearer: 'GET <HA URL>/api/ from inside websocket-ingestion with the token the container itself holds (HOME_ASSISTANT_TOKEN or HA_TOKEN)', none: 'as 000 writes it: no token, which real Home Assistant answers with 401' },
    defaultChoice: 'bearer',
    why: 'without a token the probe fails against every working Home Assistant; the container\'s own token also proves the credentials the service connects with',
  },
  'D6.1': {
    id: 'D6.1', top10: true,
    question: 'Which services must a phase gate find rebuilt?',
    sources: ['001 L667: "All 48 services rebuilt and healthy"', '001 L562-649: Phase 2 rebuilds 28 backend + 2 frontends'],
    choices: { 'work-scope': 'the services the phase rebuilds must be rebuilt; every expected service must be healthy', 'success-criteria': 'every expected service must be rebuilt' },
    defaultChoice: 'work-scope',
    why: 'the success criterion as written fails every correctly executed Phase 2',
  },
  'D6.6': {
    id: 'D6.6', top10: false,
    question: 'What does "zero-downtime" deployment (DEP-0) mean for single-replica services recreated one at a time?',
    sources: ['001 L35, L1006; 002 L26: "zero-downtime", services update one at a time', 'single-replica `up -d --no-deps --build` stops the old container before the new one listens'],
    choices: { 'no-gap': 'as written: any failed availability probe during the rollout fails DEP-0 (fails on compose by construction)', 'recreate-gap': 'a service may be unavailable only while it is itself recreated, and must come back; any other gap fails' },
    defaultChoice: 'recreate-gap',
    why: 'the plans\' own procedure (single-replica `up -d --no-deps`) cannot deliver zero downtime, so as written DEP-0 fails every compose deployment and says nothing; criteria.md D6.6 proposes a bounded gap per service. recreate-gap still reports every gap with its length and fails one outside the service\'s own recreate (until it was seen ready) or one that never recovered; no-gap is the literal claim',
  },
  'D5.2': {
    id: 'D5.2', top10: false,
    question: 'What happens between 10% and 50% regression?',
    sources: ['001 L1421-1423, 002 L38: < 10%', '001 L1232: emergency rollback only above 50%'],
    choices: { 'fail-gate': 'the gate fails above 10%; rollback is recommended above 50%', 'warn-only': 'warn between 10% and 50%; fail above 50%' },
    defaultChoice: 'fail-gate',
    why: 'the success criteria say < 10%; the 50% line is a rollback trigger, not an acceptance limit',
  },
  'D5.7': {
    id: 'D5.7', top10: false,
    question: 'How much free disk and memory are prerequisites?',
    sources: ['000 L330-331: ≥ 16 GB RAM, ≥ 50 GB free disk', '004 L22: ≥ 10 GB free disk'],
    choices: { 'prereq-000': '≥ 16 GB RAM and ≥ 50 GB free disk', 'runbook-004': '≥ 16 GB RAM and ≥ 10 GB free disk' },
    defaultChoice: 'prereq-000',
    why: 'backups plus image builds need the larger figure (001 L1654-1659)',
  },
  'D8.1': {
    id: 'D8.1', top10: false,
    question: 'What is the minimum Python version?',
    sources: ['001 L131: "Python 3.12+ (minimum)"', '001 L230, L682; 000 L227-234: flag below 3.10'],
    choices: { 'python-3.10': 'flag services below Python 3.10', 'python-3.12': 'flag services below Python 3.12' },
    defaultChoice: 'python-3.10',
    why: 'the phase documents audit against 3.10; 3.12 is a target, not a gate',
  },
  'D8.3': {
    id: 'D8.3', top10: false,
    question: 'Which FastAPI range must requirements-base.txt declare after Phase 1?',
    sources: ['001 L363 "Standardize FastAPI → 0.119.0+", L381 `>=0.119.0,<0.130.0`', '002 L55 "0.128.0 → 0.119.0+ (keep current or latest)"; 001 L132 base already 0.128.x'],
    choices: { 'plan-001-range': 'exactly >=0.119.0,<0.130.0 in the base file; service declarations within it', 'floor-002': 'any range with a floor of at least 0.119.0 (keeping >=0.128.0,<0.129.0 passes)' },
    defaultChoice: 'plan-001-range',
    why: '001 L381 is the only statement that gives a complete range; 002 only gives a floor',
  },
  'D8.9': {
    id: 'D8.9', top10: false,
    question: 'Must requirements-base.txt still pin aiosqlite (SQLite was removed after REF)?',
    sources: ['002 L79, 001 L380: aiosqlite >=0.22.1,<0.23.0', 'homeiq-facts.md §8: HEAD commit 6c5480b7 removed SQLite; aiosqlite is gone from requirements-base.txt', 'phasegate numbering: criteria.md §D8 stops at D8.8'],
    choices: { 'plan-002': 'the base file must declare aiosqlite >=0.22.1,<0.23.0', 'sqlite-removed': 'the base file may omit aiosqlite; where it is declared it must be within >=0.22.1,<0.23.0' },
    defaultChoice: 'plan-002',
    why: 'the Phase 1 plans predate the SQLite removal; a checkout at HEAD switches to sqlite-removed',
  },
  'D7.2': {
    id: 'D7.2', top10: false,
    question: 'May the 003 teardown delete the :pre-rebuild tags (the only image rollback anchor)?',
    sources: ['000 L99-102: every homeiq image tagged :pre-rebuild', '003 L521: `docker images --filter=reference=\'*homeiq*\' -q | xargs docker rmi -f` removes every tag of those images', '001 L1249, L1515; 002 L768: rollbacks restore :pre-rebuild'],
    choices: { 'keep-backup-tags': 'the teardown removes the project images by tag and keeps every :pre-rebuild* tag (and the image it holds); RB-TD-3 judges only the other tags', 'plan-rmi-all': 'as written: every *homeiq* image is force-removed, :pre-rebuild included; no image rollback exists afterwards' },
    defaultChoice: 'keep-backup-tags',
    why: '`rmi -f <image id>` deletes all tags of the image, so as written the rebuild destroys its own rollback target before the build that may fail',
  },
  'D7.5': {
    id: 'D7.5', top10: false,
    question: 'Into what may the 003 data restore (Phase 6) write?',
    sources: ['003 L880-914: `influx restore` and `docker cp metadata.db` into the running, preserved volumes', '001 L1520-1529: tar extracts over existing contents (no wipe first)', '003 L531-545: Option A keeps the volumes, so the data is still there'],
    choices: { 'into-empty-only': 'restore only into a volume that holds no data (Option B/C or a lost volume); with preserved data the restore is skipped and said so', 'over-existing': 'as written: restore over whatever the preserved volumes hold' },
    defaultChoice: 'into-empty-only',
    why: 'with Option A the data survives the teardown; restoring over it mixes two states (InfluxDB refuses an existing bucket, SQLite loses its WAL) and cannot be told apart from data loss afterwards',
  },
  'D6.11': {
    id: 'D6.11', top10: false,
    question: 'Does the 003 teardown run host-wide prunes (build cache, dangling images, unused networks)?',
    sources: ['003 L592-598: `docker builder prune -a -f` "ensures fresh builds"', '003 L524, L587: `docker image prune -f`, `docker network prune -f`', '003 L648-657: the build runs with --no-cache anyway', 'phasegate numbering: criteria.md §D6 stops at D6.10'],
    choices: { skip: 'no host-wide prune: `build --no-cache` already gives fresh layers; other projects\' build cache, dangling images and networks are left alone (RB-TD-6 and the dangling half of RB-TD-3 are reported as not done by choice)', 'all-host': 'as written: `builder prune -a -f`, `image prune -f`, `network prune -f` on the whole host' },
    defaultChoice: 'skip',
    why: 'none of the three prunes can be scoped to one project; on a shared host they delete other projects\' cache, images and networks, and --no-cache already makes the build fresh',
  },
} as const satisfies Record<string, ContradictionDefinition>;

/** A contradiction ID (`D5.1`). */
export type ContradictionId = keyof typeof CONTRADICTIONS;
/** The choices of one contradiction. */
export type ContradictionChoice<I extends ContradictionId> = keyof (typeof CONTRADICTIONS)[I]['choices'] & string;
