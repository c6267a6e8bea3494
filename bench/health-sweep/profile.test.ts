import { describe, expect, it } from 'vitest';
import { curlLoopScript, formatTable, median, parseCurlLines, planLoopScript, poolMakespanMs, serviceTimeMs } from './profile.js';

describe('health-sweep bench helpers', () => {
  it('should give the slowest service 300 ms and unknown FastAPI services 8 ms', () => {
    expect(serviceTimeMs('ai-core-service')).toBe(300);
    expect(serviceTimeMs('device-recommender')).toBe(8);
  });

  it('should take the median of odd and even counts', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });

  it('should build the plans\' sequential curl loop with quoted URLs', () => {
    expect(curlLoopScript(['http://127.0.0.1:1/health', "http://127.0.0.1:2/it's"])).toBe(
      "for u in 'http://127.0.0.1:1/health' 'http://127.0.0.1:2/it'\\''s'; do curl -fsS -o /dev/null -w '%{http_code} %{time_total}\\n' \"$u\"; done",
    );
  });

  it('should build 001\'s loop: a docker port lookup of the container before every curl, stopping when it finds no port', () => {
    const script = planLoopScript(['http://127.0.0.1:1/health'], "bench-'port");
    expect(script).toBe(
      "for u in 'http://127.0.0.1:1/health'; do port=$(docker port 'bench-port' 2>/dev/null | head -1 | cut -d: -f2); [ -n \"$port\" ] || { echo \"no port\" >&2; exit 3; }; curl -fsS -o /dev/null -w '%{http_code} %{time_total}\\n' \"$u\"; done",
    );
  });

  it('should parse the loop output and name a line it cannot read', () => {
    expect(parseCurlLines('200 0.004123\n503 0.3\n\n')).toEqual([{ code: 200, seconds: 0.004123 }, { code: 503, seconds: 0.3 }]);
    expect(() => parseCurlLines('200 0.1\ncurl: (7) Failed to connect\n')).toThrow('curl loop output line 2 is not "<code> <seconds>": "curl: (7) Failed to connect"');
  });

  it('should align the table', () => {
    expect(formatTable([{ what: 'sweep', medianMs: 312.04, runsMs: [310.2, 312.04, 330], ratio: '1.04× slowest' }])).toBe(
      ['what   median    runs (ms)        ratio', '-----  --------  ---------------  -------------', 'sweep  312.0 ms  310 / 312 / 330  1.04× slowest'].join('\n'),
    );
  });

  it('should simulate the pool: a slow item queued behind others waits for a free worker', () => {
    expect(poolMakespanMs([10, 10, 300], 2)).toBe(310);
    expect(poolMakespanMs([300, 10, 10], 2)).toBe(300);
    expect(poolMakespanMs([10, 10, 300], 3)).toBe(300);
    expect(poolMakespanMs([5, 5, 5, 5], 1)).toBe(20);
    expect(poolMakespanMs([], 8)).toBe(0);
  });
});
