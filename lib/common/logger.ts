import createDebug from 'debug';
import { maskSecrets } from './secrets.js';

/** A namespaced debug logger. Enable with `DEBUG=phasegate*`. Every line is secret-masked. */
export type Logger = (message: string, ...args: unknown[]) => void;

/** Creates the logger for one module, e.g. `createLogger('phasegate:compose')`. */
export function createLogger(namespace: `phasegate:${string}`): Logger {
  const debug = createDebug(namespace);
  return (message, ...args) => {
    if (!debug.enabled) return;
    debug(maskSecrets(message), ...args.map((a) => (typeof a === 'string' ? maskSecrets(a) : a)));
  };
}
