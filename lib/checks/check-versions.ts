// VERSION_AUDIT: static checks over a HomeIQ checkout (lib/audit scan) and runtime checks through a
// RuntimeVersionSource. Each returns a CheckResult naming file:line, package, declared and expected versions.
import {
  BASE_REQUIREMENTS,
  evaluateNpmMajor,
  evaluateNpmVersion,
  evaluatePin,
  findConflicts,
  formatIssue,
  grepTree,
  installedRequirements,
  isExactSpecifier,
  parsePep440Specifier,
  rangeWithin,
  specifierAdmits,
  tagVersion,
  type ExpectedPin,
  type GrepRule,
  type IncludedRequirement,
  type RepoScan,
  type RuntimeVersionSource,
  type ServiceScan,
} from '../audit/index.js';
import { versionAtLeast } from '../system/prerequisites.js';
import type { CheckResult, Evidence } from './check-result.js';

/** Messages list at most this many problems; the rest are in the evidence. */
const SHOWN = 3;

function summarize(problems: readonly string[]): string {
  const shown = problems.slice(0, SHOWN).join('; ');
  return problems.length > SHOWN ? `${shown}; (+${problems.length - SHOWN} more in the evidence)` : shown;
}

function listEvidence(label: string, lines: readonly string[]): Evidence[] {
  return lines.length === 0 ? [] : [{ label, value: lines.join('\n') }];
}

function result(criterionId: string, title: string, problems: readonly string[], okMessage: string, extra: { limit?: string; measurement?: number | string; evidence?: Evidence[] } = {}): CheckResult {
  const failed = problems.length > 0;
  return {
    criterionId,
    title,
    status: failed ? 'failed' : 'passed',
    message: failed ? summarize(problems) : okMessage,
    ...(extra.limit ? { limit: extra.limit } : {}),
    ...(extra.measurement !== undefined ? { measurement: extra.measurement } : {}),
    evidence: [...listEvidence('problems', problems), ...(extra.evidence ?? [])],
  };
}

const pythonServices = (scan: RepoScan): ServiceScan[] => scan.services.filter((s) => s.requirements.length > 0);
const direct = (r: IncludedRequirement) => r.via.length === 1 && !r.constraint;

/** What a service declares itself: every line of its files and their includes except the base file's, once each. */
function serviceDeclarations(service: ServiceScan): IncludedRequirement[] {
  const unique = new Map<string, IncludedRequirement>();
  for (const r of service.requirements.flatMap((f) => f.requirements)) {
    if (!r.constraint && r.file !== BASE_REQUIREMENTS && !unique.has(`${r.file}:${r.line}`)) unique.set(`${r.file}:${r.line}`, r);
  }
  return [...unique.values()];
}

/** Options of {@link checkBasePins}. */
export interface BasePinsOptions {
  readonly criterionId: string;
  readonly pins: readonly ExpectedPin[];
  /** Also require every service declaration of the package (in any of its requirements files) to be within the pin. @default true */
  readonly servicesWithin?: boolean;
  /** Packages the base file may omit (D8.9 `sqlite-removed`). @default [] */
  readonly mayBeAbsent?: readonly string[];
}

/**
 * P1-S1-AC1..AC3, P2-T1: requirements-base.txt declares each pin; with `servicesWithin`, no service file declares a
 * range that admits versions outside it (HomeIQ's services do not include the base file, so their own pins decide).
 */
export function checkBasePins(scan: RepoScan, options: BasePinsOptions): CheckResult {
  const names = options.pins.map((p) => `${p.package}${p.specifier}`).join(', ');
  const title = `requirements-base.txt: ${names}`;
  if (!scan.base) return result(options.criterionId, title, [`requirements-base.txt not found in ${scan.root}`], '');
  const problems: string[] = [];
  const ok: string[] = [];
  for (const pin of options.pins) {
    const baseDecl = scan.base.requirements.filter(direct);
    const absentOk = options.mayBeAbsent?.includes(pin.package) && !baseDecl.some((r) => r.key === pin.package);
    if (!absentOk) {
      const v = evaluatePin(baseDecl, scan.base.file, pin);
      (v.passed ? ok : problems).push(v.message);
    } else ok.push(`${scan.base.file}: ${pin.package} not declared (allowed: D8.9 sqlite-removed)`);
    if (options.servicesWithin === false) continue;
    for (const service of pythonServices(scan)) {
      const own = serviceDeclarations(service);
      if (!own.some((r) => r.key === pin.package)) continue;
      const v = evaluatePin(own, service.dir, { ...pin, match: 'within' });
      (v.passed ? ok : problems).push(v.message);
    }
  }
  return result(options.criterionId, title, problems, `${ok.length} declaration(s) match: ${summarize(ok)}`, { limit: names, evidence: listEvidence('matching declarations', ok) });
}

/** P1-S2-AC2: every Python service's installed requirements file reaches requirements-base.txt through `-r`. */
export function checkBaseIncluded(scan: RepoScan, criterionId = 'P1-S2-AC2'): CheckResult {
  const services = pythonServices(scan);
  const using = services.filter((s) => installedRequirements(s)?.files.includes('requirements-base.txt'));
  const missing = services.filter((s) => !using.includes(s));
  const problems = missing.map((s) => `${s.installs ?? s.dir}: does not include requirements-base.txt (add -r ../../requirements-base.txt), so the base pins do not apply to ${s.name}`);
  return result(criterionId, 'services using -r ../../requirements-base.txt', problems, `${using.length}/${services.length} Python services include requirements-base.txt from the file they install: ${using.map((s) => s.name).join(', ')}`, {
    measurement: `${using.length}/${services.length}`,
    limit: 'every Python service',
    evidence: listEvidence('services using the base file', using.map((s) => s.installs ?? s.dir)),
  });
}

/**
 * P1-S2-AC3: lists every exact pin (`==`) in service files; fails for a pin outside the base file's range for the same
 * package (it blocks the Phase 1 standardization, e.g. pydantic==2.12.4 against >=2.12.5,<3.0.0).
 */
export function checkExactPins(scan: RepoScan, criterionId = 'P1-S2-AC3'): CheckResult {
  const base = new Map((scan.base?.requirements.filter(direct) ?? []).map((r) => [r.key, r]));
  const pins: string[] = [];
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const service of pythonServices(scan)) {
    for (const r of serviceDeclarations(service)) {
      const at = `${r.file}:${r.line}`;
      if (seen.has(at) || r.specifier === '' || !isExactSpecifier(r.specifier)) continue;
      seen.add(at);
      pins.push(`${at}: ${r.key}${r.specifier}`);
      const b = base.get(r.key);
      if (b && !rangeWithin(parsePep440Specifier(r.specifier), parsePep440Specifier(b.specifier))) {
        problems.push(`${at}: ${r.key}${r.specifier} is outside the base range ${b.specifier} (${b.file}:${b.line}). hint: move the pin into the base range or drop it`);
      }
    }
  }
  return result(criterionId, 'services with exact pins', problems, `${pins.length} exact pin(s), all within the base ranges: ${summarize(pins)}`, { measurement: pins.length, limit: 'exact pins within the base ranges', evidence: listEvidence('exact pins', pins) });
}

/** P1-S2-AC4: no package has two declarations no version satisfies, within one service's files and their includes. */
export function checkNoConflicts(scan: RepoScan, criterionId = 'P1-S2-AC4'): CheckResult {
  const conflicts = pythonServices(scan).flatMap((s) => findConflicts(s.name, s.requirements.flatMap((f) => f.requirements.filter((r) => !r.constraint))));
  return result(criterionId, 'conflicting constraints', conflicts.map((c) => c.message), `no conflicting constraints in ${pythonServices(scan).length} services (requirements files and their includes)`, { measurement: conflicts.length, limit: '0 conflicts' });
}

/** P1-S2-AC1: every requirements file found was read without errors (HomeIQ REF has 43; the count is reported). */
export function checkRequirementsReviewed(scan: RepoScan, criterionId = 'P1-S2-AC1'): CheckResult {
  const files = scan.requirementsFiles;
  const problems = files.length === 0 ? [`no requirements files found under ${scan.root} (looked at requirements-base.txt, services/*/, domains/*/*/)`] : scan.errors.map(formatIssue);
  return result(criterionId, 'Python requirements files reviewed', problems, `${files.length} requirements files reviewed, all parse (002 L105 counts 43 at HomeIQ REF)`, { measurement: files.length, limit: 'every file readable', evidence: listEvidence('files', files) });
}

function apps(scan: RepoScan, names: readonly string[]): Array<{ name: string; service?: ServiceScan }> {
  return names.map((name) => ({ name, service: scan.services.find((s) => s.name === name) }));
}

/** P1-S10-AC1, P2-B6, P4-T1: each app is on exactly the listed npm versions (lockfile, else range minimum). */
export function checkNpmVersions(scan: RepoScan, criterionId: string, expected: Readonly<Record<string, string>>, appNames: readonly string[], source?: string): CheckResult {
  const problems: string[] = [];
  const ok: string[] = [];
  for (const { name, service } of apps(scan, appNames)) {
    if (!service?.npm) {
      problems.push(`${name}: no package.json found (services/${name}/ or domains/*/${name}/)`);
      continue;
    }
    for (const [pkg, version] of Object.entries(expected)) {
      const v = evaluateNpmVersion(service.npm.dependencies.find((d) => d.name === pkg), service.npm.file, pkg, version, source);
      (v.passed ? ok : problems).push(v.message);
    }
  }
  const limit = Object.entries(expected).map(([p, v]) => `${p}@${v}`).join(', ');
  return result(criterionId, `npm versions in ${appNames.join(', ')}`, problems, `${appNames.join(' and ')} on ${limit}`, { limit, evidence: listEvidence('matching', ok) });
}

/** P4-D1: each app's declared ranges stay on the listed majors (React 18, Vite 6, Tailwind 3). */
export function checkNpmMajors(scan: RepoScan, criterionId: string, majors: Readonly<Record<string, number>>, appNames: readonly string[]): CheckResult {
  const problems: string[] = [];
  for (const { name, service } of apps(scan, appNames)) {
    if (!service?.npm) {
      problems.push(`${name}: no package.json found`);
      continue;
    }
    for (const [pkg, major] of Object.entries(majors)) {
      const v = evaluateNpmMajor(service.npm.dependencies.find((d) => d.name === pkg), service.npm.file, pkg, major, criterionId);
      if (!v.passed) problems.push(v.message);
    }
  }
  const limit = Object.entries(majors).map(([p, m]) => `${p} ${m}.x`).join(', ');
  return result(criterionId, `majors unchanged in ${appNames.join(', ')}`, problems, `${appNames.join(' and ')} stay on ${limit}`, { limit });
}

/** P4-D2, P3-PRE1 (static), P0-S4-AC3c: every `FROM <image>:` stage of the services' Dockerfiles is at least `minimum`. */
export function checkDockerBaseImage(scan: RepoScan, criterionId: string, options: { readonly services: readonly string[]; readonly image: 'node' | 'python'; readonly minimum: string; readonly hint?: string }): CheckResult {
  const problems: string[] = [];
  const ok: string[] = [];
  for (const name of options.services) {
    const service = scan.services.find((s) => s.name === name);
    if (!service?.dockerfile) {
      problems.push(`${name}: no Dockerfile found`);
      continue;
    }
    const stages = service.dockerfile.from.filter((f) => f.repository.split('/').pop() === options.image);
    if (stages.length === 0) problems.push(`${service.dockerfile.file}: no FROM ${options.image}:<version> stage`);
    for (const f of stages) {
      const v = tagVersion(f.tag);
      const at = `${f.file}:${f.line}`;
      if (v !== undefined && versionAtLeast(v, options.minimum)) ok.push(`${at}: FROM ${f.image}`);
      else problems.push(`${at}: FROM ${f.image} is ${v === undefined ? 'not a versioned tag' : `${options.image} ${v}`}; the plan requires ${options.image} >= ${options.minimum}${options.hint ? `. hint: ${options.hint}` : ''}`);
    }
  }
  return result(criterionId, `${options.image} base image >= ${options.minimum}`, problems, `${summarize(ok)} (>= ${options.minimum})`, { limit: `>= ${options.minimum}`, evidence: listEvidence('stages', ok) });
}

/** P2-T2c, P2-T2d, P3-T3: patterns that must be gone (0 allowed hits). */
export function checkNoGrepHits(root: string, criterionId: string, title: string, rules: readonly GrepRule[], dirs: readonly string[] = ['.']): CheckResult {
  const { hits, filesSearched } = grepTree(root, rules, dirs);
  const problems = hits.map((h) => `${h.file}:${h.line}: ${h.rule}: ${h.text}`);
  return result(criterionId, title, problems, `0 hits for ${rules.map((r) => r.name).join(', ')} in ${filesSearched} files`, { measurement: hits.length, limit: '0 hits' });
}

/** P3-T2: each service has `fileName` declaring the pins (equivalent ranges). */
export function checkServiceFilePins(scan: RepoScan, criterionId: string, options: { readonly services: readonly string[]; readonly fileName: string; readonly pins: readonly ExpectedPin[] }): CheckResult {
  const problems: string[] = [];
  let matched = 0;
  for (const name of options.services) {
    const service = scan.services.find((s) => s.name === name);
    const file = service?.requirements.find((r) => r.file.endsWith(`/${options.fileName}`));
    if (!file) {
      problems.push(`${service?.dir ?? `services/${name}`}/${options.fileName}: not found. hint: create it as the plan's step writes it`);
      continue;
    }
    for (const pin of options.pins) {
      const v = evaluatePin(file.requirements.filter(direct), file.file, pin);
      if (v.passed) matched++;
      else problems.push(v.message);
    }
  }
  return result(criterionId, `${options.fileName} pins in ${options.services.join(', ')}`, problems, `${matched} pin(s) match in ${options.services.length} ${options.fileName} files`, { limit: options.pins.map((p) => `${p.package}${p.specifier}`).join(', ') });
}

/** Which packages the services' installed requirements declare (directly or through includes). */
export function servicesDeclaring(scan: RepoScan, pkg: string, among?: readonly string[]): string[] {
  return pythonServices(scan).filter((s) => (among === undefined || among.includes(s.name)) && installedRequirements(s)?.requirements.some((r) => r.key === pkg && !r.constraint)).map((s) => s.name);
}

/**
 * Runtime: `pip show <pkg>` in each service's container must report a version the expected specifier admits. Services
 * whose container cannot be asked are skipped (reason listed); a package missing from a running container fails.
 */
export async function checkRuntimePackages(source: RuntimeVersionSource, criterionId: string, services: readonly string[], pins: readonly ExpectedPin[]): Promise<CheckResult> {
  const problems: string[] = [];
  const ok: string[] = [];
  const unasked: string[] = [];
  for (const service of services) {
    for (const pin of pins) {
      const r = await source.pipShow(service, pin.package);
      if (r.version === undefined) {
        (r.unavailable ? unasked : problems).push(r.unavailable ? r.reason : `${service}: ${r.reason}; expected ${pin.package}${pin.specifier}`);
        continue;
      }
      const admitted = specifierAdmits(pin.specifier, r.version);
      (admitted ? ok : problems).push(`${service}: pip show ${pin.package} → ${r.version}${admitted ? ` within ${pin.specifier}` : `; expected ${pin.specifier}${pin.source ? ` (${pin.source})` : ''}. hint: rebuild ${service} with --no-cache after fixing its requirements`}`);
    }
  }
  return runtimeResult(criterionId, `installed ${pins.map((p) => p.package).join(', ')} in ${services.join(', ')}`, problems, ok, unasked, pins.map((p) => `${p.package}${p.specifier}`).join(', '));
}

/** Runtime P3-PRE1 / P0-S3-AC1c: `python --version` in each service's container is at least `minimum` (numeric compare, D8.2). */
export async function checkRuntimePython(source: RuntimeVersionSource, criterionId: string, services: readonly string[], minimum: string): Promise<CheckResult> {
  const problems: string[] = [];
  const ok: string[] = [];
  const unasked: string[] = [];
  for (const service of services) {
    const r = await source.pythonVersion(service);
    if (r.version === undefined) {
      (r.unavailable ? unasked : problems).push(r.reason);
      continue;
    }
    (versionAtLeast(r.version, minimum) ? ok : problems).push(versionAtLeast(r.version, minimum) ? `${service}: Python ${r.version}` : `${service}: Python ${r.version}; the plan requires >= ${minimum}. hint: rebuild on python:3.12-slim (001 L700)`);
  }
  return runtimeResult(criterionId, `Python >= ${minimum} in ${services.join(', ')}`, problems, ok, unasked, `>= ${minimum}`);
}

function runtimeResult(criterionId: string, title: string, problems: string[], ok: string[], unasked: string[], limit: string): CheckResult {
  const evidence = [...listEvidence('matching', ok), ...listEvidence('not asked', unasked)];
  if (problems.length > 0) return { criterionId, title, status: 'failed', limit, message: summarize(problems), evidence: [...listEvidence('problems', problems), ...evidence] };
  if (ok.length === 0) return { criterionId, title, status: 'skipped', limit, message: `not decidable at runtime: ${summarize(unasked)}`, evidence };
  return { criterionId, title, status: 'passed', limit, message: `${summarize(ok)}${unasked.length > 0 ? `; not asked: ${unasked.length}` : ''}`, evidence };
}
