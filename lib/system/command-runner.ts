import { execa } from 'execa';

/** Outcome of one external command. Never thrown: callers branch on the fields. */
export interface CommandResult {
  readonly exitCode: number | undefined;
  readonly stdout: string;
  readonly stderr: string;
  readonly timedOut: boolean;
  /** True when the executable was not found. */
  readonly notFound: boolean;
  readonly durationMs: number;
}

/** Runs an external command with a time bound. */
export interface CommandRunner {
  run(file: string, args: readonly string[], options?: { timeoutMs?: number; env?: Record<string, string | undefined> }): Promise<CommandResult>;
}

/** The real runner, on execa with `reject: false`. */
export class ExecaCommandRunner implements CommandRunner {
  async run(
    file: string,
    args: readonly string[],
    options: { timeoutMs?: number; env?: Record<string, string | undefined> } = {},
  ): Promise<CommandResult> {
    const started = performance.now();
    const result = await execa(file, args, {
      reject: false,
      timeout: options.timeoutMs ?? 10_000,
      env: options.env,
      stdin: 'ignore',
    });
    const code = (result as { code?: string }).code;
    return {
      exitCode: result.exitCode,
      stdout: String(result.stdout ?? ''),
      stderr: String(result.stderr ?? ''),
      timedOut: result.timedOut,
      notFound: code === 'ENOENT',
      durationMs: performance.now() - started,
    };
  }
}
