// The error a failed compose step becomes when a caller asks for an exception (composeOrThrow).
import { PhasegateError } from '../common/errors.js';
import type { ComposeResult, ComposeStep } from './compose-client.js';

/** A compose command that failed or timed out. Thrown only by {@link composeOrThrow}. */
export class ComposeError extends PhasegateError {
  override name = 'ComposeError';
  readonly step: ComposeStep;
  /** Secret-masked command line. */
  readonly command: string;
  readonly exitCode: number | undefined;
  readonly timedOut: boolean;
  /** Wall time of the command, in milliseconds. */
  readonly durationMs: number;
  /** Last 40 lines of stderr, secret-masked. */
  readonly stderrTail: string;

  constructor(result: ComposeResult, hint?: string) {
    const ending = result.timedOut ? `timed out after ${Math.round(result.durationMs)}ms` : `exited ${result.exitCode ?? 'without a code'} after ${Math.round(result.durationMs)}ms`;
    const tail = result.stderrTail || result.stdoutTail;
    super('PHASEGATE_COMPOSE_FAILED', `compose ${result.step} failed: \`${result.command}\` ${ending}${tail ? `\n${tail}` : ''}`, {
      shortMessage: `compose ${result.step} failed (${result.timedOut ? 'timeout' : `exit ${result.exitCode ?? '?'}`})`,
      hint: hint ?? (result.timedOut ? 'raise the timeout or look for a hung build/pull (`docker ps`, `docker-compose logs`)' : 'read the stderr tail above; rerun the command by hand to see all of it'),
    });
    this.step = result.step;
    this.command = result.command;
    this.exitCode = result.exitCode;
    this.timedOut = result.timedOut;
    this.durationMs = result.durationMs;
    this.stderrTail = result.stderrTail;
  }
}

/** True when the command exited 0 within its timeout. */
export function composeSucceeded(result: ComposeResult): boolean {
  return result.exitCode === 0 && !result.timedOut;
}

/** Awaits a compose call and throws a {@link ComposeError} when it failed: `await composeOrThrow(compose.up(['api']))`. */
export async function composeOrThrow<T extends ComposeResult>(call: Promise<T> | T, hint?: string): Promise<T> {
  const result = await call;
  if (!composeSucceeded(result)) throw new ComposeError(result, hint);
  return result;
}
