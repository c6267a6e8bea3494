// Parses the acceptance-criteria catalog (criteria.md, section A tables) into data.

/** How far a criterion can be decided by a machine, as the catalog says. */
export type Automation = 'yes' | 'partial' | 'no';

/** One acceptance criterion of the HomeIQ plans. */
export interface Criterion {
  /** Stable ID, e.g. `P1-SC3`, `P0-S2-AC3a`. */
  readonly id: string;
  /** Catalog group, e.g. `A2` (Phase 1). */
  readonly group: string;
  /** Group title, e.g. `Phase 1 — critical compatibility fixes`. */
  readonly groupTitle: string;
  readonly criterion: string;
  readonly threshold: string;
  /** Primary check type (`HEALTH_HTTP`, `LATENCY_BUDGET`, …). */
  readonly type: string;
  readonly automation: Automation;
  /** The catalog's note on how to automate it. */
  readonly how: string;
  /** Where the plans say it (`002 L34; 001 L496`). */
  readonly source: string;
}

/** Splits one Markdown table row into cells, honouring escaped pipes and pipes inside backticks. */
function splitRow(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let inCode = false;
  for (let i = 1; i < line.length; i++) {
    const ch = line[i]!;
    if (ch === '`') inCode = !inCode;
    if (ch === '\\' && line[i + 1] === '|') {
      cell += '|';
      i += 1;
      continue;
    }
    if (ch === '|' && !inCode) {
      cells.push(cell.trim());
      cell = '';
      continue;
    }
    cell += ch;
  }
  return cells;
}

/** Extracts every criterion row of the section-A tables. Throws on a row whose shape is wrong. */
export function parseCriteriaMarkdown(markdown: string): Criterion[] {
  const out: Criterion[] = [];
  let group = '';
  let groupTitle = '';
  let inSectionA = false;
  for (const [index, line] of markdown.split('\n').entries()) {
    if (line.startsWith('## ')) inSectionA = line.startsWith('## A.');
    const heading = /^### (A\d+)\. (.*)$/.exec(line);
    if (heading) {
      group = heading[1]!;
      groupTitle = heading[2]!.replace(/\s*\(.*\)\s*$/, '');
      continue;
    }
    if (!inSectionA || !group || !line.startsWith('| ')) continue;
    const cells = splitRow(line);
    const id = cells[0] ?? '';
    if (id === 'id' || /^-+$/.test(id) || !/^[A-Z0-9]+(-[A-Za-z0-9.]+)+$/.test(id)) continue;
    if (cells.length < 6) throw new Error(`criteria.md line ${index + 1}: row ${id} has ${cells.length} cells, expected 6`);
    const [, criterion, threshold, type, auto, source] = cells as [string, string, string, string, string, string];
    const m = /^(yes|partial|no)\b\s*(?:—\s*)?(.*)$/.exec(auto);
    if (!m) throw new Error(`criteria.md line ${index + 1}: row ${id} has automation "${auto}", expected yes|partial|no`);
    out.push({ id, group, groupTitle, criterion, threshold, type, automation: m[1] as Automation, how: m[2]!.trim(), source });
  }
  return out;
}
