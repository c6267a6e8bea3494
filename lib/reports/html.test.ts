import { describe, expect, it } from 'vitest';
import { loadChartLibrary } from './chart-library.js';
import { chartSpecs, latencyBins, latencyCdf, renderHtml } from './html.js';
import { baseInput, failedTest, passedTest, sections, smallRun } from './testing/sample-run.js';
import { buildRunReport } from './model.js';

const chartLibrary = loadChartLibrary();

describe('renderHtml', () => {
  it('should lead with the verdict and escape messages', () => {
    const check = { ...failedTest.checks[0]!, message: '<script>alert(1)</script> gained 0 points' };
    const html = renderHtml(buildRunReport({ ...baseInput, tests: [passedTest, { ...failedTest, checks: [check] }], group: 'A2' }));
    expect(html).toContain('<div class="verdict failed" id="verdict" data-verdict="failed"><b>FAILED</b> — 1 of 2 checked criteria passed, 1 failed; 91 not implemented, 5 manual (not counted as passes).</div>');
    expect(html.indexOf('id="verdict"')).toBeLessThan(html.indexOf('id="criteria"'));
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; gained 0 points');
  });

  it('should inline the chart library and load nothing from the network', () => {
    expect(chartLibrary?.name).toMatch(/^chart\.js@4\./);
    const html = renderHtml(smallRun(sections), { chartLibrary });
    expect(html).toContain(chartLibrary!.source);
    expect(html).not.toMatch(/<(script|link|img)[^>]+(src|href)=/i);
    expect(html).not.toMatch(/(src|href)="\/\//);
    expect(html).toContain('charts by chart.js@4.');
  });

  it('should say which sections were not measured and that charts are unavailable without the library', () => {
    const html = renderHtml(smallRun());
    expect(html.match(/<p class="absent">Not measured in this run.<\/p>/g)).toHaveLength(4);
    expect(html).toContain('<p class="absent">Charts unavailable: chart.js is not installed, so only tables are shown.</p>');
    expect(html).not.toContain('<canvas');
  });

  it('should keep script-breaking text inside the chart data inert', () => {
    const load = { ...sections.loads[0]!, endpoints: [{ ...sections.loads[0]!.endpoints[0]!, name: '</script><script>alert(1)</script>' }] };
    const html = renderHtml(smallRun({ loads: [load] }), { chartLibrary });
    expect(html).not.toContain('</script><script>alert(1)');
  });
});

describe('chartSpecs', () => {
  it('should draw a histogram and a CDF per endpoint, baseline intervals, the rebuild Gantt and memory/CPU', () => {
    expect(chartSpecs(smallRun(sections)).map((s) => s.id)).toEqual(['hist-0-0', 'cdf-0-0', 'baseline-0', 'rebuild-gantt', 'memory', 'cpu']);
  });

  it('should draw nothing for a run without measurements', () => {
    expect(chartSpecs(smallRun())).toEqual([]);
  });
});

describe('latency helpers', () => {
  const endpoint = sections.loads[0]!.endpoints[0]!;

  it('should bin the distribution up to the lower of max and 1.5 × p99 and keep every response counted', () => {
    const bins = latencyBins(endpoint, 4);
    expect(bins.counts.reduce((a, b) => a + b, 0)).toBe(500);
    expect(bins).toEqual({ labels: ['6.8', '16.3', '25.8', '35.3'], counts: [450, 45, 0, 5] });
  });

  it('should build the CDF from the distribution, or from the percentiles without one', () => {
    expect(latencyCdf(endpoint).at(-1)).toEqual({ x: 40, y: 1 });
    const { distribution: _omit, ...withoutDistribution } = endpoint;
    expect(latencyCdf(withoutDistribution)).toEqual([
      { x: 2, y: 0 },
      { x: 5, y: 0.5 },
      { x: 9, y: 0.9 },
      { x: 12, y: 0.95 },
      { x: 30, y: 0.99 },
      { x: 40, y: 1 },
    ]);
  });
});
