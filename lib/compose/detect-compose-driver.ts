// Finds out which compose flavour this machine has: the v2 plugin when present, else v1.
import { execa } from 'execa';
import { createLogger } from '../common/logger.js';
import type { ComposeDriver } from './container-name.js';

const log = createLogger('phasegate:compose');

/** Runs `file args…` and resolves its exit code (undefined when it could not be spawned or timed out). */
export type CommandProbe = (file: string, args: readonly string[]) => Promise<number | undefined>;

/** The real probe: execa with `reject: false` and a 10 s bound. */
export const execaCommandProbe: CommandProbe = async (file, args) => {
  const result = await execa(file, args, { reject: false, timeout: 10_000, stdin: 'ignore' });
  return result.failed && result.exitCode === undefined ? undefined : result.exitCode;
};

/**
 * `docker compose version` exits 0 → `v2`; else `docker-compose version` exits 0 → `v1`; else undefined
 * (callers then use {@link MissingComposeClient}).
 */
export async function detectComposeDriver(probe: CommandProbe = execaCommandProbe): Promise<ComposeDriver | undefined> {
  if ((await probe('docker', ['compose', 'version'])) === 0) {
    log('detected docker compose v2 (plugin)');
    return 'v2';
  }
  if ((await probe('docker-compose', ['version'])) === 0) {
    log('detected docker-compose v1');
    return 'v1';
  }
  log('no compose found');
  return undefined;
}
