// The error a failed Docker API call becomes: names the operation, the container or image, and a hint.
import { PhasegateError, type PhasegateErrorOptions } from '../common/errors.js';

/** A Docker API call that failed (not found, conflict, daemon error). Timeouts are TimeoutErrors instead. */
export class DockerApiError extends PhasegateError {
  override name = 'DockerApiError';
  /** What was attempted (`inspect`, `logs`, `stats`, `tag`). */
  readonly operation: string;
  /** Container or image the call was about. */
  readonly target: string;
  /** HTTP status the daemon answered, when it answered. */
  readonly statusCode: number | undefined;

  constructor(operation: string, target: string, statusCode: number | undefined, message: string, options: PhasegateErrorOptions = {}) {
    super('PHASEGATE_STACK_FAILED', message, options);
    this.operation = operation;
    this.target = target;
    this.statusCode = statusCode;
  }
}
