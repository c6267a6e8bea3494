// Parses `docker ps --format '{{json .}}'` output (one JSON object per line) into compose containers.
import type { ComposePsEntry, ComposePsHealth } from './compose-client.js';

/** Health from the status column: `Up 2 seconds (health: starting)`, `Up 1 minute (healthy)`. */
export function healthFromStatus(status: string): ComposePsHealth {
  if (/\(healthy\)/.test(status)) return 'healthy';
  if (/\(unhealthy\)/.test(status)) return 'unhealthy';
  if (/\(health: starting\)/.test(status)) return 'starting';
  return 'none';
}

/** `a=1,b=2` label string of `docker ps` → record (label values here never contain commas). */
function parseLabels(labels: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of labels.split(',')) {
    const at = pair.indexOf('=');
    if (at > 0) out[pair.slice(0, at)] = pair.slice(at + 1);
  }
  return out;
}

/** Parses the JSON lines; lines that are not JSON objects are skipped. Sorted by service then name. */
export function parseDockerPsJsonLines(stdout: string): ComposePsEntry[] {
  const entries: ComposePsEntry[] = [];
  for (const line of stdout.split('\n')) {
    if (!line.trim().startsWith('{')) continue;
    let row: Record<string, unknown>;
    try {
      row = JSON.parse(line) as Record<string, unknown>;
    } catch {
      continue;
    }
    const labels = parseLabels(String(row.Labels ?? ''));
    const name = String(row.Names ?? '').split(',')[0]?.replace(/^\//, '') ?? '';
    const status = String(row.Status ?? '');
    entries.push({
      id: String(row.ID ?? ''),
      name,
      service: labels['com.docker.compose.service'] ?? name,
      state: String(row.State ?? ''),
      status,
      health: healthFromStatus(status),
    });
  }
  return entries.sort((a, b) => a.service.localeCompare(b.service) || a.name.localeCompare(b.name));
}
