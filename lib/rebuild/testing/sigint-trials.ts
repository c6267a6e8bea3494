// Real Ctrl-C trials: a rebuild child process gets SIGINT (to its whole process group, as a terminal sends it) at a
// chosen moment, then `--resume` finishes the run. After each trial: the state succeeded, exactly one container per
// service and no other container of the project, backup tags = the state's, and the volume byte-identical.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { volumeFingerprint } from '../../docker/volume-fingerprint.js';
import { waitForProjectHealthy } from '../../docker/wait-healthy.js';
import { DockerodeContainerInspector } from '../../docker/dockerode-container-inspector.js';
import { FileRebuildStateStore } from '../state-store.js';
import { backupTags } from '../state.js';
import { SCENARIO_SERVICES, scenarioProject } from './scenario.js';

const CHILD = join(import.meta.dirname, 'rebuild-child.ts');

/** What a trial's signal delay counts from (see {@link SigintScenario.run}). */
export type SignalFrom = 'spawn' | 'rebuild' | { readonly line: string };

/** One child run: how it ended and when it was signalled. */
export interface ChildRun {
  readonly exitCode: number | null;
  readonly status: string | undefined;
  readonly durationMs: number;
  /** When SIGINT was sent, ms after the start; undefined when it ran to its end unsignalled. */
  readonly signalledAtMs?: number;
  readonly stderrTail: string;
}

/** What a trial left behind. */
export interface TrialAudit {
  readonly stateStatus: string | undefined;
  /** Containers of the project that are not exactly one running container per service. */
  readonly orphanContainers: readonly string[];
  /** `pre-rebuild-` tags of the scenario images that the state does not record (or recorded ones missing). */
  readonly orphanTags: readonly string[];
  readonly volumeSha256: string;
}

/** A scenario project for trials: started, seeded with data, torn down by {@link SigintScenario.close}. */
export class SigintScenario {
  readonly stateDir = mkdtempSync(join(tmpdir(), 'phasegate-sigint-'));
  readonly scenario;
  readonly inspector = new DockerodeContainerInspector();
  /** Volume fingerprint right after seeding; every trial must leave it identical. */
  volumeBefore = '';

  constructor(readonly project: string, readonly storePort: number) {
    const p = storePort;
    this.scenario = scenarioProject(project, { STORE_PORT: String(p), API_PORT: String(p + 1), UI_PORT: String(p + 2) });
  }

  async start(): Promise<void> {
    const up = await this.scenario.compose.up([], { build: true, timeoutMs: 240_000 });
    if (up.exitCode !== 0) throw new Error(`scenario ${this.project} did not start: ${up.stderrTail}`);
    await waitForProjectHealthy(this.inspector, this.project, { timeoutMs: 60_000 });
    await execa('docker', ['run', '--rm', '--network', 'none', '-v', `${this.scenario.volume}:/v`, 'phasegate/nodebase:local', 'sh', '-c', 'echo "acknowledged data" > /v/points.lp && mkdir -p /v/meta && echo 42 > /v/meta/count']);
    this.volumeBefore = (await volumeFingerprint(this.scenario.volume)).sha256;
  }

  /**
   * Runs the child; sends SIGINT to its process group `signalAfterMs` after `from` when given: `spawn` (anything may be
   * hit, even node still starting, before any handler exists), `rebuild` (the child's first `[rebuild]` line: its
   * handlers are installed and the run has begun) or `{ line }` (the first stderr line containing that text, e.g.
   * `wave 3/3`: a point in the plan whatever the machine's speed). @default from 'spawn'
   */
  run(options: { resume?: boolean; signalAfterMs?: number; from?: SignalFrom } = {}): Promise<ChildRun> {
    const args = ['--import', 'tsx', CHILD, this.project, this.stateDir, String(this.storePort), ...(options.resume ? ['--resume'] : [])];
    const started = performance.now();
    // detached: the child leads its own process group, so the signal reaches it and its docker-compose children.
    const child = spawn(process.execPath, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    let signalledAtMs: number | undefined;
    let timer: NodeJS.Timeout | undefined;
    const arm = () => {
      timer = setTimeout(() => {
        signalledAtMs = performance.now() - started;
        try {
          process.kill(-child.pid!, 'SIGINT');
        } catch {
          signalledAtMs = undefined; // it had already exited
        }
      }, options.signalAfterMs);
    };
    const from = options.from ?? 'spawn';
    const marker = from === 'spawn' ? undefined : from === 'rebuild' ? '[rebuild] run ' : from.line;
    if (options.signalAfterMs !== undefined && marker === undefined) arm();
    child.stderr.on('data', (d: Buffer) => {
      stderr = (stderr + d.toString()).slice(-4000);
      if (options.signalAfterMs !== undefined && marker !== undefined && timer === undefined && stderr.includes(marker)) arm();
    });
    const bound = setTimeout(() => process.kill(-child.pid!, 'SIGKILL'), 300_000);
    return new Promise((resolve) => {
      child.on('exit', (exitCode) => {
        clearTimeout(timer);
        clearTimeout(bound);
        const last = stdout.trim().split('\n').at(-1) ?? '';
        let status: string | undefined;
        try {
          status = (JSON.parse(last) as { status?: string }).status;
        } catch {
          status = undefined;
        }
        resolve({ exitCode, status, durationMs: performance.now() - started, ...(signalledAtMs === undefined ? {} : { signalledAtMs }), stderrTail: stderr.split('\n').slice(-8).join('\n') });
      });
    });
  }

  /** Containers, tags and volume after a trial. */
  async audit(): Promise<TrialAudit> {
    const state = new FileRebuildStateStore(this.project, this.stateDir).load();
    const { stdout } = await execa('docker', ['ps', '-a', '--filter', `label=com.docker.compose.project=${this.project}`, '--format', '{{.Names}} {{.State}} {{.Label "com.docker.compose.service"}}']);
    const rows = stdout.split('\n').filter(Boolean).map((l) => l.split(' '));
    const orphanContainers: string[] = [];
    for (const service of SCENARIO_SERVICES) {
      const mine = rows.filter((r) => r[2] === service);
      if (mine.length !== 1 || mine[0]![1] !== 'running') orphanContainers.push(...mine.map((r) => `${r[0]} (${r[1]})`), ...(mine.length === 0 ? [`${service}: no container`] : []));
    }
    orphanContainers.push(...rows.filter((r) => !SCENARIO_SERVICES.includes(r[2] as (typeof SCENARIO_SERVICES)[number])).map((r) => `${r[0]} (${r[1]}, service ${r[2]})`));
    const tags = (await execa('docker', ['images', '--format', '{{.Repository}}:{{.Tag}}', '--filter', 'reference=pgtest-rebuild-*'])).stdout.split('\n').filter((t) => t.includes(':pre-rebuild-'));
    const recorded = new Set(state ? backupTags(state) : []);
    const orphanTags = [...tags.filter((t) => !recorded.has(t)), ...[...recorded].filter((t) => !tags.includes(t)).map((t) => `${t} (recorded, missing)`)];
    return { stateStatus: state?.status, orphanContainers, orphanTags, volumeSha256: (await volumeFingerprint(this.scenario.volume)).sha256 };
  }

  async close(): Promise<void> {
    await this.scenario.compose.down({ volumes: true, timeoutMs: 120_000 });
    const { stdout } = await execa('docker', ['images', '--format', '{{.Repository}}:{{.Tag}}', '--filter', 'reference=pgtest-rebuild-*'], { reject: false });
    const stale = stdout.split('\n').filter((t) => t.includes(':pre-rebuild-'));
    if (stale.length > 0) await execa('docker', ['rmi', ...stale], { reject: false });
    rmSync(this.stateDir, { recursive: true, force: true });
  }
}

/** One trial: interrupt a fresh run `signalAfterMs` after `from` (see {@link SigintScenario.run}), resume it if it stopped, audit. */
export async function sigintTrial(scenario: SigintScenario, signalAfterMs: number, from: SignalFrom = 'spawn'): Promise<{ interrupted: ChildRun; resumed?: ChildRun; audit: TrialAudit }> {
  const interrupted = await scenario.run({ signalAfterMs, from });
  const resumed = interrupted.status === 'succeeded' ? undefined : await scenario.run({ resume: true });
  return { interrupted, ...(resumed ? { resumed } : {}), audit: await scenario.audit() };
}
