// Compose/Go durations (`1m30s`, `500ms`, `2h`) and compose byte sizes (`512m`, `1.5G`).

const DURATION_UNITS_MS: Readonly<Record<string, number>> = {
  ns: 1e-6, us: 1e-3, 'µs': 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000,
};
const DURATION = /^(?:(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h))+$/;
const DURATION_PART = /(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g;

/**
 * Parses a Go-style duration as compose writes them (`30s`, `1m30s`, `500ms`, `1h`) into milliseconds.
 * Returns null when the text is not a duration. A bare number is not accepted: compose requires a unit.
 */
export function parseDurationMs(text: string): number | null {
  const trimmed = text.trim();
  if (!DURATION.test(trimmed)) return null;
  let total = 0;
  for (const match of trimmed.matchAll(DURATION_PART)) {
    total += Number(match[1]) * (DURATION_UNITS_MS[match[2] ?? ''] ?? Number.NaN);
  }
  return Number.isFinite(total) ? Math.round(total * 1000) / 1000 : null;
}

const SIZE = /^(\d+(?:\.\d+)?)\s*([bkmg]?)b?$/i;
const SIZE_FACTORS: Readonly<Record<string, number>> = { '': 1, b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 };

/**
 * Parses a compose byte size (`512m`, `1G`, `1.5g`, `128mb`, `1024`) into bytes (binary units, as docker does).
 * Returns null when the value is not a size.
 */
export function parseByteSize(value: string | number): number | null {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? Math.round(value) : null;
  const match = SIZE.exec(value.trim());
  if (!match) return null;
  const factor = SIZE_FACTORS[(match[2] ?? '').toLowerCase()];
  return factor === undefined ? null : Math.round(Number(match[1]) * factor);
}
