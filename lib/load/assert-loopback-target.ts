// Load is only ever sent to this machine: refuse any target whose host is not a loopback address.
import { ConfigError, UnsafeTargetError } from '../common/errors.js';
import { maskSecrets } from '../common/secrets.js';

/** The rule quoted in every refusal. */
export const LOOPBACK_RULE = 'load targets must be loopback: 127.0.0.0/8, localhost or ::1';

/** True for `localhost`, any 127.0.0.0/8 address and `::1` (bracketed or not). */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  if (host === 'localhost' || host === '::1' || host === '0:0:0:0:0:0:0:1') return true;
  const octets = host.split('.');
  return octets.length === 4 && octets[0] === '127' && octets.every((o) => /^\d{1,3}$/.test(o) && Number(o) <= 255);
}

/**
 * Parses `url` and throws {@link UnsafeTargetError} unless its host is loopback, before anything is sent.
 * Only `http:` is supported (the open-loop scheduler speaks plain HTTP/1.1).
 */
export function assertLoopbackTarget(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch (error) {
    throw new ConfigError(`load target "${maskSecrets(url)}" is not a valid URL`, { cause: error, hint: 'use an absolute URL such as http://127.0.0.1:8001/health' });
  }
  if (!isLoopbackHost(parsed.hostname)) {
    throw new UnsafeTargetError(`refusing to send load to ${maskSecrets(url)}: host "${parsed.hostname}" is not loopback; ${LOOPBACK_RULE}`, {
      hint: 'publish the service on 127.0.0.1 (ports: "127.0.0.1:8001:8001") and target http://127.0.0.1:<port>',
    });
  }
  if (parsed.protocol !== 'http:') {
    throw new ConfigError(`load target ${maskSecrets(url)} uses ${parsed.protocol}; only http: is supported`, { hint: 'target the plain-HTTP port published on 127.0.0.1' });
  }
  return parsed;
}
