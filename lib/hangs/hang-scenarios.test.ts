import { describe, expect, it } from 'vitest';
import { HANG_SCENARIOS, runHangScenario } from './hang-scenarios.js';

/** Overshoot allowed past a scenario's limit: the host is a noisy 2-core machine. Timing is only an upper bound. */
const SLACK_MS = 2_000;

describe('nothing hangs', () => {
  it('should hold unique ids and cover HTTP, Docker, the HA websocket, load and the gate wall time', () => {
    expect(new Set(HANG_SCENARIOS.map((s) => s.id)).size).toBe(HANG_SCENARIOS.length);
    for (const prefix of ['http-', 'health-', 'latency-', 'influx-', 'load-open-', 'load-closed-', 'docker-', 'ha-', 'gate-']) {
      expect(HANG_SCENARIOS.some((s) => s.id.startsWith(prefix)), prefix).toBe(true);
    }
  });

  it.each(HANG_SCENARIOS.map((s) => [s.id, s] as const))('%s: ends within its limit with the right diagnosis', async (_id, scenario) => {
    const outcome = await runHangScenario(scenario);
    expect(outcome.elapsedMs, `${scenario.id} took ${outcome.elapsedMs.toFixed(0)} ms (limit ${scenario.limitMs} ms): ${outcome.message}`).toBeLessThanOrEqual(scenario.limitMs + SLACK_MS);
    expect(outcome.code, outcome.message).toBe(scenario.code);
    expect(outcome.message).not.toContain('\n');
    for (const mention of scenario.mentions) {
      if (typeof mention === 'string') expect(outcome.message).toContain(mention);
      else expect(outcome.message).toMatch(mention);
    }
    expect(outcome.message).not.toContain('hang-token-3c9d1e');
    expect(outcome.message).not.toContain('hang-influx-token-77aa');
  }, 30_000);
});
