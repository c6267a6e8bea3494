import { describe, expect, it } from 'vitest';
import { renderMarkdown } from './markdown.js';
import { buildRunReport } from './model.js';
import { baseInput, failedTest, passedTest, sections, smallRun } from './testing/sample-run.js';

describe('renderMarkdown', () => {
  it('should render the eight Story 12 sections and say what was not measured', () => {
    expect(renderMarkdown(smallRun())).toMatchInlineSnapshot(`
      "# phase1 gate — FAILED

      Run \`r1\` on target \`reference\`, 2026-11-22T00:00:00.000Z → 2026-11-22T00:01:00.000Z.

      ## 1. Executive summary

      **FAILED: 1 of 2 checked criteria passed, 1 failed; 0 not implemented, 0 manual (not counted as passes).**

      ## 2. Service update matrix

      Not measured in this run.

      ## 3. Validation results

      | criterion | status | measurement | limit | message |
      |---|---|---|---|---|
      | P1-S4-V2 | ✅ passed | connected | 2xx and dependencies.influxdb.status == "connected" | data-api (http://127.0.0.1:8006/health) dependencies.influxdb.status = "connected" |
      | P1-SC6 | ❌ failed | 0 | both rise | websocket-ingestion received 12 events in 6s but InfluxDB bucket home_assistant_events gained 0 points (40 → 40) |

      ### Not decided by this run (0)

      None.

      ## 4. Performance metrics

      ### Load

      Not measured in this run.

      ### Baseline comparison

      Not measured in this run.

      ### Rebuild timeline

      Not measured in this run.

      ### Resources

      Not measured in this run.

      ## 5. Issues encountered and resolutions

      ### P1-SC6 — InfluxDB receiving data "verified via Jaeger traces"

      - websocket-ingestion received 12 events in 6s but InfluxDB bucket home_assistant_events gained 0 points (40 → 40)
        - points before/after: \`40 → 40\` points

      ### Contradictions resolved

      None recorded in this run.

      ## 6. Lessons learned

      _Written by the reviewer; phasegate does not generate this section._

      ## 7. Recommendations for Phase 2

      - Fix the 1 failed criterion before starting Phase 2: P1-SC6.

      ## 8. Sign-off checklist

      - [ ] Every checked criterion passed (1/2)
      - [x] Every implemented criterion ran
      - [ ] No latency regression against the baseline (not measured)
      - [ ] Manual criteria reviewed (0)
      - [ ] Lessons learned written
      - [ ] Approved for Phase 2: name, date

      ## Environment

      - node: v20.20.2

      Tests: 1 passed, 1 failed, 0 skipped.
      "
    `);
  });

  it('should render the measurement sections when the run has them', () => {
    const md = renderMarkdown(smallRun(sections));
    const from = md.indexOf('## 2.');
    expect(md.slice(from, md.indexOf('## 3.'))).toMatchInlineSnapshot(`
      "## 2. Service update matrix

      | service | before | after |
      |---|---|---|
      | influxdb | 2.7.1 | 2.7.10 |

      "
    `);
    expect(md.slice(md.indexOf('## 4.'), md.indexOf('## 5.'))).toMatchInlineSnapshot(`
      "## 4. Performance metrics

      ### Load

      | load | endpoint | route | responses/s | p50 | p95 | p99 | max | errors |
      |---|---|---|---|---|---|---|---|---|
      | P1-SC3 | data-api-health | GET /health | 50.0 | 5.00 ms | 12.0 ms | 30.0 ms | 40.0 ms | 1.00 % |

      ### Baseline comparison

      **P1-SC7: regressed** (tolerance 10.00 %, 95 % intervals)

      | endpoint | percentile | current/baseline | interval | verdict |
      |---|---|---|---|---|
      | data-api-health | p(95) | 1.300 | [1.200, 1.450] | regressed |

      ### Rebuild timeline

      Total: 95.0 s.

      | step | service | start | duration | status |
      |---|---|---|---|---|
      | build | data-api | +0.00 ms | 60.0 s | passed |
      | healthy | data-api | +60.0 s | 35.0 s | passed |

      ### Resources

      | container | peak memory | peak CPU | samples |
      |---|---|---|---|
      | influxdb | 260.0 MiB | 40.0 % | 2 |

      "
    `);
    expect(md).toContain('- **C1** Which Python version do the services target? → chose 3.12 (over 3.11)');
    expect(md).toContain('- Investigate the latency regressions against the baseline: data-api-health.');
  });

  it('should say that an interrupted run was interrupted', () => {
    const md = renderMarkdown(smallRun({ interrupted: true }));
    expect(md.split('\n').slice(0, 9).join('\n')).toMatchInlineSnapshot(`
      "# phase1 gate — INTERRUPTED

      Run \`r1\` on target \`reference\`, 2026-11-22T00:00:00.000Z → 2026-11-22T00:01:00.000Z.

      ## 1. Executive summary

      **INTERRUPTED: 1 of 2 checked criteria passed, 1 failed; 0 not implemented, 0 manual (not counted as passes).**

      The run was interrupted before it finished: criteria whose tests did not complete are listed as not run."
    `);
  });

  it('should name the next phase and count a full phase run', () => {
    const md = renderMarkdown(buildRunReport({ ...baseInput, tests: [passedTest, failedTest], group: 'A2' }));
    expect(md).toContain('## 7. Recommendations for Phase 2');
    expect(md).toContain('**FAILED: 1 of 2 checked criteria passed, 1 failed; 91 not implemented, 5 manual (not counted as passes).**');
    expect(md).toContain('### Not decided by this run (96)');
  });

  it('should escape table pipes and newlines in messages', () => {
    const check = { ...passedTest.checks[0]!, message: 'a | b\nc' };
    const md = renderMarkdown(smallRun({ tests: [{ ...passedTest, checks: [check] }] }));
    expect(md).toContain('| a \\| b c |');
  });
});
