import type { PhasegateUserConfig } from './schema.js';

/** Identity helper for `phasegate.config.ts`: gives editor completion and type checks; validation is in loadConfig. */
export function defineConfig(config: PhasegateUserConfig): PhasegateUserConfig {
  return config;
}
