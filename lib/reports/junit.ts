// Renders a RunReport as JUnit XML: one testcase per criterion, so CI dashboards count criteria, not tests. Pure.
import { worstCheck } from './format.js';
import type { RunReport } from './model.js';
import type { ReportRenderer } from './reporter-multiplexer.js';

/** Escapes text for an XML attribute or text node, dropping characters XML 1.0 forbids. */
export function escapeXml(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

const seconds = (ms: number | undefined) => ((ms ?? 0) / 1000).toFixed(3);

/** Renders `junit.xml`. Failed criteria get `<failure>`, criteria without a verdict `<skipped>`; an unhandled error is an `<error>` case. */
export function renderJunit(report: RunReport): string {
  const c = report.counts.criteria;
  const undecided = c.skipped + c['not-implemented'] + c.manual;
  const errors = report.unhandledErrors.length;
  const tests = report.criteria.length + errors;
  const totalMs = Date.parse(report.finishedAt) - Date.parse(report.startedAt);
  const cases = report.criteria.map((cr) => {
    const worst = worstCheck(cr);
    const props = [
      ['criterionId', cr.id],
      ['status', cr.status],
      ...(worst?.measurement === undefined ? [] : [['measurement', String(worst.measurement)]]),
      ['limit', worst?.limit ?? cr.threshold],
    ];
    const properties = `      <properties>\n${props.map(([k, v]) => `        <property name="${k}" value="${escapeXml(v ?? '')}"/>`).join('\n')}\n      </properties>`;
    let outcome = '';
    if (cr.status === 'failed') {
      const failing = cr.checks.filter((k) => k.status !== 'passed');
      const message = failing[0]?.message ?? cr.reason ?? 'failed';
      const body = [...failing.map((k) => `${k.message}${(k.evidence ?? []).map((e) => `\n  ${e.label}: ${String(e.value)}${e.unit ? ` ${e.unit}` : ''}`).join('')}`), ...(cr.reason ? [cr.reason] : [])].join('\n');
      outcome = `\n      <failure message="${escapeXml(message)}" type="${escapeXml(failing[0]?.status ?? 'failed')}">${escapeXml(body)}</failure>`;
    } else if (cr.status !== 'passed') {
      outcome = `\n      <skipped message="${escapeXml(cr.reason ?? cr.status)}"/>`;
    }
    return `    <testcase classname="${escapeXml(report.phase)}" name="${escapeXml(`${cr.id}: ${cr.title}`)}" time="${seconds(cr.durationMs)}">\n${properties}${outcome}\n    </testcase>`;
  });
  const errorCases = report.unhandledErrors.map((e, i) => `    <testcase classname="${escapeXml(report.phase)}" name="unhandled error ${i + 1}" time="0.000">\n      <error message="${escapeXml(e)}"/>\n    </testcase>`);
  const suite = `  <testsuite name="${escapeXml(report.phase)}" tests="${tests}" failures="${c.failed}" errors="${errors}" skipped="${undecided}" time="${seconds(totalMs)}" timestamp="${escapeXml(report.startedAt)}">`;
  const verdictProps = `    <properties>\n      <property name="runId" value="${escapeXml(report.runId)}"/>\n      <property name="target" value="${escapeXml(report.target)}"/>\n      <property name="verdict" value="${report.verdict}"/>\n    </properties>`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="phasegate ${escapeXml(report.phase)}" tests="${tests}" failures="${c.failed}" errors="${errors}" skipped="${undecided}" time="${seconds(totalMs)}">`,
    suite,
    verdictProps,
    ...cases,
    ...errorCases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}

/** The JUnit renderer for the {@link ReporterMultiplexer}: `junit.xml`. */
export const junitRenderer: ReportRenderer = { name: 'junit', fileName: 'junit.xml', render: renderJunit };
