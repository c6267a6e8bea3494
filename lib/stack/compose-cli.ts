// Runs docker compose (v2 plugin) or docker-compose (v1) for one project; results, not exceptions.
import { execa } from 'execa';
import { PhasegateError, PrerequisiteError } from '../common/errors.js';
import { createLogger } from '../common/logger.js';
import { maskSecrets } from '../common/secrets.js';

const log = createLogger('phasegate:compose');

export type ComposeDriver = 'v1' | 'v2';

export interface ComposeResult {
  /** The command line, secret-masked. */
  readonly command: string;
  readonly exitCode: number | undefined;
  readonly timedOut: boolean;
  readonly durationMs: number;
  /** Last 40 lines of output, masked. */
  readonly outputTail: string;
}

/** A failed compose step, with what ran, how it ended and the output tail. */
export class ComposeError extends PhasegateError {
  override name = 'ComposeError';
  constructor(readonly result: ComposeResult, hint?: string) {
    super(
      'PHASEGATE_COMPOSE_FAILED',
      `\`${result.command}\` ${result.timedOut ? `timed out after ${Math.round(result.durationMs)}ms` : `exited ${result.exitCode} after ${Math.round(result.durationMs)}ms`}\n${result.outputTail}`,
      { shortMessage: `\`${result.command}\` failed (${result.timedOut ? 'timeout' : `exit ${result.exitCode}`})`, ...(hint ? { hint } : {}) },
    );
  }
}

/** Detects the compose flavour: the v2 plugin when present, else v1. */
export async function detectComposeDriver(): Promise<ComposeDriver> {
  const v2 = await execa('docker', ['compose', 'version'], { reject: false, timeout: 10_000 });
  if (v2.exitCode === 0) return 'v2';
  const v1 = await execa('docker-compose', ['version', '--short'], { reject: false, timeout: 10_000 });
  if (v1.exitCode === 0) return 'v1';
  throw new PrerequisiteError('neither `docker compose` (v2) nor `docker-compose` (v1) is installed', { hint: 'apt-get install -y docker-compose (or npm run bootstrap)' });
}

export interface ComposeCliOptions {
  readonly projectName: string;
  readonly files: readonly string[];
  /** Working directory (the compose file's directory). */
  readonly cwd: string;
  readonly driver: ComposeDriver;
  /** Extra environment for compose (interpolation, build args). */
  readonly env?: Record<string, string>;
}

export class ComposeCli {
  constructor(private readonly options: ComposeCliOptions) {}

  async run(args: readonly string[], timeoutMs: number): Promise<ComposeResult> {
    const { driver, projectName, files, cwd } = this.options;
    const [file, ...base] = driver === 'v2' ? ['docker', 'compose'] : ['docker-compose'];
    const full = [...base, '-p', projectName, ...files.flatMap((f) => ['-f', f]), ...args];
    const command = maskSecrets([file, ...full].join(' '));
    log(`running ${command}`);
    const started = performance.now();
    const result = await execa(file!, full, { cwd, reject: false, timeout: timeoutMs, all: true, env: { ...this.options.env }, stdin: 'ignore' });
    const out: ComposeResult = {
      command,
      exitCode: result.exitCode,
      timedOut: result.timedOut,
      durationMs: performance.now() - started,
      outputTail: maskSecrets(String(result.all ?? '').split('\n').filter((l) => !/DEPRECATED|legacy builder|buildx|^\s*$/.test(l)).slice(-40).join('\n')),
    };
    log(`ran ${command}: exit ${out.exitCode} in ${Math.round(out.durationMs)}ms`);
    return out;
  }

  async runOrThrow(args: readonly string[], timeoutMs: number, hint?: string): Promise<ComposeResult> {
    const result = await this.run(args, timeoutMs);
    if (result.exitCode !== 0 || result.timedOut) throw new ComposeError(result, hint);
    return result;
  }
}
