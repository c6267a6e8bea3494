import { describe, expect, it } from 'vitest';
import { renderJunit } from './junit.js';
import { buildRunReport } from './model.js';
import { baseInput, failedTest, passedTest, smallRun } from './testing/sample-run.js';

/** Minimal XML well-formedness check: balanced tags, quoted attributes, only known entities. Returns the element names. */
function parseXml(xml: string): string[] {
  const body = xml.replace(/^<\?xml [^?]*\?>\n/, '');
  const stack: string[] = [];
  const elements: string[] = [];
  const entity = /&(?!(amp|lt|gt|quot|apos);)/;
  for (const token of body.split(/(<[^>]*>)/)) {
    if (!token.startsWith('<')) {
      if (token.includes('<') || token.includes('>') || entity.test(token)) throw new Error(`bad text: ${token}`);
      continue;
    }
    const m = /^<(\/?)([A-Za-z][\w-]*)((?:\s+[\w-]+="[^"<]*")*)\s*(\/?)>$/.exec(token);
    if (!m) throw new Error(`bad tag: ${token}`);
    if (entity.test(m[3]!)) throw new Error(`bad entity in: ${token}`);
    if (m[1]) {
      if (stack.pop() !== m[2]) throw new Error(`unbalanced: ${token}`);
    } else {
      elements.push(m[2]!);
      if (!m[4]) stack.push(m[2]!);
    }
  }
  if (stack.length) throw new Error(`unclosed: ${stack.join(', ')}`);
  return elements;
}

describe('renderJunit', () => {
  it('should write one well-formed testcase per criterion with matching counts', () => {
    const report = buildRunReport({ ...baseInput, tests: [passedTest, failedTest], group: 'A2' });
    const xml = renderJunit(report);
    const elements = parseXml(xml);
    expect(elements.filter((e) => e === 'testcase')).toHaveLength(report.criteria.length);
    expect(elements.filter((e) => e === 'failure')).toHaveLength(1);
    expect(elements.filter((e) => e === 'skipped')).toHaveLength(96);
    expect(xml).toContain(`<testsuite name="phase1" tests="${report.criteria.length}" failures="1" errors="0" skipped="96" time="60.000" timestamp="2026-11-22T00:00:00.000Z">`);
  });

  it('should carry criterionId, measurement and limit as properties and the diagnosis as failure', () => {
    const xml = renderJunit(smallRun());
    expect(xml.slice(xml.indexOf('<testcase classname="phase1" name="P1-SC6'), xml.lastIndexOf('</testcase>') + 11)).toMatchInlineSnapshot(`
      "<testcase classname="phase1" name="P1-SC6: InfluxDB receiving data &quot;verified via Jaeger traces&quot;" time="6.000">
            <properties>
              <property name="criterionId" value="P1-SC6"/>
              <property name="status" value="failed"/>
              <property name="measurement" value="0"/>
              <property name="limit" value="both rise"/>
            </properties>
            <failure message="websocket-ingestion received 12 events in 6s but InfluxDB bucket home_assistant_events gained 0 points (40 → 40)" type="failed">websocket-ingestion received 12 events in 6s but InfluxDB bucket home_assistant_events gained 0 points (40 → 40)
        points before/after: 40 → 40 points</failure>
          </testcase>"
    `);
  });

  it('should stay well-formed with markup, quotes and control characters in messages', () => {
    const check = { ...failedTest.checks[0]!, message: 'body <html> & "quoted" \'x\' \u0007bell ]]>' };
    const xml = renderJunit(smallRun({ tests: [{ ...failedTest, checks: [check] }] }));
    expect(() => parseXml(xml)).not.toThrow();
    expect(xml).toContain('message="body &lt;html&gt; &amp; &quot;quoted&quot; &apos;x&apos; bell ]]&gt;"');
  });

  it('should report errors outside any test as error testcases', () => {
    const xml = renderJunit(smallRun({ unhandledErrors: ['Error: global setup failed'] }));
    expect(parseXml(xml).filter((e) => e === 'error')).toHaveLength(1);
    expect(xml).toContain('<property name="verdict" value="error"/>');
    expect(xml).toContain('tests="3" failures="1" errors="1"');
  });
});
