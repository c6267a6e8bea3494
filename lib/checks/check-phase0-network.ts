// Phase 0, Story 2, AC2: connectivity seen from inside the websocket-ingestion container (pure: the caller runs
// `docker exec` and hands the outcome in). InfluxDB reachable (P0-S2-AC2a), Home Assistant's HTTP API answering with
// the container's own URL and token (P0-S2-AC2b), and the name `influxdb` resolving (P0-S2-AC2d). The reference twins run `network_mode: host`, where InfluxDB is on loopback and there is no compose
// DNS: AC2d is then not applicable (skipped with the reason, never passed).
import type { CheckResult } from './check-result.js';
import { maskSecrets } from '../common/secrets.js';

/** Outcome of one command run inside a container (lib/system CommandResult fits). */
export interface ExecOutcome {
  /** Exit code; undefined when the command did not finish. */
  readonly exitCode: number | undefined;
  readonly stdout: string;
  readonly stderr: string;
  readonly timedOut?: boolean;
}

/** Where the container runs: Docker's `HostConfig.NetworkMode` (`host`, `bridge`, `homeiq_default`, `container:x`). */
export interface InContainerTarget {
  readonly networkMode: string;
  /** InfluxDB's URL as the gate (on the host) reaches it (`http://127.0.0.1:8086`). */
  readonly hostInfluxUrl: string;
  /** InfluxDB's compose service name. @default 'influxdb' */
  readonly influxService?: string;
  /** InfluxDB's port inside its network. @default 8086 */
  readonly influxPort?: number;
}

/** True when the container shares the host's network stack (no compose DNS). */
export function isHostNetwork(networkMode: string): boolean {
  return networkMode === 'host';
}

/**
 * InfluxDB's `/health` URL as seen from inside the container: on a host network the host's own URL (loopback);
 * on a compose network the service DNS name (`http://influxdb:8086/health`, 000 L175).
 */
export function influxHealthUrlInside(t: InContainerTarget): string {
  if (isHostNetwork(t.networkMode)) return `${t.hostInfluxUrl.replace(/\/+$/, '')}/health`;
  return `http://${t.influxService ?? 'influxdb'}:${t.influxPort ?? 8086}/health`;
}

const excerpt = (text: string) => JSON.stringify(maskSecrets(text.trim().replace(/\s+/g, ' ').slice(0, 200)));

/**
 * P0-S2-AC2a: `wget -q -O- <url>` (or any HTTP GET command) inside the container exits 0, and the body, when it is
 * InfluxDB's JSON, says `"status": "pass"`. A failing body (`fail`) fails even with exit 0.
 */
export function checkInfluxFromContainer(outcome: ExecOutcome, options: { /** @default 'P0-S2-AC2a' */ readonly criterionId?: string; readonly service: string; readonly container: string; readonly url: string; /** The command as run, for the message. */ readonly command: string }): CheckResult {
  const base = { criterionId: options.criterionId ?? 'P0-S2-AC2a', title: `InfluxDB reachable from inside ${options.service}`, limit: `${options.command} exit 0, status pass` };
  const where = `inside ${options.container}: \`${options.command}\``;
  if (outcome.exitCode !== 0) {
    const why = outcome.timedOut ? 'timed out' : outcome.exitCode === undefined ? 'did not finish' : `exit ${outcome.exitCode}`;
    return { ...base, status: 'failed', measurement: outcome.exitCode ?? -1, message: `${where} ${why}: ${excerpt(outcome.stderr || outcome.stdout)}. hint: InfluxDB is down, or not on the container's network; check INFLUXDB_URL and that both services share a network (000 L175)` };
  }
  let status: unknown;
  try {
    status = (JSON.parse(outcome.stdout) as { status?: unknown }).status;
  } catch {
    status = undefined;
  }
  if (status !== undefined && status !== 'pass') {
    return { ...base, status: 'failed', measurement: String(status), message: `${where} answered, but InfluxDB's status is ${JSON.stringify(status)}; expected "pass". body: ${excerpt(outcome.stdout)}` };
  }
  return { ...base, status: 'passed', measurement: 0, message: `${where} exit 0${status === 'pass' ? ', status "pass"' : ''} (${options.url})`, evidence: [{ label: 'body', value: maskSecrets(outcome.stdout.slice(0, 300)) }] };
}

/**
 * P0-S2-AC2d: `nslookup influxdb` (or `getent hosts influxdb`) inside the container resolves. On a host network
 * there is no compose DNS to test: **skipped** (not applicable), never passed.
 */
export function checkDnsFromContainer(outcome: ExecOutcome | undefined, options: { /** @default 'P0-S2-AC2d' */ readonly criterionId?: string; readonly service: string; readonly container: string; readonly networkMode: string; /** @default 'influxdb' */ readonly name?: string; readonly command: string }): CheckResult {
  const name = options.name ?? 'influxdb';
  const base = { criterionId: options.criterionId ?? 'P0-S2-AC2d', title: `${name} resolves inside ${options.service}`, limit: `${options.command} resolves ${name}` };
  if (isHostNetwork(options.networkMode)) {
    return { ...base, status: 'skipped', message: `not applicable: ${options.container} runs with network_mode: host, so there is no compose DNS name ${name} to resolve (the reference twins reach InfluxDB on loopback); decide this on a target with a compose network` };
  }
  if (!outcome) return { ...base, status: 'error', message: `${options.container}: the DNS lookup was not run` };
  // busybox nslookup prints the server first ("Address: 127.0.0.11:53"), then "Name: influxdb" and its addresses;
  // getent prints "172.18.0.5  influxdb".
  const nameAt = outcome.stdout.search(/^\s*Name:/im);
  const answer = nameAt >= 0 ? outcome.stdout.slice(nameAt) : /^\s*Server:/im.test(outcome.stdout) ? '' : outcome.stdout;
  const address = /\b((?:\d{1,3}\.){3}\d{1,3}|[0-9a-f]{1,4}(?::[0-9a-f]{0,4}){2,7})\b/i.exec(answer)?.[1];
  if (outcome.exitCode !== 0 || !address) {
    return { ...base, status: 'failed', measurement: outcome.exitCode ?? -1, message: `inside ${options.container}: \`${options.command}\` did not resolve ${name} (exit ${outcome.exitCode ?? 'none'}): ${excerpt(outcome.stderr || outcome.stdout)}. hint: both services must share a compose network (networks: in docker-compose.yml); network mode here is ${options.networkMode}` };
  }
  return { ...base, status: 'passed', measurement: address, message: `inside ${options.container}: ${name} resolves to ${address} (network ${options.networkMode})` };
}

/** Runs a command (lib/system's CommandRunner fits). */
export interface ExecRunner {
  run(file: string, args: readonly string[], options?: { timeoutMs?: number }): Promise<ExecOutcome & { readonly notFound?: boolean }>;
}

/** `docker exec` exits 126/127 when the executable is not in the image: try the next tool. */
/**
 * The tool is absent (126/127, "not found") or unusable: killed by a signal with no output (exit > 128: a static
 * busybox `wget` segfaults resolving through NSS in the node+busybox twin images, measured: exit 139).
 */
const missingTool = (o: ExecOutcome) =>
  o.exitCode === 126 || o.exitCode === 127 || (o.exitCode !== undefined && o.exitCode > 128 && o.stdout === '') || /executable file not found|not found in \$PATH|No such file or directory/.test(o.stderr);

/** Tries each command in turn inside `container` until one exists in the image; returns its outcome and the command. */
async function firstAvailable(runner: ExecRunner, container: string, commands: readonly (readonly string[])[], timeoutMs: number): Promise<{ outcome: ExecOutcome; command: string }> {
  let last: { outcome: ExecOutcome; command: string } | undefined;
  for (const command of commands) {
    const outcome = await runner.run('docker', ['exec', container, ...command], { timeoutMs });
    last = { outcome, command: command.join(' ') };
    if (!missingTool(outcome)) return last;
  }
  return last!;
}

/**
 * GET `url` from inside `container`: busybox/GNU `wget -q -O- url` (alpine images), else node's fetch (node images,
 * the twins), else Python's urllib (slim HomeIQ images). Bounded by `timeoutMs` per attempt (default 15000).
 */
export function httpGetInContainer(runner: ExecRunner, container: string, url: string, timeoutMs = 15_000): Promise<{ outcome: ExecOutcome; command: string }> {
  return firstAvailable(runner, container, [
    ['wget', '-q', '-T', '5', '-O-', url],
    ['node', '-e', 'fetch(process.argv[1],{signal:AbortSignal.timeout(5000)}).then(async r=>{process.stdout.write(await r.text());process.exit(r.ok?0:1)},e=>{console.error(String(e));process.exit(1)})', url],
    ['python', '-c', 'import sys,urllib.request;sys.stdout.write(urllib.request.urlopen(sys.argv[1],timeout=5).read().decode())', url],
  ], timeoutMs);
}

/**
 * Resolves `name` inside `container`: `nslookup name` (alpine), else `getent hosts name` (Debian slim), else
 * `busybox nslookup name` (images that ship busybox without its applet links, as the twins' base image).
 */
export function resolveInContainer(runner: ExecRunner, container: string, name: string, timeoutMs = 15_000): Promise<{ outcome: ExecOutcome; command: string }> {
  return firstAvailable(runner, container, [['nslookup', name], ['getent', 'hosts', name], ['busybox', 'nslookup', name]], timeoutMs);
}

/**
 * How P0-S2-AC2b calls Home Assistant (contradiction D3.7): `bearer` sends the token the container itself holds
 * (003 L1093), `none` sends no token, as 000 L178's `curl -f $HA_HTTP_URL/api/` does (real HA then answers 401).
 */
export type HaProbeAuth = 'bearer' | 'none';

// Runs inside the container: reads the URL and token the service itself uses (HA_HTTP_URL or HOME_ASSISTANT_URL, a
// ws:// URL made http://, `/api/websocket` dropped; HA_TOKEN or HOME_ASSISTANT_TOKEN), GETs `<url>/api/` and prints
// one JSON line. The token never leaves the container: not on the docker exec command line, not in the output.
const HA_PROBE_NODE = [
  'const e=process.env,uv=e.HA_HTTP_URL?"HA_HTTP_URL":e.HOME_ASSISTANT_URL?"HOME_ASSISTANT_URL":null,tv=e.HA_TOKEN?"HA_TOKEN":e.HOME_ASSISTANT_TOKEN?"HOME_ASSISTANT_TOKEN":null;',
  'const out=o=>{console.log(JSON.stringify({urlVar:uv,tokenVar:tv,...o}));process.exit(0)};',
  'if(!uv)out({error:"no HA_HTTP_URL or HOME_ASSISTANT_URL in the environment"});',
  'const url=e[uv].replace(/^ws(s?):/,"http$1:").replace(/\\/api\\/websocket\\/?$/,"").replace(/\\/+$/,"")+"/api/";',
  'const send=process.argv[1]==="bearer"&&tv;',
  'fetch(url,{headers:send?{authorization:"Bearer "+e[tv]}:{},signal:AbortSignal.timeout(5000)}).then(async r=>out({url,sentToken:!!send,status:r.status,body:(await r.text()).slice(0,300)}),x=>out({url,sentToken:!!send,error:String(x.cause&&(x.cause.code||x.cause.message)||x.message||x)}));',
].join('');
const HA_PROBE_PYTHON = [
  'import os,sys,json,re,urllib.request,urllib.error',
  'e=os.environ;uv="HA_HTTP_URL" if e.get("HA_HTTP_URL") else ("HOME_ASSISTANT_URL" if e.get("HOME_ASSISTANT_URL") else None);tv="HA_TOKEN" if e.get("HA_TOKEN") else ("HOME_ASSISTANT_TOKEN" if e.get("HOME_ASSISTANT_TOKEN") else None)',
  'def out(o):\n print(json.dumps(dict(urlVar=uv,tokenVar=tv,**o)));sys.exit(0)',
  'uv or out(dict(error="no HA_HTTP_URL or HOME_ASSISTANT_URL in the environment"))',
  'url=re.sub(r"/+$","",re.sub(r"/api/websocket/?$","",re.sub(r"^ws(s?):",r"http\\1:",e[uv])))+"/api/";send=bool(sys.argv[1]=="bearer" and tv)',
  'req=urllib.request.Request(url,headers={"Authorization":"Bearer "+e[tv]} if send else {})',
  'try:\n r=urllib.request.urlopen(req,timeout=5);out(dict(url=url,sentToken=send,status=r.status,body=r.read().decode("utf-8","replace")[:300]))\nexcept urllib.error.HTTPError as x:\n out(dict(url=url,sentToken=send,status=x.code,body=x.read().decode("utf-8","replace")[:300]))\nexcept Exception as x:\n out(dict(url=url,sentToken=send,error=str(getattr(x,"reason",x))))',
].join('\n');

/**
 * P0-S2-AC2b: GET Home Assistant's `/api/` from inside `container` with the URL (and, with `auth: 'bearer'`, the
 * token) the container's own environment holds: node's fetch (node images, the twins), else Python's urllib (HomeIQ's
 * images). Prints one JSON line for {@link checkHaApiFromContainer}; the token is read inside the container only.
 */
export function haApiInContainer(runner: ExecRunner, container: string, auth: HaProbeAuth, timeoutMs = 15_000): Promise<{ outcome: ExecOutcome; command: string }> {
  return firstAvailable(runner, container, [
    ['node', '-e', HA_PROBE_NODE, auth],
    ['python', '-c', HA_PROBE_PYTHON, auth],
  ], timeoutMs).then(({ outcome, command }) => ({ outcome, command: `${command.split(' ', 1)[0]} GET <HA URL>/api/ (${auth === 'bearer' ? 'Bearer <the container\'s HA token>' : 'no token'})` }));
}

/** What the in-container probe printed. */
interface HaProbeLine {
  readonly urlVar: string | null;
  readonly tokenVar: string | null;
  readonly url?: string;
  readonly sentToken?: boolean;
  readonly status?: number;
  readonly body?: string;
  readonly error?: string;
}

/**
 * P0-S2-AC2b (000 L136, L178): Home Assistant's HTTP API answers `{"message": "API running."}` with HTTP 200 to the
 * URL and token the service itself is configured with. A 401 names the token variable (or that none was sent: D3.7
 * `none`, where real HA always answers 401); no URL in the environment, a refused connection and another body fail.
 */
export function checkHaApiFromContainer(outcome: ExecOutcome, options: { /** @default 'P0-S2-AC2b' */ readonly criterionId?: string; readonly service: string; readonly container: string; readonly command: string; readonly auth: HaProbeAuth }): CheckResult {
  const base = { criterionId: options.criterionId ?? 'P0-S2-AC2b', title: `Home Assistant HTTP API reachable from inside ${options.service}`, limit: 'GET <HA URL>/api/ → HTTP 200 {"message": "API running."}' };
  const where = `inside ${options.container}`;
  let line: HaProbeLine | undefined;
  try {
    line = JSON.parse(outcome.stdout.trim().split('\n').pop() ?? '') as HaProbeLine;
  } catch {
    line = undefined;
  }
  if (outcome.exitCode !== 0 || !line) {
    const why = outcome.timedOut ? 'timed out' : outcome.exitCode === undefined ? 'did not finish' : `exit ${outcome.exitCode}`;
    return { ...base, status: 'error', message: `${where}: the probe (\`${options.command}\`) ${outcome.exitCode === 0 ? 'printed no result' : why}: ${excerpt(outcome.stderr || outcome.stdout)}. hint: the image needs node or python to run it` };
  }
  const url = line.url ? maskSecrets(line.url) : '<no URL>';
  if (!line.urlVar) return { ...base, status: 'failed', message: `${where}: ${line.error ?? 'no HA URL'}; the service cannot know where Home Assistant is. hint: set HOME_ASSISTANT_URL (or HA_HTTP_URL) in its environment (.env; homeiq-facts §2)` };
  if (line.error !== undefined || line.status === undefined) {
    return { ...base, status: 'failed', measurement: line.error ?? 'no answer', message: `${where}: GET ${url} (from ${line.urlVar}) failed: ${maskSecrets(line.error ?? 'no answer')}. hint: Home Assistant (or the simulator) is down, or not reachable from the container's network at that address` };
  }
  const tokenNote = line.sentToken ? `with the token in ${line.tokenVar}` : options.auth === 'none' ? 'without a token (D3.7 none, as 000 L178 writes the curl)' : 'without a token: neither HA_TOKEN nor HOME_ASSISTANT_TOKEN is set';
  if (line.status === 401 || line.status === 403) {
    const hint = line.sentToken ? `the token in ${line.tokenVar} is wrong or revoked; create a long-lived access token in HA (profile → security) and put it there`
      : options.auth === 'none' ? 'real Home Assistant answers 401 to any call without a token; the default D3.7 choice `bearer` sends the container\'s own token'
        : 'set HOME_ASSISTANT_TOKEN (or HA_TOKEN) to a long-lived access token';
    return { ...base, status: 'failed', measurement: line.status, message: `${where}: GET ${url} ${tokenNote} answered HTTP ${line.status}: ${excerpt(line.body ?? '')}. hint: ${hint}` };
  }
  let message: unknown;
  try {
    message = (JSON.parse(line.body ?? '') as { message?: unknown }).message;
  } catch {
    message = undefined;
  }
  if (line.status !== 200 || message !== 'API running.') {
    return { ...base, status: 'failed', measurement: line.status, message: `${where}: GET ${url} ${tokenNote} answered HTTP ${line.status} ${excerpt(line.body ?? '')}; expected HTTP 200 {"message": "API running."}. hint: is ${line.urlVar} Home Assistant's base URL (not a proxy or another service)?` };
  }
  return { ...base, status: 'passed', measurement: 200, message: `${where}: GET ${url} (from ${line.urlVar}) ${tokenNote} answered HTTP 200 "API running."` };
}
