/**
 * Process exit codes shared by the CLI and the gate runner. Distinct codes let CI tell a failed gate
 * from a broken machine or a typo in the config (the scheme follows k6's `errext/exitcodes`).
 */
export const ExitCode = {
  /** Everything checked passed. */
  Ok: 0,
  /** At least one acceptance check failed: the gate is closed. */
  GateFailed: 1,
  /** A prerequisite (Docker daemon, compose, chromium, …) is missing or broken. */
  PrerequisiteMissing: 3,
  /** A backup could not be created, verified or restored, or a restore was refused (sysexits EX_IOERR). */
  BackupFailed: 74,
  /** The configuration, a compose file, a baseline or a plan file is invalid. Nothing was started. */
  ConfigInvalid: 78,
  /** A latency/error budget failed (k6: ThresholdsHaveFailed). */
  BudgetFailed: 99,
  /** Setting up the target (build, start, health wait) failed or timed out. */
  SetupFailed: 100,
  /** Tearing the target down failed or timed out. */
  TeardownFailed: 101,
  /** Interrupted by a signal or the global wall-time limit. */
  Interrupted: 130,
} as const;

export type ExitCodeName = keyof typeof ExitCode;
export type ExitCodeValue = (typeof ExitCode)[ExitCodeName];
