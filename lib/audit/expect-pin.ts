// Evaluators: does a file declare the pin a plan expects? Pure, returning a verdict with a one-line message that names
// file, line, package, declared and expected specifier, and a hint.
import { parseNpmRange } from './npm-range.js';
import { normalizePackageName, type Requirement } from './parse-requirements.js';
import type { NpmDependency } from './parse-package-json.js';
import { parsePep440Specifier } from './pep440-specifier.js';
import { rangeAdmits, rangeMinimum, rangesEquivalent, rangeWithin } from './version-range.js';
import { compareVersions, parseVersion, releaseOf } from './version.js';

/**
 * How a declaration is compared with the expected specifier:
 * `equivalent` — admits exactly the same versions (`>=2.0.46,<3` for `>=2.0.46,<3.0.0`);
 * `within` — admits no version outside it (`==2.0.46` or `>=2.0.46,<2.1` for `>=2.0.46,<3.0.0`).
 */
export type PinMatch = 'equivalent' | 'within';

/** A pin a plan expects. */
export interface ExpectedPin {
  /** Package name (any spelling; compared PEP 503-normalized). */
  readonly package: string;
  /** PEP 440 specifier (`>=2.0.46,<3.0.0`, `==5.1.2`). */
  readonly specifier: string;
  /** @default 'equivalent' */
  readonly match?: PinMatch;
  /** Where the plan states it (`002 L78`), shown in messages. */
  readonly source?: string;
}

/** The verdict on one expected pin in one requirements set. */
export interface PinVerdict {
  readonly passed: boolean;
  readonly package: string;
  readonly expected: string;
  /** The declarations looked at (none when the package is not declared). */
  readonly declared: readonly Requirement[];
  readonly message: string;
}

const where = (r: Requirement) => `${r.file}:${r.line}`;
const src = (e: ExpectedPin) => (e.source ? ` (${e.source})` : '');

/** True when a PEP 440 specifier admits a version (`>=2.0.46,<3.0.0` admits `2.0.46`); false for a non-version. */
export function specifierAdmits(specifier: string, version: string): boolean {
  const v = parseVersion(version);
  return v !== undefined && rangeAdmits(parsePep440Specifier(specifier), v);
}

/**
 * Judges every declaration of `expected.package` in `requirements` (constraints excluded by the caller).
 * `scope` names the file set in messages when the package is missing (`requirements-base.txt`).
 */
export function evaluatePin(requirements: readonly Requirement[], scope: string, expected: ExpectedPin): PinVerdict {
  const key = normalizePackageName(expected.package);
  const declared = requirements.filter((r) => r.key === key);
  const match = expected.match ?? 'equivalent';
  const base = { package: key, expected: expected.specifier, declared };
  if (declared.length === 0) {
    return { ...base, passed: false, message: `${scope}: ${key} is not declared; expected ${expected.specifier}${src(expected)}. hint: add "${key}${expected.specifier}"` };
  }
  const want = parsePep440Specifier(expected.specifier);
  const bad = declared.filter((r) => {
    if (r.url !== undefined) return true;
    const got = parsePep440Specifier(r.specifier);
    return match === 'equivalent' ? !rangesEquivalent(got, want) : !rangeWithin(got, want);
  });
  if (bad.length === 0) {
    return { ...base, passed: true, message: `${declared.map((r) => `${where(r)}: ${key}${r.specifier}`).join('; ')} ${match === 'equivalent' ? 'matches' : 'within'} ${expected.specifier}${src(expected)}` };
  }
  const describe = (r: Requirement) => {
    const spec = r.url !== undefined ? `@ ${r.url}` : r.specifier === '' ? '(no version constraint)' : r.specifier;
    return match === 'equivalent' ? `${where(r)}: ${key} declared ${spec}; expected ${expected.specifier}${src(expected)}` : `${where(r)}: ${key} declared ${spec} admits versions outside ${expected.specifier}${src(expected)}`;
  };
  const hint = match === 'equivalent' ? `change the line to "${key}${expected.specifier}"` : `narrow it to a range within ${expected.specifier}, or drop it and inherit the base pin through -r ../../requirements-base.txt`;
  return { ...base, passed: false, message: `${bad.map(describe).join('; ')}. hint: ${hint}` };
}

/** The verdict on one npm package version. */
export interface NpmVerdict {
  readonly passed: boolean;
  readonly package: string;
  readonly message: string;
}

/**
 * An app must be on exactly `expected` (the plans run `npm install pkg@X`, which writes `^X`): the lockfile's
 * installed version when there is a lockfile, else the declared range's minimum.
 */
export function evaluateNpmVersion(dep: NpmDependency | undefined, manifestFile: string, name: string, expected: string, source?: string): NpmVerdict {
  const s = source ? ` (${source})` : '';
  if (!dep) return { passed: false, package: name, message: `${manifestFile}: ${name} is not declared; expected ${expected}${s}. hint: npm install ${name}@${expected}` };
  const at = `${dep.file}:${dep.line}`;
  if (dep.installed !== undefined) {
    const ok = dep.installed === expected;
    return { passed: ok, package: name, message: ok ? `${at}: ${name} ${dep.range}, installed ${dep.installed} (package-lock.json) == ${expected}${s}` : `${at}: ${name} installed ${dep.installed} (package-lock.json, declared ${dep.range}); expected ${expected}${s}. hint: npm install ${name}@${expected}` };
  }
  let minimum: string | undefined;
  try {
    minimum = rangeMinimum(parseNpmRange(dep.range))?.text;
  } catch {
    minimum = undefined;
  }
  const ok = minimum !== undefined && compareVersions(parseVersion(minimum)!, parseVersion(expected) ?? releaseOf([0])) === 0;
  return { passed: ok, package: name, message: ok ? `${at}: ${name} ${dep.range} (no lockfile: judged by the range's minimum ${minimum}) == ${expected}${s}` : `${at}: ${name} declared ${dep.range} (minimum ${minimum ?? 'unknown'}, no lockfile); expected ${expected}${s}. hint: npm install ${name}@${expected}` };
}

/** A declared npm range must stay on one major version (`^18.3.1` stays on 18; `^19.2.4` or `>=18` does not). */
export function evaluateNpmMajor(dep: NpmDependency | undefined, manifestFile: string, name: string, major: number, source?: string): NpmVerdict {
  const s = source ? ` (${source})` : '';
  if (!dep) return { passed: false, package: name, message: `${manifestFile}: ${name} is not declared; expected major ${major}${s}` };
  const at = `${dep.file}:${dep.line}`;
  let ok: boolean;
  try {
    ok = rangeWithin(parseNpmRange(dep.range), parseNpmRange(`${major}.x`)) && (dep.installed === undefined || parseVersion(dep.installed)?.release[0] === major);
  } catch {
    ok = false;
  }
  return { passed: ok, package: name, message: ok ? `${at}: ${name} ${dep.range} stays on major ${major}${s}` : `${at}: ${name} declared ${dep.range}${dep.installed ? ` (installed ${dep.installed})` : ''} leaves major ${major}${s}. hint: pin ${name} to ^${major}.x` };
}
