// Reading and writing baseline files, with every problem reported as a ConfigError naming file and field.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { ConfigError } from '../common/errors.js';
import { errorExcerpt } from '../common/printable.js';
import { LatencyHistogram } from '../stats/latency-histogram.js';
import { BASELINE_SCHEMA_VERSION, baselineSchema, type Baseline } from './baseline-schema.js';

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** `<rootDir>/baselines/<target>/<phase>.json`; target and phase must be plain names (no `/`, no `..`). */
export function baselinePath(rootDir: string, target: string, phase: string): string {
  for (const [what, value] of [['target', target], ['phase', phase]] as const) {
    if (!NAME.test(value)) {
      throw new ConfigError(`baseline ${what} "${value}" is not a plain name`, { hint: 'use letters, digits, ".", "_" or "-", e.g. "reference" or "phase1"' });
    }
  }
  return join(rootDir, 'baselines', target, `${phase}.json`);
}

/**
 * Reads and validates a baseline. A missing, corrupt or foreign file (another tool's JSON, an old
 * schemaVersion, an undecodable histogram) throws {@link ConfigError} naming the file and the field.
 */
export async function readBaseline(file: string): Promise<Baseline> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new ConfigError(`cannot read baseline ${file}: ${errorExcerpt(error)}`, {
      file,
      cause: error,
      hint: 'capture one first with `phasegate baseline capture`',
    });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`baseline ${file} is not valid JSON: ${errorExcerpt(error)}`, { file, cause: error, hint: 'delete it and capture a new baseline' });
  }
  const version = (json as { schemaVersion?: unknown } | null)?.schemaVersion;
  if (version !== BASELINE_SCHEMA_VERSION) {
    throw new ConfigError(`${file} is not a phasegate baseline: schemaVersion must be ${BASELINE_SCHEMA_VERSION} (received ${JSON.stringify(version) ?? 'nothing'})`, {
      file,
      path: 'schemaVersion',
      hint: 'baselines are written by `phasegate baseline capture`; recapture files from other tools or versions',
    });
  }
  const parsed = baselineSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const path = formatPath(issue.path);
    throw new ConfigError(`baseline ${file}: ${path}: ${issue.message}`, { file, path, hint: 'the file was edited or truncated; recapture the baseline' });
  }
  parsed.data.endpoints.forEach((endpoint, i) => {
    try {
      LatencyHistogram.decode(endpoint.histogram);
    } catch (error) {
      throw new ConfigError(`baseline ${file}: endpoints[${i}].histogram cannot be decoded (${(error as Error).message})`, {
        file,
        path: `endpoints[${i}].histogram`,
        cause: error,
        hint: 'the file was edited or truncated; recapture the baseline',
      });
    }
  });
  return parsed.data;
}

/** Validates and writes a baseline (mkdir -p, then an atomic rename). */
export async function writeBaseline(file: string, baseline: Baseline): Promise<void> {
  const parsed = baselineSchema.safeParse(baseline);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(`refusing to write baseline ${file}: ${formatPath(issue.path)} ${issue.message}`, { file, path: formatPath(issue.path) });
  }
  await mkdir(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, `${JSON.stringify(parsed.data, null, 2)}\n`, 'utf8');
  await rename(tmp, file);
}

/** `endpoints[0].latency.p95Ms` from a zod issue path. */
function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const part of path) out += typeof part === 'number' ? `[${part}]` : `${out === '' ? '' : '.'}${String(part)}`;
  return out === '' ? '(root)' : out;
}
