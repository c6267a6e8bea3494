// What phasegate needs on the machine, how to find out, and how to fix each gap.
import { existsSync, readFileSync, statfsSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { CHROMIUM_INSTALL_HINT, DEFAULT_CHROMIUM_PATHS, describeMissingChromium, findChromium } from './chromium-path.js';
import type { CommandRunner } from './command-runner.js';

export type PrerequisiteStatus = 'ok' | 'missing' | 'outdated' | 'broken';

export interface PrerequisiteResult {
  /** Short name shown in the doctor table (`docker daemon`). */
  readonly name: string;
  readonly status: PrerequisiteStatus;
  /** Version or state found, or what went wrong. */
  readonly found: string;
  /** Whether a gate can run without it. */
  readonly required: boolean;
  /** The command or action that fixes it (only when status is not ok). */
  readonly fix?: string;
}

export interface PrerequisiteContext {
  readonly runner: CommandRunner;
  /** Repository root (for node_modules and the lock hash). */
  readonly rootDir: string;
  readonly env: Record<string, string | undefined>;
  /** Node version of this process, e.g. `20.20.2`. @default process.versions.node */
  readonly nodeVersion?: string;
  /** Path of the browser binary. @default findChromium(): env PHASEGATE_CHROMIUM, else the headless shell, else chromium */
  readonly chromiumPath?: string;
}

/** Compares dotted versions numerically (`20.10.24+dfsg1` ≥ `20.10`). */
export function versionAtLeast(found: string, minimum: string): boolean {
  const parse = (v: string) => (v.match(/\d+(?:\.\d+)*/)?.[0] ?? '0').split('.').map(Number);
  const a = parse(found);
  const b = parse(minimum);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    if (x !== y) return x > y;
  }
  return true;
}

const BOOTSTRAP = 'npm run bootstrap';
const TIMEOUT_MS = 8_000;

function firstLine(text: string): string {
  return text.trim().split('\n', 1)[0] ?? '';
}

/** Checks every prerequisite. Each check is bounded; none throws. */
export async function checkPrerequisites(ctx: PrerequisiteContext): Promise<PrerequisiteResult[]> {
  const { runner, env } = ctx;
  const run = (file: string, args: string[]) => runner.run(file, args, { timeoutMs: TIMEOUT_MS, env });
  const results: PrerequisiteResult[] = [];

  const node = ctx.nodeVersion ?? process.versions.node;
  results.push(
    versionAtLeast(node, '20.19')
      ? { name: 'node', status: 'ok', found: `v${node}`, required: true }
      : { name: 'node', status: 'outdated', found: `v${node} (need >= 20.19)`, required: true, fix: 'install Node.js 20.19 or newer' },
  );

  results.push(checkNodeModules(ctx.rootDir));

  const client = await run('docker', ['version', '--format', '{{.Client.Version}}']);
  if (client.notFound) {
    results.push({ name: 'docker cli', status: 'missing', found: 'not on PATH', required: true, fix: `apt-get install -y docker.io (or ${BOOTSTRAP})` });
  } else {
    results.push({ name: 'docker cli', status: 'ok', found: firstLine(client.stdout) || 'present', required: true });
  }

  const dockerHost = env.DOCKER_HOST ?? 'unix:///var/run/docker.sock';
  const server = client.notFound ? undefined : await run('docker', ['version', '--format', '{{.Server.Version}}']);
  let daemonOk = false;
  if (server === undefined) {
    results.push({ name: 'docker daemon', status: 'missing', found: 'no docker cli to ask', required: true, fix: `apt-get install -y docker.io, then start dockerd (or ${BOOTSTRAP})` });
  } else if (server.timedOut) {
    results.push({ name: 'docker daemon', status: 'broken', found: `no answer from ${dockerHost} within ${TIMEOUT_MS}ms`, required: true, fix: 'the daemon is hung: restart dockerd (as root: pkill dockerd; dockerd &)' });
  } else if (server.exitCode !== 0 || !server.stdout.trim()) {
    const why = firstLine(server.stderr) || 'no server version reported';
    results.push({ name: 'docker daemon', status: 'missing', found: `not reachable at ${dockerHost}: ${why}`, required: true, fix: `start the Docker daemon: as root run \`nohup dockerd >/var/log/phasegate-dockerd.log 2>&1 &\` (or ${BOOTSTRAP})` });
  } else {
    const v = firstLine(server.stdout);
    daemonOk = true;
    results.push(
      versionAtLeast(v, '20.10')
        ? { name: 'docker daemon', status: 'ok', found: v, required: true }
        : { name: 'docker daemon', status: 'outdated', found: `${v} (need >= 20.10)`, required: true, fix: 'upgrade Docker to 20.10 or newer' },
    );
  }

  const v2 = await run('docker', ['compose', 'version', '--short']);
  const v1 = await run('docker-compose', ['version', '--short']);
  if (v2.exitCode === 0 && v2.stdout.trim()) {
    results.push({ name: 'compose', status: 'ok', found: `docker compose v${firstLine(v2.stdout).replace(/^v/, '')}`, required: true });
  } else if (v1.exitCode === 0 && v1.stdout.trim()) {
    results.push({ name: 'compose', status: 'ok', found: `docker-compose ${firstLine(v1.stdout)} (v1)`, required: true });
  } else {
    results.push({ name: 'compose', status: 'missing', found: 'neither `docker compose` nor `docker-compose`', required: true, fix: `apt-get install -y docker-compose (or ${BOOTSTRAP})` });
  }

  const browser = findChromium({ executablePath: ctx.chromiumPath, env });
  if (!browser.found) {
    results.push({ name: 'chromium', status: 'missing', found: describeMissingChromium(browser), required: true, fix: CHROMIUM_INSTALL_HINT });
  } else {
    const c = await run(browser.path, ['--version']);
    // Debian's builds say `Chromium 156.0…`; a Chrome named in PHASEGATE_CHROMIUM says `Google Chrome 131.0…`.
    const version = c.stdout.match(/(?:Chromium|Google Chrome(?: for Testing)?|Chrome) [\d.]+/)?.[0];
    const fix = browser.source === 'default' ? 'apt-get install --reinstall -y chromium-headless-shell chromium' : `check the browser at ${browser.path} (${browser.source === 'env' ? 'PHASEGATE_CHROMIUM' : 'executablePath'}) runs: ${browser.path} --version`;
    results.push(
      version
        ? { name: 'chromium', status: 'ok', found: `${version} (${browser.path})`, required: true }
        : { name: 'chromium', status: 'broken', found: `${browser.path} --version failed: ${firstLine(c.stderr) || `exit ${c.exitCode}`}`, required: true, fix },
    );
    if (browser.source === 'default' && browser.path !== DEFAULT_CHROMIUM_PATHS[0]) {
      results.push({
        name: 'chromium-headless-shell',
        status: 'missing',
        found: `not installed: the dashboard checks run in ${browser.path}'s new headless mode, taking about 1.5× the time (bench/e2e)`,
        required: false,
        fix: 'apt-get install -y chromium-headless-shell',
      });
    }
  }

  const bb = await run('busybox', ['--help']);
  const file = bb.notFound ? undefined : await run('sh', ['-c', 'file -L "$(command -v busybox)"']);
  if (bb.notFound) {
    results.push({ name: 'busybox-static', status: 'missing', found: 'busybox not on PATH', required: true, fix: `apt-get install -y busybox-static (or ${BOOTSTRAP})` });
  } else if (file && !/statically linked/.test(file.stdout)) {
    results.push({ name: 'busybox-static', status: 'outdated', found: 'busybox is dynamically linked', required: true, fix: 'apt-get install -y busybox-static' });
  } else {
    results.push({ name: 'busybox-static', status: 'ok', found: firstLine(bb.stdout).replace(/ multi-call binary.*/, '') || 'present', required: true });
  }

  const wrk = await run('wrk', ['--version']);
  results.push(
    wrk.notFound
      ? { name: 'wrk', status: 'missing', found: 'not on PATH (benchmarks compare against it)', required: false, fix: 'apt-get install -y wrk' }
      : { name: 'wrk', status: 'ok', found: firstLine(`${wrk.stdout}\n${wrk.stderr}`.trim()).split(' [')[0] ?? 'present', required: false },
  );

  if (daemonOk) {
    const img = await run('docker', ['image', 'inspect', '--format', '{{.Id}}', 'phasegate/nodebase:local']);
    results.push(
      img.exitCode === 0
        ? { name: 'base image', status: 'ok', found: `phasegate/nodebase:local ${firstLine(img.stdout).slice(7, 19)}`, required: true }
        : { name: 'base image', status: 'missing', found: 'phasegate/nodebase:local not built', required: true, fix: 'bash scripts/build-nodebase.sh (or npm run bootstrap)' },
    );
  } else {
    results.push({ name: 'base image', status: 'missing', found: 'unknown: the Docker daemon is not reachable', required: true, fix: 'start the Docker daemon first' });
  }

  results.push(checkDisk(ctx.rootDir));
  return results;
}

function checkNodeModules(rootDir: string): PrerequisiteResult {
  const stamp = join(rootDir, 'node_modules', '.phasegate-lock-sha256');
  const lock = join(rootDir, 'package-lock.json');
  if (!existsSync(join(rootDir, 'node_modules'))) {
    return { name: 'npm dependencies', status: 'missing', found: 'node_modules missing', required: true, fix: 'npm ci (or npm run bootstrap)' };
  }
  if (!existsSync(stamp) || !existsSync(lock)) {
    return { name: 'npm dependencies', status: 'ok', found: 'node_modules present (not installed by bootstrap)', required: true };
  }
  const want = createHash('sha256').update(readFileSync(lock)).digest('hex');
  const have = readFileSync(stamp, 'utf8').trim();
  return want === have
    ? { name: 'npm dependencies', status: 'ok', found: 'node_modules match package-lock.json', required: true }
    : { name: 'npm dependencies', status: 'outdated', found: 'package-lock.json changed since the last npm ci', required: true, fix: 'npm ci (or npm run bootstrap)' };
}

function checkDisk(rootDir: string): PrerequisiteResult {
  try {
    const s = statfsSync(rootDir);
    const freeGiB = (s.bavail * s.bsize) / 2 ** 30;
    const found = `${freeGiB.toFixed(1)} GiB free`;
    return freeGiB >= 2
      ? { name: 'disk', status: 'ok', found, required: true }
      : { name: 'disk', status: 'outdated', found: `${found} (need >= 2 GiB for images and reports)`, required: true, fix: 'free disk space (docker system prune removes unused images)' };
  } catch (error) {
    return { name: 'disk', status: 'broken', found: `cannot stat ${rootDir}: ${(error as Error).message}`, required: true };
  }
}
