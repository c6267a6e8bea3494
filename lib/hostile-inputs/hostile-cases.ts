// The hostile-input catalogue (issue #12): malformed, corrupt, huge and binary inputs to every module that reads
// files, logs or responses, and what phasegate answers. One table drives the tests and docs/hostile-inputs.md.
import { once } from 'node:events';
import { mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { dirname, join } from 'node:path';
import { readBaseline } from '../baselines/baseline-file.js';
import { resolveBudgets, type BudgetsInput } from '../budgets/budget-schema.js';
import { checkHealthBody, type BodyRule } from '../checks/check-health-body.js';
import type { CheckResult } from '../checks/check-result.js';
import { checkNoErrorLogs } from '../checks/check-logs.js';
import { main } from '../cli/main.js';
import { isPhasegateError } from '../common/errors.js';
import { ExitCode } from '../common/exit-codes.js';
import { demuxDockerLogs } from '../docker/demux-docker-logs.js';
import { smallRun } from '../reports/testing/sample-run.js';
import { writeRunArtifacts } from '../reports/write-run-artifacts.js';

/** Which module a case attacks. */
export type HostileArea = 'config' | 'budgets' | 'compose' | 'env' | 'baselines' | 'reports' | 'logs' | 'health' | 'live';

/** What phasegate answered to one hostile input. */
export interface HostileOutcome {
  /** The text the operator reads: the error message (line + `hint: …`), the CLI's stderr, or the check message. */
  readonly message: string;
  /** Stable error code (`PHASEGATE_CONFIG_INVALID`), `check:<status>` for checks, `anomaly` for inventory anomalies. */
  readonly code: string;
  /** Exit code the CLI / gate ends with for this outcome. */
  readonly exitCode: number;
  /** Measurements that must stay within the case's `limits` (bytes read, milliseconds). */
  readonly facts: Readonly<Record<string, number>>;
}

/** Where a case may write: its own fresh temporary directory. */
export interface HostileContext {
  readonly dir: string;
}

/** One row of the catalogue. */
export interface HostileCase {
  /** Stable kebab-case id (`compose-dependency-cycle`). */
  readonly id: string;
  readonly area: HostileArea;
  /** The input, for the doc table. */
  readonly input: string;
  /** Expected code (see {@link HostileOutcome.code}). */
  readonly code: string;
  readonly exitCode: number;
  /** Substrings the first line of the message must contain: the file and the field/path (or URL, service). */
  readonly mentions: readonly string[];
  /** How the hint shows up. @default /(^|\n|\. )hint: \S/ */
  readonly hint?: RegExp;
  /** Upper bounds on `facts` (same keys). @default {} */
  readonly limits?: Readonly<Record<string, number>>;
  readonly run: (ctx: HostileContext) => Promise<HostileOutcome>;
}

const MiB = 1024 * 1024;
const BINARY = Buffer.from([0x00, 0xff, 0xfe, 0x1b, 0x5b, 0x33, 0x31, 0x6d, 0x7b, 0x0a, 0x22, 0x07, 0x00, 0x0d]);
const ALIAS_BOMB = ['a: &a ["x","x","x","x","x","x","x","x","x"]', ...['b', 'c', 'd', 'e', 'f', 'g'].map((k, i) => `${k}: &${k} [${Array(9).fill(`*${String.fromCharCode(97 + i)}`).join(',')}]`), 'h: [*g,*g,*g,*g,*g,*g,*g,*g,*g]', ''].join('\n');

function write(dir: string, files: Record<string, string | Buffer>): void {
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
}

/** Runs the real CLI in `cwd` and returns its stderr (or, with anomalies, the anomaly lines) as the message. */
async function cli(argv: string[], cwd: string, env: Record<string, string> = {}): Promise<HostileOutcome> {
  const out: string[] = [];
  const err: string[] = [];
  const started = performance.now();
  const exitCode = await main(argv, { out: (t) => out.push(t), err: (t) => err.push(t), env, cwd });
  const facts = { elapsedMs: performance.now() - started };
  if (exitCode === ExitCode.GateFailed) {
    const anomalies = out.join('\n').split('\n').filter((l) => l.startsWith('  error '));
    return { message: anomalies.map((l) => l.replace(/^ {2}error {3}[a-z-]+: /, '')).join('\n'), code: 'anomaly', exitCode, facts };
  }
  const message = err.join('\n').replace(/^phasegate: /, '');
  return { message, code: exitCode === ExitCode.ConfigInvalid ? 'PHASEGATE_CONFIG_INVALID' : exitCode === ExitCode.Ok ? 'ok' : `exit ${exitCode}`, exitCode, facts };
}

/** Runs a library call that must throw; maps the error the way the CLI does (config errors exit 78). */
async function thrown(fn: () => unknown): Promise<HostileOutcome> {
  const started = performance.now();
  try {
    await fn();
  } catch (error) {
    const facts = { elapsedMs: performance.now() - started };
    if (isPhasegateError(error)) {
      return { message: error.message, code: error.code, exitCode: error.code === 'PHASEGATE_CONFIG_INVALID' ? ExitCode.ConfigInvalid : ExitCode.PrerequisiteMissing, facts };
    }
    // What the CLI prints for an error it did not expect: the stack, exit code 100.
    return { message: error instanceof Error ? (error.stack ?? error.message) : String(error), code: 'UNEXPECTED', exitCode: ExitCode.SetupFailed, facts };
  }
  return { message: '(no error)', code: 'none', exitCode: ExitCode.Ok, facts: { elapsedMs: performance.now() - started } };
}

function fromCheck(result: CheckResult, facts: Record<string, number> = {}): HostileOutcome {
  const exitCode = result.status === 'passed' || result.status === 'skipped' ? ExitCode.Ok : ExitCode.GateFailed;
  return { message: result.message, code: `check:${result.status}`, exitCode, facts: { elapsedMs: result.durationMs ?? 0, ...facts } };
}

const config = (id: string, file: string, content: string | Buffer, mentions: readonly string[], input: string, env: Record<string, string> = {}): HostileCase => ({
  id, area: 'config', input, code: 'PHASEGATE_CONFIG_INVALID', exitCode: ExitCode.ConfigInvalid, mentions,
  run: async ({ dir }) => {
    write(dir, { [file]: content });
    return cli(['inventory'], dir, env);
  },
});

const budget = (id: string, budgets: unknown, mentions: readonly string[], input: string): HostileCase => ({
  id, area: 'budgets', input, code: 'PHASEGATE_CONFIG_INVALID', exitCode: ExitCode.ConfigInvalid, mentions: ['budgets.json', ...mentions],
  run: () => thrown(() => resolveBudgets(budgets as BudgetsInput, { file: 'budgets.json' })),
});

const compose = (id: string, files: Record<string, string | Buffer>, mentions: readonly string[], input: string, extra: Partial<HostileCase> = {}): HostileCase => ({
  id, area: 'compose', input, code: 'PHASEGATE_CONFIG_INVALID', exitCode: ExitCode.ConfigInvalid, mentions, ...extra,
  run: async ({ dir }) => {
    write(dir, files);
    return cli(['inventory', '--compose', 'docker-compose.yml'], dir);
  },
});

const env = (id: string, content: string | Buffer, mentions: readonly string[], input: string, extra: Partial<HostileCase> = {}): HostileCase => ({
  id, area: 'env', input, code: 'PHASEGATE_CONFIG_INVALID', exitCode: ExitCode.ConfigInvalid, mentions: ['.env', ...mentions], ...extra,
  run: async ({ dir }) => {
    write(dir, { 'docker-compose.yml': 'services:\n  app:\n    image: app:${TAG:-latest}\n', '.env': content });
    return cli(['inventory', '--compose', 'docker-compose.yml'], dir);
  },
});

const baseline = (id: string, content: string | Buffer, mentions: readonly string[], input: string): HostileCase => ({
  id, area: 'baselines', input, code: 'PHASEGATE_CONFIG_INVALID', exitCode: ExitCode.ConfigInvalid, mentions: ['phase1.json', ...mentions],
  run: ({ dir }) => {
    const file = join(dir, 'baselines', 'reference', 'phase1.json');
    write(dir, { 'baselines/reference/phase1.json': content });
    return thrown(() => readBaseline(file));
  },
});

/** A structurally valid baseline, to be broken one field at a time. */
function validBaseline(endpoint: Record<string, unknown> = {}): string {
  return JSON.stringify({
    schemaVersion: 1, target: 'reference', phase: 'phase1', createdAt: '2026-11-22T10:00:00.000Z',
    fingerprint: { nodeVersion: 'v20.20.2', cpuModel: 'cpu', cpuCount: 2, host: 'ci', platform: 'linux-x64', phasegateVersion: '0.1.0' },
    endpoints: [{
      name: 'events', route: 'GET /api/v1/events', mode: 'open', intendedRate: 20, achievedRate: 20, requests: { measured: 60, responses: 60 },
      latency: { count: 60, minMs: 1, maxMs: 9, meanMs: 3, stdDevMs: 1, p50Ms: 3, p75Ms: 4, p90Ms: 5, p95Ms: 6, p99Ms: 8, p999Ms: 9 },
      histogram: 'HISTFAAAAB54nJNpmSzMwMDAxQABzFAaxmey', errorRate: 0, ...endpoint,
    }],
  });
}

/** Serves one handler on 127.0.0.1:0 for the duration of `fn`; counts the body bytes the server got out. */
async function withServer(handler: (res: ServerResponse, sent: { bytes: number }) => void, fn: (url: string, sent: { bytes: number }) => Promise<HostileOutcome>): Promise<HostileOutcome> {
  const sent = { bytes: 0 };
  const sockets = new Set<Socket>();
  const server: Server = createServer((_req, res) => handler(res, sent));
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  try {
    return await fn(`http://127.0.0.1:${(server.address() as AddressInfo).port}/health`, sent);
  } finally {
    for (const s of sockets) s.destroy();
    server.close();
  }
}

/** Writes `total` bytes (a healthy-looking JSON prefix, then padding) with backpressure, until done or the client leaves. */
function stream(res: ServerResponse, sent: { bytes: number }, total: number, prefix = '{"status":"healthy","pad":"'): void {
  res.writeHead(200, { 'content-type': 'application/json' });
  const chunk = Buffer.alloc(64 * 1024, 'x');
  let closed = false;
  res.on('close', () => {
    closed = true;
  });
  res.write(prefix);
  sent.bytes += prefix.length;
  const pump = (): void => {
    while (!closed && sent.bytes < total) {
      sent.bytes += chunk.length;
      if (!res.write(chunk)) {
        res.once('drain', pump);
        return;
      }
    }
    if (!closed) res.end('"}');
  };
  pump();
}

const health = (id: string, input: string, handler: (res: ServerResponse, sent: { bytes: number }) => void, extra: Partial<HostileCase> & { rule?: BodyRule; timeoutMs?: number } = {}): HostileCase => ({
  id, area: 'health', input, code: 'check:failed', exitCode: ExitCode.GateFailed, mentions: ['data-api', 'http://127.0.0.1:'], ...extra,
  run: () => withServer(handler, async (url, sent) => {
    const result = await checkHealthBody({ criterionId: 'P1-S4-AC5', service: 'data-api', url, rule: extra.rule ?? { field: 'status', equals: 'healthy' }, timeoutMs: extra.timeoutMs ?? 5_000 });
    // Give the server a moment to notice the client left, so `serverBytes` is what it really got out.
    await new Promise((r) => setTimeout(r, 50));
    return fromCheck(result, { serverBytes: sent.bytes, evidenceChars: JSON.stringify(result.evidence ?? []).length });
  }),
});

/** A Docker multiplexed log frame (stream 1 = stdout). */
function frame(payload: Buffer): Buffer {
  const header = Buffer.alloc(8);
  header[0] = 1;
  header.writeUInt32BE(payload.length, 4);
  return Buffer.concat([header, payload]);
}

const logs = (id: string, input: string, payload: () => Buffer, mentions: readonly string[], extra: Partial<HostileCase> = {}): HostileCase => ({
  id, area: 'logs', input, code: 'check:failed', exitCode: ExitCode.GateFailed, mentions: ['websocket-ingestion', ...mentions], ...extra,
  run: async () => {
    const buffer = frame(payload());
    const started = performance.now();
    const source = { tail: async () => ({ container: 'homeiq-websocket', lines: demuxDockerLogs(buffer).map((l) => l.text) }) };
    const result = await checkNoErrorLogs(source, { criterionId: 'P1-SC2', services: ['websocket-ingestion'], tail: 100 });
    return fromCheck(result, { elapsedMs: performance.now() - started, messageChars: result.message.length });
  },
});

const LIVE_COMPOSE = 'name: homeiq\nservices:\n  influxdb:\n    image: influxdb:2.7.12\n    container_name: homeiq-influxdb\n    ports: ["8086:8086"]\n  data-api:\n    image: homeiq-data-api\n    container_name: homeiq-data-api\n    ports: ["8006:8006"]\n';
const LIVE_ENV = 'INFLUXDB_TOKEN=hostile-live-token\nHOME_ASSISTANT_URL=http://127.0.0.1:8123\n';

/** `phasegate rebuild phase1` on a live checkout in the case's folder; refusals exit 2 (PHASEGATE_UNSAFE_TARGET). */
const live = (id: string, files: Record<string, string>, argv: readonly string[], mentions: readonly string[], input: string, prepare?: (dir: string) => void): HostileCase => ({
  id, area: 'live', input, code: 'PHASEGATE_UNSAFE_TARGET', exitCode: 2, mentions,
  run: async ({ dir }) => {
    write(dir, { 'docker-compose.yml': LIVE_COMPOSE, '.env': LIVE_ENV, 'phasegate.config.json': '{"target":"live"}', ...files });
    prepare?.(dir);
    const outcome = await cli(['rebuild', 'phase1', ...argv], dir);
    return outcome.exitCode === 2 ? { ...outcome, code: 'PHASEGATE_UNSAFE_TARGET' } : outcome;
  },
});

const svc = (body: string): string => `services:\n  app:\n    image: app\n${body}`;

/** Every hostile input phasegate is tested against, in doc order. */
export const HOSTILE_CASES: readonly HostileCase[] = [
  // config: phasegate.config.* read by `phasegate inventory` (any command that loads the config answers the same)
  config('config-unknown-key', 'phasegate.config.json', '{"thresholds":{"apiLatencyP95":500}}', ['phasegate.config.json', 'thresholds.apiLatencyP95'], 'misspelt key `thresholds.apiLatencyP95`'),
  config('config-unknown-top-level-key', 'phasegate.config.yaml', 'targt: live\n', ['phasegate.config.yaml', 'targt'], 'misspelt top-level key `targt:` (YAML)'),
  config('config-wrong-type', 'phasegate.config.json', '{"live":{"allowDestructive":"yes"}}', ['phasegate.config.json', 'live.allowDestructive'], '`"yes"` for a boolean'),
  config('config-bad-duration', 'phasegate.config.json', '{"thresholds":{"healthyDeadlineMs":"2 minutes"}}', ['phasegate.config.json', 'thresholds.healthyDeadlineMs'], 'duration `"2 minutes"`'),
  config('config-negative-duration', 'phasegate.config.json', '{"thresholds":{"dashboardLoadMs":-5}}', ['phasegate.config.json', 'thresholds.dashboardLoadMs'], 'duration `-5`'),
  config('config-bad-port', 'phasegate.config.json', '{"services":{"data-api":{"port":70000}}}', ['phasegate.config.json', 'services.data-api.port'], 'port `70000`'),
  config('config-unknown-contradiction-choice', 'phasegate.config.json', '{"contradictions":{"D5.1":"p99-1s"}}', ['phasegate.config.json', 'contradictions["D5.1"]'], 'contradiction choice that does not exist'),
  config('config-json-syntax', 'phasegate.config.json', '{"target": }', ['phasegate.config.json', 'invalid JSON'], 'JSON syntax error'),
  config('config-binary', 'phasegate.config.json', BINARY, ['phasegate.config.json', 'invalid JSON'], 'binary bytes (NUL, ESC, BEL, CR) as JSON'),
  config('config-yaml-alias-bomb', 'phasegate.config.yaml', ALIAS_BOMB, ['phasegate.config.yaml', 'YAML'], 'YAML alias bomb ("billion laughs", 9^7 nodes)'),
  config('config-empty-yaml', 'phasegate.config.yaml', '', ['phasegate.config.yaml', 'must be an object'], 'empty YAML file'),
  config('config-bad-env-override', 'phasegate.config.json', '{}', ['environment', 'PHASEGATE_TARGET'], '`PHASEGATE_TARGET=prod` in the environment', { PHASEGATE_TARGET: 'prod' }),

  // budgets: k6 threshold grammar (resolveBudgets, as for a budgets block read from budgets.json)
  budget('budget-unknown-aggregation', { latency: ['p95<500'] }, ['"p95<500"', 'latency', 'unknown aggregation'], '`p95<500` (k6 writes `p(95)`)'),
  budget('budget-percentile-out-of-range', { latency: ['p(101)<500'] }, ['"p(101)<500"', 'latency', 'outside 0–100'], '`p(101)<500`'),
  budget('budget-unit-in-value', { latency: ['p(95)<500ms'] }, ['"p(95)<500ms"', 'latency', '"500ms"'], '`p(95)<500ms` (k6 values are plain ms)'),
  budget('budget-bad-operator', { latency: ['avg=<200'] }, ['"avg=<200"', 'latency', '"=<"'], '`avg=<200`'),
  budget('budget-infinite-value', { latency: ['p(95)<1e400'] }, ['"p(95)<1e400"', 'latency', 'finite'], '`p(95)<1e400` (overflows to Infinity: a budget that always passes)'),
  budget('budget-bad-metric-key', { 'latency{route:GET /api': ['p(95)<500'] }, ['"latency{route:GET /api"', '"}"'], 'metric key `latency{route:GET /api` (no closing brace)'),
  budget('budget-bad-delay', { latency: [{ threshold: 'p(95)<500', abortOnFail: true, delayAbortEval: '10 seconds' }] }, ['latency[0].delayAbortEval'], 'long form with `delayAbortEval: "10 seconds"`'),
  budget('budget-long-form-typo', { latency: [{ threshold: 'p(95)<500', abortOnFial: true }] }, ['latency[0]', '"abortOnFial"'], 'long form with the typo `abortOnFial`'),

  // compose: our own compose parser, through `phasegate inventory --compose docker-compose.yml`
  compose('compose-yaml-syntax', { 'docker-compose.yml': svc('    ports: [1\n') }, ['docker-compose.yml:5', 'YAML syntax error'], 'unclosed flow sequence `ports: [1`'),
  compose('compose-tab-indent', { 'docker-compose.yml': 'services:\n\tapp:\n\t\timage: app\n' }, ['docker-compose.yml:2', 'Tabs'], 'tab indentation'),
  compose('compose-duplicate-key', { 'docker-compose.yml': svc('    image: other\n') }, ['docker-compose.yml:4', 'unique'], 'the same key twice in one service'),
  compose('compose-dependency-cycle', { 'docker-compose.yml': 'services:\n  a:\n    image: a\n    depends_on: [c]\n  b:\n    image: b\n    depends_on: [a]\n  c:\n    image: c\n    depends_on: [b]\n' }, ['docker-compose.yml:2', 'depends_on cycle', 'a → c → b → a'], 'depends_on cycle a → c → b → a'),
  compose('compose-unknown-dependency', { 'docker-compose.yml': 'services:\n  db:\n    image: db\n  app:\n    image: app\n    depends_on:\n      dbb: { condition: service_healthy }\n' }, ['docker-compose.yml:4', 'app', '"dbb"'], '`depends_on: dbb` (no such service)', { code: 'anomaly', exitCode: ExitCode.GateFailed, hint: /did you mean "db"\?/ }),
  compose('compose-bad-depends-on', { 'docker-compose.yml': svc('    depends_on: 5\n') }, ['docker-compose.yml:4', 'services.app.depends_on'], '`depends_on: 5`'),
  compose('compose-port-out-of-range', { 'docker-compose.yml': svc('    ports:\n      - "8006:99999"\n') }, ['docker-compose.yml:5', 'services.app.ports[0]', '99999'], 'port `"8006:99999"`'),
  compose('compose-port-protocol', { 'docker-compose.yml': svc('    ports:\n      - "8080:80/xtp"\n') }, ['docker-compose.yml:5', 'services.app.ports[0]', '"xtp"'], 'port `"8080:80/xtp"`'),
  compose('compose-port-not-a-number', { 'docker-compose.yml': svc('    ports:\n      - "http:80"\n') }, ['docker-compose.yml:5', 'services.app.ports[0]', '"http"'], 'port `"http:80"`'),
  compose('compose-missing-required-variable', { 'docker-compose.yml': svc('    environment:\n      TOKEN: ${HA_TOKEN:?set the HA token}\n') }, ['docker-compose.yml:5', 'services.app.environment.TOKEN', 'HA_TOKEN'], '`${HA_TOKEN:?set the HA token}` with HA_TOKEN unset'),
  compose('compose-huge-unterminated-variable', { 'docker-compose.yml': svc(`    command: "\${${'X'.repeat(1_000_000)}"\n`) }, ['docker-compose.yml:4', 'services.app.command', 'unterminated'], '`${` followed by 1 MB of name and no `}`', { limits: { messageChars: 600 } }),
  compose('compose-yaml-alias-bomb', { 'docker-compose.yml': `x-bomb:\n${ALIAS_BOMB.split('\n').map((l) => `  ${l}`).join('\n')}\n${svc('')}` }, ['docker-compose.yml:1', 'YAML'], 'YAML alias bomb under `x-bomb:`'),
  compose('compose-binary', { 'docker-compose.yml': BINARY }, ['docker-compose.yml:1'], 'binary bytes as compose file'),
  compose('compose-missing-file', {}, ['docker-compose.yml', 'ENOENT'], '`--compose` naming a file that does not exist'),

  config('config-bad-backup-max-age', 'phasegate.config.json', '{"live":{"backupMaxAgeMs":"a day"}}', ['phasegate.config.json', 'live.backupMaxAgeMs'], '`live.backupMaxAgeMs: "a day"`'),

  // live: a live HomeIQ checkout, `phasegate rebuild phase1` in its folder (nothing is ever sent or changed)
  live('live-port-on-lan-address', { 'docker-compose.yml': LIVE_COMPOSE.replace('"8006:8006"', '"192.168.1.20:8006:8006"') }, [], ['docker-compose.yml', 'data-api', '192.168.1.20:8006:8006', '127.0.0.1'], 'data-api published only on `192.168.1.20:8006:8006`'),
  live('live-home-assistant-on-lan', { '.env': 'HOME_ASSISTANT_URL=http://192.168.1.50:8123\n' }, [], ['Home Assistant', 'http://192.168.1.50:8123', 'HOME_ASSISTANT_URL', '.env'], '`HOME_ASSISTANT_URL=http://192.168.1.50:8123` in `.env`'),
  live('live-destructive-without-flags', {}, [], ['homeiq', 'docker-compose.yml', 'live.allowDestructive', 'PHASEGATE_ALLOW_DESTRUCTIVE=1', 'backups'], 'a real rebuild with neither flag nor backup'),
  live('live-stale-backup', { 'phasegate.config.json': '{"target":"live","live":{"allowDestructive":true}}', 'backups/phase0_old/backup_manifest_old.txt': 'abc  influxdb_data.tar.gz\n' }, ['--allow-destructive'], ['homeiq', 'backups/phase0_old', '30.0 h old', 'live.backupMaxAgeMs'], 'both flags, newest backup 30 h old (limit 24 h)', (dir) => {
    const t = (Date.now() - 30 * 3_600_000) / 1000;
    utimesSync(join(dir, 'backups/phase0_old/backup_manifest_old.txt'), t, t);
  }),

  // env: .env files read for interpolation
  env('env-garbage-line', 'TAG=1\nthis is not env\n', ['.env:2', 'invalid line'], 'a line without `=`'),
  env('env-unterminated-quote', 'TAG="1.2\nOTHER=1\n', ['.env:1', 'TAG'], 'a double quote that never closes'),
  env('env-binary', BINARY, ['.env:1', 'invalid line'], 'binary bytes'),
  env('env-10mb-line', `${'x'.repeat(10 * MiB)}\n`, ['.env:1', 'invalid line', '10485760 chars'], 'one 10 MB line of garbage', { limits: { messageChars: 600 } }),

  // baselines: baselines/<target>/<phase>.json
  baseline('baseline-truncated', '{"schemaVersion":1,"target":"refer', ['not valid JSON'], 'truncated JSON'),
  baseline('baseline-binary', BINARY, ['not valid JSON'], 'binary bytes'),
  baseline('baseline-foreign-schema', '{"metrics":{"http_req_duration":{"p(95)":12.5}}}', ['schemaVersion'], 'a k6 summary export instead of a baseline'),
  baseline('baseline-wrong-field-type', validBaseline({ latency: { count: 60, minMs: 1, maxMs: 9, meanMs: 3, stdDevMs: 1, p50Ms: 3, p75Ms: 4, p90Ms: 5, p95Ms: '6ms', p99Ms: 8, p999Ms: 9 } }), ['endpoints[0].latency.p95Ms'], '`"p95Ms": "6ms"`'),
  baseline('baseline-bad-histogram', validBaseline({ histogram: 'AAAAAAAA' }), ['endpoints[0].histogram'], 'a histogram that is base64 but not HdrHistogram'),

  // reports: the reports folder
  {
    id: 'report-dir-is-a-file', area: 'reports', input: '`reports.dir` names an existing file', code: 'PHASEGATE_CONFIG_INVALID', exitCode: ExitCode.ConfigInvalid, mentions: ['reports/phase1', 'ENOTDIR', 'reports.dir'],
    run: async ({ dir }) => {
      write(dir, { reports: 'not a folder' });
      return thrown(() => writeRunArtifacts(smallRun(), { rootDir: join(dir, 'reports'), chartLibrary: undefined, onError: () => {} }));
    },
  },
  {
    id: 'report-parent-is-a-file', area: 'reports', input: '`reports.dir` below an existing file (`README.md/reports`)', code: 'PHASEGATE_CONFIG_INVALID', exitCode: ExitCode.ConfigInvalid, mentions: ['README.md/reports', 'ENOTDIR', 'reports.dir'],
    run: async ({ dir }) => {
      write(dir, { 'README.md': '# not a folder' });
      return thrown(() => writeRunArtifacts(smallRun(), { rootDir: join(dir, 'README.md', 'reports'), chartLibrary: undefined, onError: () => {} }));
    },
  },

  // logs: Docker log frames → demux → LogScanner → checkNoErrorLogs
  logs('log-10mb-line', 'one 10 MB log line starting with `ERROR`, no newline', () => Buffer.from(`ERROR ${'x'.repeat(10 * MiB)}`), ['1 error line', 'ERROR xxx'], { limits: { elapsedMs: 2_000, messageChars: 600 }, hint: /hint: docker logs --tail 100/ }),
  logs('log-binary-line', 'an `ERROR` line with NUL, ESC colour codes, BEL and CR', () => Buffer.concat([Buffer.from('\u001b[31mERROR\u001b[0m boom '), BINARY, Buffer.from('\n')]), ['1 error line', 'ERROR'], { limits: { messageChars: 600 }, hint: /hint: docker logs --tail 100/ }),

  // health: /health bodies from an in-process server on 127.0.0.1:0
  health('health-not-json', 'HTTP 200 with an nginx HTML page', (res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>Welcome to nginx!</body></html>'), { mentions: ['data-api', 'http://127.0.0.1:', 'not JSON'] }),
  health('health-50mb-body', 'HTTP 200 streaming 50 MB: `{"status":"healthy","pad":"xxxx…`', (res, sent) => stream(res, sent, 50 * MiB), { mentions: ['data-api', 'not JSON (truncated at the size cap)'], limits: { serverBytes: 16 * MiB, elapsedMs: 5_000, evidenceChars: 2_000 } }),
  health('health-slow-drip', 'HTTP 200, then one body byte every 50 ms, forever', (res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    const timer = setInterval(() => res.write(' '), 50);
    res.on('close', () => clearInterval(timer));
  }, { timeoutMs: 500, mentions: ['data-api', 'timeout after 500ms (body incomplete)'], limits: { elapsedMs: 2_000 } }),
  health('health-header-flood', 'HTTP 200 with 64 KB of response headers', (res) => res.writeHead(200, { 'x-pad': 'x'.repeat(64 * 1024) }).end('{"status":"healthy"}'), { mentions: ['data-api', 'did not answer'] }),
  health('health-wrong-json-shape', 'HTTP 200 with `["healthy"]`', (res) => res.writeHead(200, { 'content-type': 'application/json' }).end('["healthy"]'), { mentions: ['data-api', 'status = missing'] }),
  health('health-binary-body', 'HTTP 200 with binary bytes', (res) => res.writeHead(200).end(BINARY), { mentions: ['data-api', 'not JSON'] }),
];

/** Runs one case in `dir` (which it may fill). */
export function runHostileCase(hostile: HostileCase, dir: string): Promise<HostileOutcome> {
  mkdirSync(dir, { recursive: true });
  return hostile.run({ dir });
}
