// Function form of HttpProbe for one-off GETs (kept for the suites that call it directly).
import { HttpProbe, type HttpProbeRequest, type HttpProbeResult } from './http-probe.js';

export { readPath } from './body-rule.js';

/** Bounds and headers of one GET; see {@link HttpProbeRequest}. */
export type HttpGetOptions = HttpProbeRequest;
/** What one GET observed; see {@link HttpProbeResult}. */
export type HttpGetResult = HttpProbeResult;

/** GETs a URL with bounds (total timeout, body cap). Never throws: failures come back as `error`. */
export function httpGet(url: string, options: HttpGetOptions = {}): Promise<HttpGetResult> {
  return new HttpProbe().get(url, options);
}
