// pip requirements files: one requirement per line, comments, line continuations, `-r`/`-c` includes, extras,
// environment markers and PEP 440 specifiers. Parsing never throws: bad lines become errors naming file:line.
import { parseSpecifierClauses } from './pep440-specifier.js';

/** One requirement line. */
export interface Requirement {
  /** Name as written (`SQLAlchemy`). */
  readonly name: string;
  /** PEP 503 normalized name (`sqlalchemy`, `pytest-asyncio`), used to compare across files. */
  readonly key: string;
  /** Extras (`['standard']` for `uvicorn[standard]`). */
  readonly extras: readonly string[];
  /** The specifier as written, without spaces (`>=2.0.46,<3.0.0`); `''` = any version. */
  readonly specifier: string;
  /** Environment marker after `;`, when present (`python_version < "3.11"`). */
  readonly marker?: string;
  /** Direct reference after `@` (`git+https://…`), when present; such a line has no specifier. */
  readonly url?: string;
  /** File as given to the parser (usually repo-relative). */
  readonly file: string;
  /** 1-based line number (the first line of a continued line). */
  readonly line: number;
}

/** A `-r` (requirement) or `-c` (constraint) include. */
export interface RequirementsInclude {
  readonly kind: 'requirement' | 'constraint';
  /** Path as written (`../../requirements-base.txt`), relative to the including file. */
  readonly path: string;
  readonly file: string;
  readonly line: number;
}

/** A line that could not be read. */
export interface RequirementsIssue {
  readonly file: string;
  readonly line: number;
  readonly message: string;
}

/** Everything one file declares. */
export interface ParsedRequirementsFile {
  readonly file: string;
  readonly requirements: readonly Requirement[];
  readonly includes: readonly RequirementsInclude[];
  readonly errors: readonly RequirementsIssue[];
}

/** PEP 503 name normalization. */
export function normalizePackageName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

/** `file:line: message`. */
export function formatIssue(issue: RequirementsIssue): string {
  return `${issue.file}:${issue.line}: ${issue.message}`;
}

const NAME = /^([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*(?:\[([^\]]*)\])?\s*(.*)$/;
const INCLUDE = /^(-r|--requirement|-c|--constraint)(?:\s*=\s*|\s+|(?=[^\s-]))(\S+)$/;
// Options pip accepts in a requirements file that declare no package (index, build and hash options).
const OPTION = /^(-i|--index-url|--extra-index-url|--no-index|-f|--find-links|--trusted-host|--pre|--prefer-binary|--only-binary|--no-binary|--require-hashes|--use-feature|--config-settings|-Z|--always-unzip)\b/;

/** Joins `\`-continued lines; returns [first line number, text] pairs. */
function logicalLines(text: string): Array<[number, string]> {
  const out: Array<[number, string]> = [];
  let start = 0;
  let buffer = '';
  text.split(/\r?\n/).forEach((raw, i) => {
    if (buffer === '') start = i + 1;
    if (raw.endsWith('\\')) {
      buffer += `${raw.slice(0, -1)} `;
      return;
    }
    out.push([start, buffer + raw]);
    buffer = '';
  });
  if (buffer !== '') out.push([start, buffer]);
  return out;
}

/** Parses the text of one requirements file. `file` is only used in results and messages. */
export function parseRequirementsText(text: string, file: string): ParsedRequirementsFile {
  const requirements: Requirement[] = [];
  const includes: RequirementsInclude[] = [];
  const errors: RequirementsIssue[] = [];
  for (const [line, raw] of logicalLines(text)) {
    // pip strips a comment that starts a line or follows whitespace.
    const content = raw.replace(/(^|\s)#.*$/, '').trim();
    if (content === '') continue;
    const include = INCLUDE.exec(content);
    if (include) {
      includes.push({ kind: include[1]!.startsWith('-c') || include[1] === '--constraint' ? 'constraint' : 'requirement', path: include[2]!, file, line });
      continue;
    }
    if (OPTION.test(content)) continue;
    if (content.startsWith('-e ') || content.startsWith('--editable')) continue;
    if (content.startsWith('-')) {
      errors.push({ file, line, message: `unknown option line "${content}"` });
      continue;
    }
    const parsed = parseRequirementLine(content.replace(/\s--hash[=\s]\S+/g, ''), file, line);
    if ('message' in parsed) errors.push(parsed);
    else requirements.push(parsed);
  }
  return { file, requirements, includes, errors };
}

function parseRequirementLine(content: string, file: string, line: number): Requirement | RequirementsIssue {
  const semicolon = content.indexOf(';');
  const body = (semicolon === -1 ? content : content.slice(0, semicolon)).trim();
  const marker = semicolon === -1 ? undefined : content.slice(semicolon + 1).trim();
  const m = NAME.exec(body);
  if (!m) return { file, line, message: `cannot read a package name in "${content}"` };
  const [, name, extrasText, rest] = m as unknown as [string, string, string | undefined, string];
  const extras = extrasText === undefined ? [] : extrasText.split(',').map((e) => e.trim()).filter(Boolean);
  const base = { name, key: normalizePackageName(name), extras, file, line, ...(marker ? { marker } : {}) };
  if (rest.startsWith('@')) return { ...base, specifier: '', url: rest.slice(1).trim() };
  const specifier = rest.replace(/^\((.*)\)$/, '$1').replace(/\s+/g, '');
  try {
    parseSpecifierClauses(specifier);
  } catch (error) {
    return { file, line, message: `${name}: ${(error as Error).message}` };
  }
  return { ...base, specifier };
}
