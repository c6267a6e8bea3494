// Masks secrets in any text before it reaches a log line, an error message or a report.

/** The replacement shown instead of a secret value. */
export const MASK = '***';

const registered = new Set<string>();

/**
 * Registers a literal secret value (a token read from `.env`, an API key from config) so that
 * {@link maskSecrets} replaces it everywhere. Values shorter than 4 characters are ignored: masking
 * them would shred ordinary text.
 */
export function registerSecret(value: string | undefined | null): void {
  if (typeof value !== 'string') return;
  const trimmed = value.trim();
  if (trimmed.length >= 4) registered.add(trimmed);
}

/** Forgets every registered secret (tests use this to stay independent). */
export function clearRegisteredSecrets(): void {
  registered.clear();
}

/** Names whose values are secrets wherever they appear as `NAME=value` or `"name": "value"`. */
const SECRET_KEY = String.raw`[A-Za-z0-9_-]*(?:TOKEN|SECRET|PASSWORD|PASSWD|API_?KEY|APIKEY|ACCESS_?KEY|PRIVATE_?KEY|CREDENTIALS?)[A-Za-z0-9_-]*`;

const patterns: ReadonlyArray<readonly [RegExp, string]> = [
  // URL credentials: scheme://user:pass@host
  [/\b([a-z][a-z0-9+.-]*:\/\/)([^\s/:@]+):([^\s/@]+)@/gi, `$1$2:${MASK}@`],
  // Authorization headers
  [/\b(Authorization\s*[:=]\s*"?(?:Bearer|Token|Basic)\s+)[^\s",]+/gi, `$1${MASK}`],
  [/\b((?:Bearer|Token)\s+)[A-Za-z0-9._~+/=-]{8,}/g, `$1${MASK}`],
  // X-API-Key style headers
  [/\b(X-API-Key\s*[:=]\s*"?)[^\s",]+/gi, `$1${MASK}`],
  // KEY=value (env files, command lines)
  [new RegExp(String.raw`\b(${SECRET_KEY}\s*=\s*)("?)[^\s"]+\2`, 'gi'), `$1$2${MASK}$2`],
  // "key": "value" (JSON)
  [new RegExp(String.raw`("${SECRET_KEY}"\s*:\s*")[^"]*(")`, 'gi'), `$1${MASK}$2`],
  // access_token in HA websocket frames and query strings
  [/("access_token"\s*:\s*")[^"]*(")/gi, `$1${MASK}$2`],
  [/([?&](?:token|access_token|api_key|apikey)=)[^&\s]+/gi, `$1${MASK}`],
];

/** Returns `text` with registered secret values, URL credentials, tokens and keys replaced by `***`. */
export function maskSecrets(text: string): string {
  let out = text;
  // Longest first so a secret containing another secret is masked whole.
  for (const value of [...registered].sort((a, b) => b.length - a.length)) {
    out = out.split(value).join(MASK);
  }
  for (const [pattern, replacement] of patterns) out = out.replace(pattern, replacement);
  return out;
}

/** Deeply masks every string in a JSON-like value (objects, arrays). Keys that name secrets lose their value. */
export function maskDeep<T>(value: T): T {
  return mask(value) as T;
}

const secretKeyName = new RegExp(`^${SECRET_KEY}$`, 'i');

function mask(value: unknown, key?: string): unknown {
  if (typeof value === 'string') {
    if (key !== undefined && secretKeyName.test(key) && value.length > 0) return MASK;
    return maskSecrets(value);
  }
  if (Array.isArray(value)) return value.map((v) => mask(v));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = mask(v, k);
    return out;
  }
  return value;
}
