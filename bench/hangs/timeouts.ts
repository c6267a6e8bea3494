// "Nothing hangs" figure: runs every hang scenario once against its real local misbehaving server and prints
// the bound next to the time it actually took to end. Run: npx tsx bench/hangs/timeouts.ts  (≈ 30 s, loopback only)
import { HANG_SCENARIOS, runHangScenario } from '../../lib/hangs/index.js';

/** Allowed overshoot past a scenario's limit on a noisy 2-core host, in ms (the test uses the same). */
const SLACK_MS = 2_000;

const rows: string[] = ['| scenario | limit ms | actual ms | ended in time | message |', '|---|---:|---:|---|---|'];
let late = 0;
for (const scenario of HANG_SCENARIOS) {
  const outcome = await runHangScenario(scenario);
  const ok = outcome.elapsedMs <= scenario.limitMs + SLACK_MS;
  if (!ok) late++;
  const message = outcome.message.replace(/\|/g, '\\|').replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:<port>').replace(/\/tmp\/pg-hang-docker-\w+/g, '/tmp/pg-hang-docker-<id>');
  rows.push(`| ${scenario.id} | ${scenario.limitMs} | ${outcome.elapsedMs.toFixed(0)} | ${ok ? 'yes' : `NO (+${(outcome.elapsedMs - scenario.limitMs).toFixed(0)})`} | ${message} |`);
  process.stderr.write(`${scenario.id}: ${outcome.elapsedMs.toFixed(0)} ms\n`);
}
process.stdout.write(`${rows.join('\n')}\n\n${HANG_SCENARIOS.length - late}/${HANG_SCENARIOS.length} scenarios ended within limit + ${SLACK_MS} ms\n`);
// The servers' unref'd leftovers must not keep the bench alive.
process.exit(late === 0 ? 0 : 1);
