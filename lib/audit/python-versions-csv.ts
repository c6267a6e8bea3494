// P0-S3-AC1b / P0-SC3: the Phase 0 Python audit as `python_versions_audit.csv` (000 L254): one row per Python
// service, its runtime version (`python --version`), its Dockerfile's `FROM python:` tag and the verdict against the
// floor (numeric compare, D8.2). Pure: formatting and parsing only; the gate writes the file.
import { compareVersions, parseVersion } from './version.js';

/** The CSV's columns, in order. */
export const PYTHON_AUDIT_COLUMNS = ['service', 'container', 'runtime_version', 'dockerfile_python', 'dockerfile', 'status'] as const;

/** `OK` at or above the floor; `NEEDS_UPGRADE` below (000 L276); `UNKNOWN` when no version was read at all. */
export type PythonAuditStatus = 'OK' | 'NEEDS_UPGRADE' | 'UNKNOWN';

/** One service of the audit. */
export interface PythonAuditRow {
  readonly service: string;
  /** Container asked, empty when the service has no running container in the target. */
  readonly container: string;
  /** `python --version` in the container (`3.12.8`), empty when not asked or not answered. */
  readonly runtimeVersion: string;
  /** Version of the Dockerfile's last `FROM python:<tag>` (`3.12`), empty without one. */
  readonly dockerfilePython: string;
  /** Root-relative Dockerfile, empty without one. */
  readonly dockerfile: string;
  readonly status: PythonAuditStatus;
}

/** The version part of a python image tag: `3.12-slim` → `3.12`, `3.12.8-alpine3.20` → `3.12.8`; undefined for `latest`. */
export function pythonTagVersion(tag: string): string | undefined {
  return /^(\d+(?:\.\d+){0,2})/.exec(tag)?.[1];
}

/** The verdict of a row: the runtime version when read, else the Dockerfile's, against `minimum` (`3.10`). */
export function pythonAuditStatus(runtimeVersion: string, dockerfilePython: string, minimum: string): PythonAuditStatus {
  const v = parseVersion(runtimeVersion || dockerfilePython);
  const floor = parseVersion(minimum);
  if (!v || !floor) return 'UNKNOWN';
  return compareVersions(v, floor) >= 0 ? 'OK' : 'NEEDS_UPGRADE';
}

const cell = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

/** The CSV text: a header line, then one line per row, sorted by service; RFC 4180 quoting; ends with a newline. */
export function formatPythonAuditCsv(rows: readonly PythonAuditRow[]): string {
  const lines = [...rows].sort((a, b) => a.service.localeCompare(b.service)).map((r) => [r.service, r.container, r.runtimeVersion, r.dockerfilePython, r.dockerfile, r.status].map(cell).join(','));
  return `${[PYTHON_AUDIT_COLUMNS.join(','), ...lines].join('\n')}\n`;
}

/** Splits CSV text into records of cells (RFC 4180: quoted cells may hold commas, quotes and newlines). */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let value = '';
  let quoted = false;
  const endRecord = () => {
    record.push(value);
    records.push(record);
    record = [];
    value = '';
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        value += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else value += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      record.push(value);
      value = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRecord();
    } else value += ch;
  }
  if (value !== '' || record.length > 0) endRecord();
  return records.filter((r) => !(r.length === 1 && r[0] === ''));
}

/** What the gate knows of one Python service: its container, its `python --version` answer and its Dockerfile. */
export interface PythonAuditInput {
  readonly service: string;
  /** Container asked, undefined when the service does not run in the target. */
  readonly container?: string;
  /** `python --version` result, undefined when not asked or not answered. */
  readonly runtimeVersion?: string;
  /** The service's Dockerfile (root-relative) and its `FROM` lines. */
  readonly dockerfile?: { readonly file: string; readonly from: readonly { readonly repository: string; readonly tag: string }[] };
}

/** One CSV row: the last `FROM python:` stage of the Dockerfile (the runtime stage), the verdict against `minimum`. */
export function pythonAuditRow(input: PythonAuditInput, minimum: string): PythonAuditRow {
  const python = input.dockerfile?.from.filter((f) => f.repository.split('/').at(-1) === 'python').at(-1);
  const dockerfilePython = python ? (pythonTagVersion(python.tag) ?? '') : '';
  const runtimeVersion = input.runtimeVersion ?? '';
  return { service: input.service, container: input.container ?? '', runtimeVersion, dockerfilePython, dockerfile: input.dockerfile?.file ?? '', status: pythonAuditStatus(runtimeVersion, dockerfilePython, minimum) };
}
