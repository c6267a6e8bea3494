// Reads a requirements file and everything it includes (`-r`, `-c`), resolved relative to the including file,
// with include cycles and missing files reported as errors at the include line.
import { readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { parseRequirementsText, type ParsedRequirementsFile, type Requirement, type RequirementsInclude, type RequirementsIssue } from './parse-requirements.js';

/** A requirement and the include chain that brought it in. */
export interface IncludedRequirement extends Requirement {
  /** Files from the root file to the one declaring this line (`['services/data-api/requirements.txt', 'requirements-base.txt']`). */
  readonly via: readonly string[];
  /** True when it came through a `-c` constraints file (it constrains, it does not install). */
  readonly constraint: boolean;
}

/** A requirements file with its includes flattened. */
export interface LoadedRequirements {
  /** The root file, relative to `baseDir`. */
  readonly file: string;
  /** Every file read, root first, relative to `baseDir`. */
  readonly files: readonly string[];
  readonly requirements: readonly IncludedRequirement[];
  readonly errors: readonly RequirementsIssue[];
  /** The parsed files by relative path. */
  readonly parsed: ReadonlyMap<string, ParsedRequirementsFile>;
}

/** Options of {@link loadRequirements}. */
export interface LoadRequirementsOptions {
  /** Paths in results and messages are relative to this directory. @default the root file's directory */
  readonly baseDir?: string;
  /** Reads a file. @default readFileSync utf8 */
  readonly readFile?: (path: string) => string;
}

/** Loads `path` and its includes depth first (pip's order). Never throws: problems are in `errors`. */
export function loadRequirements(path: string, options: LoadRequirementsOptions = {}): LoadedRequirements {
  const baseDir = resolve(options.baseDir ?? dirname(path));
  const read = options.readFile ?? ((p: string) => readFileSync(p, 'utf8'));
  const rel = (p: string) => relative(baseDir, p) || p;
  const files: string[] = [];
  const requirements: IncludedRequirement[] = [];
  const errors: RequirementsIssue[] = [];
  const parsed = new Map<string, ParsedRequirementsFile>();

  const visit = (absolute: string, chain: readonly string[], constraint: boolean, from?: RequirementsInclude) => {
    const file = rel(absolute);
    let text: string;
    try {
      text = read(absolute);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? String(error);
      const reason = code === 'ENOENT' ? 'file not found' : `cannot read (${code})`;
      if (from) errors.push({ file: from.file, line: from.line, message: `${from.kind === 'constraint' ? '-c' : '-r'} ${from.path}: ${reason} (resolved to ${file})` });
      else errors.push({ file, line: 0, message: reason });
      return;
    }
    if (!files.includes(file)) files.push(file);
    const one = parseRequirementsText(text, file);
    parsed.set(file, one);
    errors.push(...one.errors);
    const via = [...chain, file];
    for (const r of one.requirements) requirements.push({ ...r, via, constraint });
    for (const include of one.includes) {
      const target = resolve(dirname(absolute), include.path);
      const targetRel = rel(target);
      if (via.includes(targetRel)) {
        errors.push({ file, line: include.line, message: `include cycle: ${[...via.slice(via.indexOf(targetRel)), targetRel].join(' -> ')}` });
        continue;
      }
      visit(target, via, constraint || include.kind === 'constraint', include);
    }
  };
  visit(resolve(path), [], false);
  return { file: rel(resolve(path)), files, requirements, errors, parsed };
}
