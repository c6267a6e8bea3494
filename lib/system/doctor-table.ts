import type { PrerequisiteResult } from './prerequisites.js';

const MARK: Record<PrerequisiteResult['status'], string> = { ok: '✓', missing: '✗', outdated: '✗', broken: '✗' };

/** Renders the doctor table: one row per prerequisite, then one `fix:` line per problem. Pure. */
export function formatDoctorTable(results: readonly PrerequisiteResult[]): string {
  const rows = results.map((r) => [`${MARK[r.status]} ${r.name}`, r.required ? r.status : `${r.status} (optional)`, r.found]);
  const widths = [0, 1].map((i) => Math.max(...rows.map((row) => row[i]!.length), i === 0 ? 5 : 6));
  const line = (cells: string[]) => `${cells[0]!.padEnd(widths[0]!)}  ${cells[1]!.padEnd(widths[1]!)}  ${cells[2]}`;
  const out = [line(['check', 'status', 'found']), ...rows.map(line)];
  const problems = results.filter((r) => r.status !== 'ok');
  if (problems.length > 0) {
    out.push('');
    for (const p of problems) out.push(`${p.required ? 'problem' : 'note'}: ${p.name}: ${p.found}${p.fix ? `\n  fix: ${p.fix}` : ''}`);
  }
  const blocking = problems.filter((p) => p.required).length;
  out.push('', blocking === 0 ? 'doctor: all required prerequisites are present' : `doctor: ${blocking} required prerequisite(s) missing or broken`);
  return out.join('\n');
}

/** True when nothing required is missing. */
export function prerequisitesMet(results: readonly PrerequisiteResult[]): boolean {
  return results.every((r) => !r.required || r.status === 'ok');
}
