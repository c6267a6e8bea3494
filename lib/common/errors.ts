import { maskSecrets } from './secrets.js';

/** Stable machine-readable error codes. Messages are API too, but codes never change. */
export type PhasegateErrorCode =
  | 'PHASEGATE_CONFIG_INVALID'
  | 'PHASEGATE_PREREQUISITE_MISSING'
  | 'PHASEGATE_COMPOSE_FAILED'
  | 'PHASEGATE_PROBE_FAILED'
  | 'PHASEGATE_TIMEOUT'
  | 'PHASEGATE_UNSAFE_TARGET'
  | 'PHASEGATE_BUDGET_FAILED'
  | 'PHASEGATE_BASELINE_INVALID'
  | 'PHASEGATE_NOT_IMPLEMENTED'
  | 'PHASEGATE_STACK_FAILED'
  | 'PHASEGATE_REBUILD_FAILED'
  | 'PHASEGATE_REPORT_NOT_FOUND'
  | 'PHASEGATE_REPORT_INVALID'
  | 'PHASEGATE_REPORT_UNWRITABLE'
  | 'PHASEGATE_BACKUP_FAILED';

export interface PhasegateErrorOptions {
  /** The lower-level error that caused this one. */
  readonly cause?: unknown;
  /** One line for the summary table; defaults to the first line of the message. */
  readonly shortMessage?: string;
  /** What the operator can do about it. Appended to the message as `hint: …`. */
  readonly hint?: string;
}

/**
 * Base class of every error phasegate throws on purpose. Messages and hints pass through
 * {@link maskSecrets}, so a token that slipped into an error never reaches a log or report.
 */
export class PhasegateError extends Error {
  override name = 'PhasegateError';
  readonly code: PhasegateErrorCode;
  readonly shortMessage: string;
  readonly hint: string | undefined;

  constructor(code: PhasegateErrorCode, message: string, options: PhasegateErrorOptions = {}) {
    const masked = maskSecrets(message);
    const hint = options.hint === undefined ? undefined : maskSecrets(options.hint);
    super(hint ? `${masked}\nhint: ${hint}` : masked, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.hint = hint;
    this.shortMessage = maskSecrets(options.shortMessage ?? masked.split('\n', 1)[0] ?? masked);
  }
}

/** The config, a compose file, a baseline or a plan file is invalid. Maps to exit code 78. */
export class ConfigError extends PhasegateError {
  override name = 'ConfigError';
  /** File the problem is in, relative to the working directory when possible. */
  readonly file: string | undefined;
  /** Dotted path inside the file (`services[3].healthUrl`). */
  readonly path: string | undefined;

  constructor(message: string, options: PhasegateErrorOptions & { file?: string; path?: string } = {}) {
    super('PHASEGATE_CONFIG_INVALID', message, options);
    this.file = options.file;
    this.path = options.path;
  }
}

/** A tool or service phasegate needs is not there (Docker daemon, compose, chromium…). Exit code 3. */
export class PrerequisiteError extends PhasegateError {
  override name = 'PrerequisiteError';
  constructor(message: string, options: PhasegateErrorOptions = {}) {
    super('PHASEGATE_PREREQUISITE_MISSING', message, options);
  }
}

/** Something took longer than its bound. `timeoutMs` is the bound that was exceeded. */
export class TimeoutError extends PhasegateError {
  override name = 'TimeoutError';
  readonly timeoutMs: number;
  constructor(message: string, timeoutMs: number, options: PhasegateErrorOptions = {}) {
    super('PHASEGATE_TIMEOUT', message, options);
    this.timeoutMs = timeoutMs;
  }
}

/** A request to do something unsafe (non-loopback load target, destructive step on `live`). */
export class UnsafeTargetError extends PhasegateError {
  override name = 'UnsafeTargetError';
  constructor(message: string, options: PhasegateErrorOptions = {}) {
    super('PHASEGATE_UNSAFE_TARGET', message, options);
  }
}

/** Why a stored run report could not be used: none exists, it is not a readable run report, or its output folder is not writable. */
export type ReportErrorCode = 'PHASEGATE_REPORT_NOT_FOUND' | 'PHASEGATE_REPORT_INVALID' | 'PHASEGATE_REPORT_UNWRITABLE';

/** A stored run report (`reports/<phase>/<runId>/report.json`) is missing, unreadable or cannot be re-rendered. */
export class ReportError extends PhasegateError {
  override name = 'ReportError';
  declare readonly code: ReportErrorCode;
  /** The file or folder concerned. */
  readonly file: string | undefined;

  constructor(code: ReportErrorCode, message: string, options: PhasegateErrorOptions & { file?: string } = {}) {
    super(code, message, options);
    this.file = options.file;
  }
}

/** True for any error phasegate threw on purpose (works across module copies via the code field). */
export function isPhasegateError(error: unknown): error is PhasegateError {
  return error instanceof Error && typeof (error as Partial<PhasegateError>).code === 'string'
    && String((error as PhasegateError).code).startsWith('PHASEGATE_');
}
