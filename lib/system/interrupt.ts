// Ctrl-C during long work: the first SIGINT/SIGTERM asks the work to stop at the next safe point (the rebuild
// finishes its state file and ends "interrupted", resumable); a second one exits at once, the state file still
// consistent up to the last finished step because it is written atomically after every step.
import { ExitCode } from '../common/exit-codes.js';

/** Options of {@link interruptOnSignals}. */
export interface InterruptOptions {
  /** One line per signal, e.g. to stderr. */
  readonly log: (line: string) => void;
  /** What the first signal stops, for its message (`the rebuild`). */
  readonly what: string;
  /** Ends the process on the second signal. @default process.exit */
  readonly exit?: (code: number) => void;
  /** Signals handled. @default ['SIGINT', 'SIGTERM'] */
  readonly signals?: readonly NodeJS.Signals[];
  /** Where the handlers are installed. @default process */
  readonly target?: Pick<NodeJS.Process, 'on' | 'off'>;
}

/** A signal to pass to the work, and the cleanup that removes the handlers once the work is over. */
export interface InterruptHandle {
  readonly signal: AbortSignal;
  /** Removes the handlers (the default SIGINT behaviour returns). */
  dispose(): void;
}

export function interruptOnSignals(options: InterruptOptions): InterruptHandle {
  const controller = new AbortController();
  const target = options.target ?? process;
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const signals = options.signals ?? ['SIGINT', 'SIGTERM'];
  const handler = (signal: NodeJS.Signals) => {
    if (!controller.signal.aborted) {
      options.log(`[interrupt] ${signal}: stopping ${options.what} after the current step (state saved; resume with --resume). Send it again to stop at once.`);
      controller.abort(new Error(`interrupted by ${signal}`));
      return;
    }
    options.log(`[interrupt] second ${signal}: stopping now; the state file is consistent up to the last finished step`);
    exit(ExitCode.Interrupted);
  };
  for (const s of signals) target.on(s, handler);
  return {
    signal: controller.signal,
    dispose: () => {
      for (const s of signals) target.off(s, handler);
    },
  };
}
