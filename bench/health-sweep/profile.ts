// Pure parts of the health-sweep benchmark: the per-service answer times of the stand-in servers, the bash loop
// the plans would run, its output, medians and the printed table.

/**
 * Service time of each health endpoint, ms: a rough HomeIQ profile. Static pages and InfluxDB answer at once;
 * FastAPI `/health` handlers take a few ms; the ones that look at their dependencies (data-api → InfluxDB,
 * admin-api → three services, websocket-ingestion → HA) take tens of ms; the AI/ML services, whose handlers touch
 * a model or a downstream service, take 60–200 ms; ai-core-service, which asks four AI services, is the slowest.
 */
export const SERVICE_TIME_MS: Readonly<Record<string, number>> = {
  influxdb: 3,
  jaeger: 2,
  'ha-simulator': 2,
  'health-dashboard': 2,
  'ai-automation-ui': 2,
  'observability-dashboard': 8,
  'websocket-ingestion': 15,
  'data-api': 25,
  'admin-api': 40,
  'data-retention': 12,
  'device-intelligence-service': 30,
  'ha-setup-service': 35,
  'ml-service': 120,
  'openvino-service': 200,
  'ner-service': 90,
  'openai-service': 60,
  'rag-service': 110,
  'ai-training-service': 80,
  'ai-pattern-service': 70,
  'ai-query-service': 60,
  'ha-ai-agent-service': 75,
  'proactive-agent-service': 60,
  'ai-core-service': 300,
};

/** Every other FastAPI service's `/health`, ms. */
export const DEFAULT_SERVICE_TIME_MS = 8;

/** Service time of `service`'s health endpoint, ms. */
export function serviceTimeMs(service: string): number {
  return SERVICE_TIME_MS[service] ?? DEFAULT_SERVICE_TIME_MS;
}

/** Median of `values` (the mean of the middle two for an even count); NaN for none. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The sequential loop of the plans (`curl -f` per endpoint), printing `<http code> <seconds>` per URL. */
export function curlLoopScript(urls: readonly string[]): string {
  const quoted = urls.map((u) => `'${u.replaceAll("'", "'\\''")}'`).join(' ');
  return `for u in ${quoted}; do curl -fsS -o /dev/null -w '%{http_code} %{time_total}\\n' "$u"; done`;
}

/**
 * The loop as 001 writes it (L1073-1078): for every service first `docker port homeiq-$service | head -1 | cut -d: -f2`,
 * then `curl -f` on that port. The lookup runs against `container` (one container with a published loopback port: the
 * twins use host networking, so `docker port` would find nothing there); the curl goes to the stand-in URL.
 */
export function planLoopScript(urls: readonly string[], container: string): string {
  const quoted = urls.map((u) => `'${u.replaceAll("'", "'\\''")}'`).join(' ');
  return `for u in ${quoted}; do port=$(docker port '${container.replaceAll("'", '')}' 2>/dev/null | head -1 | cut -d: -f2); [ -n "$port" ] || { echo "no port" >&2; exit 3; }; curl -fsS -o /dev/null -w '%{http_code} %{time_total}\\n' "$u"; done`;
}

/** One line of {@link curlLoopScript}'s output. */
export interface CurlLine {
  readonly code: number;
  readonly seconds: number;
}

/** Parses the loop's output; a line that is not `<code> <seconds>` is an error naming it. */
export function parseCurlLines(stdout: string): CurlLine[] {
  return stdout
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((line, i) => {
      const m = /^(\d{3}) (\d+(?:\.\d+)?)$/.exec(line.trim());
      if (!m) throw new Error(`curl loop output line ${i + 1} is not "<code> <seconds>": ${JSON.stringify(line)}`);
      return { code: Number(m[1]), seconds: Number(m[2]) };
    });
}

/** One row of the printed table. */
export interface BenchRow {
  readonly what: string;
  /** Median wall time, ms. */
  readonly medianMs: number;
  /** Every repetition's wall time, ms. */
  readonly runsMs: readonly number[];
  /** Ratio text (`1.04× slowest probe`), or '' */
  readonly ratio: string;
}

/** The rows as an aligned plain-text table. */
export function formatTable(rows: readonly BenchRow[]): string {
  const cells = rows.map((r) => [r.what, `${r.medianMs.toFixed(1)} ms`, r.runsMs.map((v) => v.toFixed(0)).join(' / '), r.ratio]);
  const head = ['what', 'median', 'runs (ms)', 'ratio'];
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: readonly string[]) => c.map((v, i) => v.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}

/**
 * Makespan of a pool of `concurrency` workers taking `durations` in input order, each on the first worker free
 * (what lib/probes/sweep.ts does), with no overhead: the sweep's wall time on an idle machine, ms.
 */
export function poolMakespanMs(durations: readonly number[], concurrency: number): number {
  const free = new Array<number>(Math.min(Math.max(1, concurrency), Math.max(1, durations.length))).fill(0);
  let end = 0;
  for (const d of durations) {
    let k = 0;
    for (let i = 1; i < free.length; i += 1) if (free[i]! < free[k]!) k = i;
    free[k] = free[k]! + d;
    end = Math.max(end, free[k]!);
  }
  return end;
}
