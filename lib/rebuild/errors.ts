import { PhasegateError, type PhasegateErrorOptions } from '../common/errors.js';

/** A rebuild cannot start or continue as asked (a run in progress, nothing to resume, a plan with unknown services). */
export class RebuildError extends PhasegateError {
  override name = 'RebuildError';
  constructor(message: string, options: PhasegateErrorOptions = {}) {
    super('PHASEGATE_REBUILD_FAILED', message, options);
  }
}
