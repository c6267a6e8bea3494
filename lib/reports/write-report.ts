// The one place report artifacts reach the disk: mkdir -p, mask secrets, write, log.
import { mkdirSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { createLogger } from '../common/logger.js';
import { maskSecrets } from '../common/secrets.js';

/** Receives one human-readable line (`Markdown report written to reports/phase1/…/report.md`). */
export type ReportLog = (line: string) => void;

const KIND: Readonly<Record<string, string>> = { '.md': 'Markdown', '.html': 'HTML', '.json': 'JSON', '.xml': 'JUnit' };
const debugLog = createLogger('phasegate:reports');

/**
 * Writes `content` to `dir/file` (creating `dir`), with every registered secret, token and URL credential masked,
 * and logs `<Kind> report written to <path>`. Returns the path written.
 */
export function writeReport(dir: string, file: string, content: string, log: ReportLog = debugLog): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, file);
  writeFileSync(path, maskSecrets(content));
  log(`${KIND[extname(file)] ?? 'Report'} report written to ${path}`);
  return path;
}
