// "Nothing hangs" (issue #12): every way a target can stall, against a real local misbehaving server, and what
// phasegate answers. One table drives the tests (hang-scenarios.test.ts) and the figure (bench/hangs/timeouts.ts).
import Docker from 'dockerode';
import { checkHealthBody } from '../checks/check-health-body.js';
import type { CheckResult } from '../checks/check-result.js';
import { checkLatencyBudget } from '../checks/check-latency.js';
import { isPhasegateError } from '../common/errors.js';
import { stopOnWallTime, WallTimeWatchdog, type WallTimeExceededError } from '../common/wall-time-watchdog.js';
import { DockerodeContainerInspector } from '../docker/dockerode-container-inspector.js';
import { waitForHealthy } from '../docker/wait-healthy.js';
import { HttpInfluxQueryClient } from '../influx/influx-query-client.js';
import { AutocannonRunner } from '../load/load-runner.js';
import type { LoadSummary } from '../load/load-summary.js';
import { FaultClient } from '../stack/fault-client.js';
import { HaWebsocketProbe, type HaWebsocketResult } from '../probes/ha-websocket-probe.js';
import { httpGet } from '../probes/http-get.js';
import { HttpProbe, type HttpProbeResult } from '../probes/http-probe.js';
import {
  blackHoleServer,
  bodyDripServer,
  endlessBodyServer,
  headerDripServer,
  headersThenSilenceServer,
  silentDockerSocket,
  silentUpgradeServer,
  stallingDockerSocket,
  stallingHaServer,
  type MisbehavingServer,
} from './misbehaving-servers.js';

/** What phasegate answered to one stall. */
export interface HangOutcome {
  /** The one line the operator reads (error first line + hint, the check message, the probe's error). */
  readonly message: string;
  /**
   * What kind of end it was: an error code (`PHASEGATE_TIMEOUT`), `check:<status>`, `probe:timeout`,
   * `ha:stuck-in-<phase>`, `load:<error kinds>`, or `none` when nothing failed.
   */
  readonly code: string;
  /** Wall time from the call to its end, in ms (server start and stop not included). */
  readonly elapsedMs: number;
}

/** One row of the table. */
export interface HangScenario {
  /** Stable kebab-case id (`health-black-hole`). */
  readonly id: string;
  /** The code that talks to the target (`checkHealthBody`, `DockerodeContainerInspector.ping`). */
  readonly adapter: string;
  /** How the server stalls. */
  readonly stall: string;
  /** The bound that must end it, in ms. */
  readonly limitMs: number;
  /** Expected {@link HangOutcome.code}. */
  readonly code: string;
  /** What the message must contain: what, where, the limit, and (for checks and errors) a hint. */
  readonly mentions: readonly (string | RegExp)[];
  readonly run: () => Promise<HangOutcome>;
}

/** Runs `call` against a fresh server and times only the call; the server is closed whatever happens. */
async function against<T>(start: () => Promise<MisbehavingServer>, call: (server: MisbehavingServer) => Promise<T>, toOutcome: (value: T) => Omit<HangOutcome, 'elapsedMs'>): Promise<HangOutcome> {
  const server = await start();
  try {
    const started = performance.now();
    const outcome = toOutcome(await call(server));
    return { ...outcome, elapsedMs: performance.now() - started };
  } finally {
    await server.close();
  }
}

/** Like {@link against} for calls that must throw: the error becomes the outcome. */
function throwing(start: () => Promise<MisbehavingServer>, call: (server: MisbehavingServer) => Promise<unknown>): Promise<HangOutcome> {
  return against(start, (server) => call(server).then(() => undefined, (error: unknown) => error), fromError);
}

function fromError(error: unknown): Omit<HangOutcome, 'elapsedMs'> {
  if (error === undefined) return { message: '(no error)', code: 'none' };
  if (isPhasegateError(error)) return { message: `${error.shortMessage}${error.hint ? `. hint: ${error.hint}` : ''}`, code: error.code };
  return { message: error instanceof Error ? error.message : String(error), code: 'UNEXPECTED' };
}

const fromCheck = (r: CheckResult) => ({ message: r.message, code: `check:${r.status}` });
const fromProbe = (r: HttpProbeResult) => ({ message: `GET ${r.url}: ${r.error ?? `HTTP ${r.status}`}`, code: r.timedOut ? 'probe:timeout' : r.error ? 'probe:error' : 'none' });
const fromHa = (r: HaWebsocketResult) => ({ message: r.error ?? 'ok', code: r.stuckIn ? `ha:stuck-in-${r.stuckIn}` : r.ok ? 'none' : 'ha:failed' });
const fromLoad = (s: LoadSummary) => {
  const e = s.endpoints[0]!;
  return { message: e.failures[0] ?? `${e.requests.responses} responses`, code: Object.keys(e.errors).length ? `load:${Object.keys(e.errors).sort().join(',')}` : 'none' };
};

const health = (id: string, stall: string, start: () => Promise<MisbehavingServer>, mentions: readonly (string | RegExp)[], timeoutMs = 1_000): HangScenario => ({
  id, adapter: 'checkHealthBody (HttpProbe)', stall, limitMs: timeoutMs, code: 'check:failed', mentions: ['data-api (http://127.0.0.1:', ...mentions],
  run: () => against(start, (s) => checkHealthBody({ criterionId: 'HANG', service: 'data-api', url: `${s.address}/health`, rule: { field: 'status', equals: 'healthy' }, timeoutMs }), fromCheck),
});

// Load: the hard bound of a run is warm-up + duration + one request timeout.
const load = (id: string, mode: 'open' | 'closed', stall: string, start: () => Promise<MisbehavingServer>): HangScenario => {
  const plan = mode === 'open' ? { mode, ratePerSec: 20, connections: 2, durationMs: 500, timeoutMs: 500 } : { mode, connections: 2, durationMs: 2_000, timeoutMs: 1_000 };
  return {
    id, adapter: `AutocannonRunner (${mode} loop)`, stall, limitMs: plan.durationMs + plan.timeoutMs, code: 'load:timeout',
    mentions: ['data-api (http://127.0.0.1:', 'no response in the measured', '"timeout":', 'hint: is the service up'],
    run: () => against(start, (s) => new AutocannonRunner().run({ ...plan, endpoints: [{ name: 'data-api', url: `${s.address}/health` }] }), fromLoad),
  };
};

const HA_TOKEN = 'hang-token-3c9d1e';
const ha = (id: string, stall: string, start: () => Promise<MisbehavingServer>, phase: string, collectMs = 0): HangScenario => ({
  id, adapter: 'HaWebsocketProbe', stall, limitMs: 1_000, code: `ha:stuck-in-${phase}`, mentions: ['ws://127.0.0.1:', 'within 1000ms', `(stuck in phase ${phase})`, /\. hint: \S/],
  run: () => against(start, (s) => new HaWebsocketProbe().run({ url: s.address, token: HA_TOKEN, stepTimeoutMs: 1_000, collectMs }), fromHa),
});

const docker = (id: string, adapter: string, stall: string, start: () => Promise<MisbehavingServer>, call: (inspector: DockerodeContainerInspector) => Promise<unknown>, mentions: readonly (string | RegExp)[]): HangScenario => ({
  id, adapter, stall, limitMs: 1_000, code: 'PHASEGATE_TIMEOUT', mentions: ['/pg-hang-docker-', 'within 1000ms', 'hint: is dockerd running and responsive? DOCKER_HOST=unix:///', ...mentions],
  run: () => throwing(start, (s) => call(new DockerodeContainerInspector(new Docker({ socketPath: s.address }), { callTimeoutMs: 1_000, dockerHost: `unix://${s.address}` }))),
});

/** Every stall phasegate must bound, in the order the table prints them. */
export const HANG_SCENARIOS: readonly HangScenario[] = [
  // HTTP: the raw probe reports the stall as data; the checks turn it into one line with a hint.
  {
    id: 'http-get-black-hole', adapter: 'httpGet', stall: 'accepts TCP, never answers', limitMs: 1_000, code: 'probe:timeout',
    mentions: ['GET http://127.0.0.1:', 'timeout after 1000ms (no response headers) — connected, 0 bytes received'],
    run: () => against(blackHoleServer, (s) => httpGet(`${s.address}/health`, { timeoutMs: 1_000 }), fromProbe),
  },
  {
    id: 'http-probe-header-drip', adapter: 'HttpProbe', stall: 'status line and headers, 1 byte every 200 ms, forever', limitMs: 1_000, code: 'probe:timeout',
    mentions: ['GET http://127.0.0.1:', 'timeout after 1000ms (no response headers) — connected, '],
    run: () => against(headerDripServer, (s) => new HttpProbe().get(`${s.address}/health`, { timeoutMs: 1_000 }), fromProbe),
  },
  {
    id: 'http-probe-body-drip', adapter: 'HttpProbe', stall: 'headers, then 1 body byte every 200 ms, forever', limitMs: 1_000, code: 'probe:timeout',
    mentions: ['GET http://127.0.0.1:', 'timeout after 1000ms (body incomplete) — connected, headers received'],
    run: () => against(bodyDripServer, (s) => new HttpProbe().get(`${s.address}/health`, { timeoutMs: 1_000 }), fromProbe),
  },
  health('health-black-hole', 'accepts TCP, never answers', blackHoleServer, ['did not answer: timeout after 1000ms (no response headers) — connected, 0 bytes received', 'hint: the port accepts connections but nothing answers']),
  health('health-headers-then-silence', 'headers + 10 of 4096 body bytes, then nothing', headersThenSilenceServer, ['answered HTTP 200 but the body did not complete: timeout after 1000ms (body incomplete)', 'hint: a body that never ends']),
  health('health-header-drip', 'headers, 1 byte every 200 ms, forever', headerDripServer, ['did not answer: timeout after 1000ms (no response headers) — connected, ', 'hint: the port accepts connections but nothing answers']),
  health('health-body-drip', 'headers, then 1 body byte every 200 ms, forever', bodyDripServer, ['answered HTTP 200 but the body did not complete: timeout after 1000ms (body incomplete) — connected, headers received', 'hint: a body that never ends']),
  health('health-endless-body', 'headers, then body bytes as fast as read, forever', endlessBodyServer, ['not JSON (truncated at the size cap)', 'hint: a health body larger than the probe\'s size cap'], 5_000),
  {
    id: 'latency-black-hole', adapter: 'checkLatencyBudget (20 samples)', stall: 'accepts TCP, never answers', limitMs: 1_000, code: 'check:failed',
    mentions: ['data-api /health (http://127.0.0.1:', 'over 1 of 20 sequential requests (stopped after a request hit its 1000ms bound)', 'timeout after 1000ms (no response headers)', 'hint: the endpoint errors'],
    run: () => against(blackHoleServer, (s) => checkLatencyBudget({ criterionId: 'HANG', name: 'data-api /health', url: `${s.address}/health`, limitMs: 500, timeoutMs: 1_000 }), fromCheck),
  },
  {
    id: 'influx-query-body-drip', adapter: 'HttpInfluxQueryClient', stall: 'headers, then 1 body byte every 200 ms, forever', limitMs: 1_000, code: 'PHASEGATE_TIMEOUT',
    mentions: ['InfluxDB query to http://127.0.0.1:', 'did not complete within 1000ms', 'hint: is InfluxDB overloaded or the port black-holed?'],
    run: () => throwing(bodyDripServer, (s) => new HttpInfluxQueryClient({ url: s.address, org: 'homeiq', token: 'hang-influx-token-77aa', timeoutMs: 1_000 }).queryCsv('buckets()')),
  },
  {
    id: 'fault-client-body-drip', adapter: 'FaultClient', stall: 'headers, then 1 body byte every 200 ms, forever', limitMs: 1_000, code: 'PHASEGATE_STACK_FAILED',
    mentions: ['fault endpoint of data-api (GET http://127.0.0.1:', '/__phasegate/faults) failed: no answer within 1000ms', 'hint: is data-api running?'],
    run: () => throwing(bodyDripServer, (s) => new FaultClient('data-api', s.address, { timeoutMs: 1_000 }).get()),
  },
  load('load-open-black-hole', 'open', 'accepts TCP, never answers', blackHoleServer),
  load('load-open-body-drip', 'open', 'headers, then 1 body byte every 200 ms, forever', bodyDripServer),
  load('load-closed-black-hole', 'closed', 'accepts TCP, never answers', blackHoleServer),
  load('load-closed-body-drip', 'closed', 'headers, then 1 body byte every 200 ms, forever', bodyDripServer),

  // Docker API: a unix socket double in a temp folder.
  docker('docker-ping-silent', 'DockerodeContainerInspector.ping', 'unix socket accepts, never answers', silentDockerSocket, (i) => i.ping(), ['Docker API call "ping" for daemon at ']),
  docker('docker-inspect-headers-then-stall', 'DockerodeContainerInspector.inspect', 'unix socket answers headers + 7 body bytes, then stalls', stallingDockerSocket, (i) => i.inspect('homeiq-data-api'), ['Docker API call "inspect" for homeiq-data-api at ']),
  docker('docker-logs-silent', 'DockerodeContainerInspector.logsTail', 'unix socket accepts, never answers', silentDockerSocket, (i) => i.logsTail('homeiq-data-api', 100), ['Docker API call "logs" for homeiq-data-api at ']),
  {
    id: 'docker-wait-healthy-silent', adapter: 'waitForHealthy (call bound 30 s)', stall: 'unix socket accepts, never answers', limitMs: 1_000, code: 'PHASEGATE_TIMEOUT',
    mentions: ['health wait gave up after', 'Docker never answered', 'inspect homeiq-data-api', '(limit 1000ms)', 'hint: is dockerd running and responsive?'],
    run: () => throwing(silentDockerSocket, (s) => waitForHealthy(new DockerodeContainerInspector(new Docker({ socketPath: s.address }), { callTimeoutMs: 30_000 }), ['homeiq-data-api', 'homeiq-admin'], { timeoutMs: 1_000 })),
  },

  // Home Assistant websocket: every protocol phase.
  ha('ha-no-upgrade', 'accepts TCP, never answers the websocket upgrade', silentUpgradeServer, 'connect'),
  ha('ha-no-greeting', 'upgrades, never sends auth_required', () => stallingHaServer('no-greeting'), 'auth_required'),
  ha('ha-no-auth-ok', 'sends auth_required, silent after auth', () => stallingHaServer('no-auth-ok'), 'auth_ok'),
  ha('ha-no-subscribe-result', 'auth_ok, never answers subscribe_events', () => stallingHaServer('no-subscribe-result'), 'subscribe', 5_000),

  // The gate's global wall-time limit over a step that never ends.
  {
    id: 'gate-wall-time', adapter: 'WallTimeWatchdog + stopOnWallTime', stall: 'a setup step that never ends', limitMs: 1_000, code: 'exit 130',
    mentions: ['gate phase1 exceeded its wall-time limit of 1 s while "stack up" was running', 'hint: raise gate.wallTimeMs'],
    run: async () => {
      const started = performance.now();
      const lines: string[] = [];
      // The step: busy with I/O that never completes (a ref'd timer stands for it; the watchdog's own timer is unref'd).
      const step = setInterval(() => {}, 60_000);
      const code = await new Promise<number>((resolve) => {
        const dog = new WallTimeWatchdog({
          name: 'gate phase1', limitMs: 1_000,
          onExpire: (error: WallTimeExceededError) => void stopOnWallTime(error, { log: (l) => lines.push(l), cleanup: async () => clearInterval(step), exit: resolve }),
        }).start();
        dog.enter('stack up');
      });
      return { message: lines.slice(0, 2).map((l) => l.replace(/^\[gate\] /, '')).join('. '), code: `exit ${code}`, elapsedMs: performance.now() - started };
    },
  },
];

/** Runs one scenario. */
export function runHangScenario(scenario: HangScenario): Promise<HangOutcome> {
  return scenario.run();
}
