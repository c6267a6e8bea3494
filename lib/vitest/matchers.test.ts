import { afterEach, describe, expect, it } from 'vitest';
import type { CheckResult } from '../checks/check-result.js';
import type { ContainerSnapshot } from '../checks/container-state-source.js';
import { ConfigError } from '../common/errors.js';
import { clearRegisteredSecrets, registerSecret } from '../common/secrets.js';
import type { HttpProbeResult } from '../probes/http-probe.js';
import { phasegateMatchers } from './matchers.js';

expect.extend(phasegateMatchers);
afterEach(() => clearRegisteredSecrets());

const check = (status: CheckResult['status'], message: string, extra: Partial<CheckResult> = {}): CheckResult => ({ criterionId: 'P1-SC3', title: 'data-api /health', status, message, ...extra });
const probe = (status: number | undefined, body: string, totalMs = 12.34, extra: Partial<HttpProbeResult> = {}): HttpProbeResult => ({
  url: 'http://127.0.0.1:8006/health',
  ...(status === undefined ? {} : { status }),
  headers: {},
  body,
  truncated: false,
  totalMs,
  timedOut: false,
  connected: status !== undefined,
  bytesReceived: body.length,
  ...extra,
});
/** The thrown assertion message, exactly. */
const messageOf = (fn: () => void): string => {
  try {
    fn();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('the assertion did not fail');
};

describe('toPassCheck', () => {
  it('should pass a passed result and fail a failed one with the check\'s own message', () => {
    expect(check('passed', 'ok')).toPassCheck();
    expect(messageOf(() => expect(check('failed', 'data-api (http://127.0.0.1:8006/health): p(95)=612.0ms over 20 sequential requests; limit p(95) < 500ms')).toPassCheck())).toBe(
      '[P1-SC3] data-api /health failed: data-api (http://127.0.0.1:8006/health): p(95)=612.0ms over 20 sequential requests; limit p(95) < 500ms',
    );
  });

  it('should never count a skipped (undecided) result as a pass, and say so', () => {
    expect(() => expect(check('skipped', 'not yet provable: data-api has been up 4.0 min')).toPassCheck()).toThrow(
      '[P1-SC3] data-api /health was not decided (skipped): not yet provable: data-api has been up 4.0 min. hint: a skipped check is never a pass; gate(ctx, result) records it as skipped with this reason',
    );
    expect(() => expect(check('error', 'could not list the containers')).toPassCheck()).toThrow('[P1-SC3] data-api /health could not run (error): could not list the containers');
  });

  it('should support .not', () => {
    expect(check('failed', 'slow')).not.toPassCheck();
    expect(check('skipped', 'undecided')).not.toPassCheck();
    expect(() => expect(check('passed', 'p(95)=30.0ms')).not.toPassCheck()).toThrow('[P1-SC3] data-api /health passed, expected it not to: p(95)=30.0ms');
  });

  it('should mask secrets in the message', () => {
    registerSecret('hs_supersecretkey');
    const msg = messageOf(() => expect(check('failed', 'GET http://u:pw@127.0.0.1:8006/x with key hs_supersecretkey → 401')).toPassCheck());
    expect(msg).toBe('[P1-SC3] data-api /health failed: GET http://u:***@127.0.0.1:8006/x with key *** → 401');
  });

  it('should refuse a value that is not a CheckResult, with or without .not', () => {
    expect(() => expect({ status: 200 }).toPassCheck()).toThrow(ConfigError);
    expect(() => expect({ status: 200 }).not.toPassCheck()).toThrow('toPassCheck() expects a CheckResult; got an object with keys status\nhint: pass the value a lib/checks function or HttpProbe.get() returned');
  });

  it('should work as an asymmetric matcher', () => {
    expect([check('passed', 'a'), check('passed', 'b')]).toEqual([expect.toPassCheck(), expect.toPassCheck()]);
    expect({ r: check('failed', 'x') }).not.toEqual({ r: expect.toPassCheck() });
  });
});

describe('toFailCheck', () => {
  it('should pass a failed result whose message matches', () => {
    expect(check('failed', 'answered HTTP 200 but status = "degraded"')).toFailCheck(/status = "degraded"/);
    expect(check('failed', 'anything')).toFailCheck();
  });

  it('should fail a passed result, and a failure for another reason', () => {
    expect(() => expect(check('passed', 'status = "healthy"')).toFailCheck()).toThrow(
      '[P1-SC3] data-api /health is passed, expected failed: status = "healthy". hint: a self-test proves a check can fail; the fault did not reach the check, or the check cannot see it',
    );
    expect(() => expect(check('error', 'token rejected')).toFailCheck()).toThrow('[P1-SC3] data-api /health is error, expected failed: token rejected.');
    expect(() => expect(check('failed', 'did not answer: timeout after 1000ms')).toFailCheck(/status = "degraded"/)).toThrow(
      '[P1-SC3] data-api /health failed, but its message does not match /status = "degraded"/: did not answer: timeout after 1000ms. hint: the check failed for another reason than the injected fault',
    );
    expect(() => expect(check('failed', 'x')).toFailCheck('HTTP 503')).toThrow('failed, but its message does not match "HTTP 503": x.');
  });

  it('should support .not', () => {
    expect(check('passed', 'fine')).not.toFailCheck();
    expect(() => expect(check('failed', 'broke')).not.toFailCheck()).toThrow('[P1-SC3] data-api /health failed, expected it not to: broke');
  });
});

describe('toBeHealthy', () => {
  it('should judge a probe result by its body, not by HTTP 200', () => {
    expect(probe(200, '{"status":"healthy"}')).toBeHealthy();
    expect(() => expect(probe(200, '{"status":"degraded"}')).toBeHealthy()).toThrow(
      '127.0.0.1:8006 (http://127.0.0.1:8006/health) answered HTTP 200 but status = "degraded"; expected 2xx and status == "healthy". hint: HTTP 200 alone does not mean healthy here',
    );
  });

  it('should take the service name, another rule and a latency budget', () => {
    expect(probe(200, '{"status":"pass"}')).toBeHealthy({ service: 'influxdb', rule: { field: 'status', equals: 'pass' } });
    expect(() => expect(probe(200, '{"status":"healthy"}', 812.04)).toBeHealthy({ service: 'data-api', latencyBudgetMs: 500 })).toThrow(
      'data-api (http://127.0.0.1:8006/health) status = "healthy" but took 812.0ms; expected 2xx and status == "healthy" within 500ms. hint: a slow health answer often means a blocked event loop or a slow dependency',
    );
  });

  it('should fail a 503 and a probe that got no answer, with checkHealthBody\'s messages', () => {
    expect(() => expect(probe(503, '{"status":"unhealthy"}')).toBeHealthy({ service: 'data-api' })).toThrow('data-api (http://127.0.0.1:8006/health) answered HTTP 503; expected 2xx and status == "healthy"');
    expect(() => expect(probe(undefined, '', 1000, { error: 'timeout after 1000ms (no response headers)', timedOut: true })).toBeHealthy({ service: 'data-api' })).toThrow(
      'data-api (http://127.0.0.1:8006/health) did not answer: timeout after 1000ms (no response headers); expected 2xx and status == "healthy". hint: is the container running and bound to that port?',
    );
  });

  it('should accept a CheckResult and support .not', () => {
    expect(check('passed', 'status = "healthy"')).toBeHealthy();
    expect(probe(200, '{"status":"degraded"}')).not.toBeHealthy();
    expect(() => expect(probe(200, '{"status":"healthy"}')).not.toBeHealthy({ service: 'data-api' })).toThrow(
      'data-api (http://127.0.0.1:8006/health) status = "healthy" (HTTP 200, 12.3ms); expected it not to be healthy (2xx and status == "healthy")',
    );
    expect(() => expect(check('passed', 'status = "healthy"')).not.toBeHealthy()).toThrow('[P1-SC3] data-api /health is healthy, expected it not to be: status = "healthy"');
  });

  it('should refuse a plain status code', () => {
    expect(() => expect(200).toBeHealthy()).toThrow('toBeHealthy() expects a CheckResult or an HttpProbeResult; got number');
  });
});

describe('toHaveBodyStatus', () => {
  it('should read the body whatever the HTTP status', () => {
    expect(probe(503, '{"status":"unhealthy"}')).toHaveBodyStatus('unhealthy');
    expect('{"status":"healthy"}').toHaveBodyStatus('healthy');
    expect('{"subscription":{"is_subscribed":true}}').toHaveBodyStatus(true, { field: 'subscription.is_subscribed' });
  });

  it('should name where, what it says, the limit and a hint', () => {
    expect(() => expect(probe(200, '{"status":"degraded"}')).toHaveBodyStatus('healthy')).toThrow(
      'http://127.0.0.1:8006/health (HTTP 200) says status = "degraded"; expected status == "healthy". hint: the body decides, not the HTTP status',
    );
    expect(() => expect(probe(200, '<html>nginx</html>')).toHaveBodyStatus('healthy')).toThrow(
      'http://127.0.0.1:8006/health (HTTP 200) says the body is not JSON; expected status == "healthy". hint: is something else (nginx, a proxy) answering on that port?',
    );
    expect(() => expect('{}').toHaveBodyStatus('healthy')).toThrow('the body says status = missing; expected status == "healthy".');
  });

  it('should support .not', () => {
    expect('{"status":"degraded"}').not.toHaveBodyStatus('healthy');
    expect(() => expect('{"status":"healthy"}').not.toHaveBodyStatus('healthy')).toThrow('the body says status = "healthy"; expected it not to be "healthy"');
  });
});

describe('toRespondWithin', () => {
  it('should compare a probe\'s total time with the limit (<=)', () => {
    expect(probe(200, '{}', 500)).toRespondWithin(500);
    expect(() => expect(probe(200, '{}', 612.34)).toRespondWithin(500)).toThrow(
      'http://127.0.0.1:8006/health answered HTTP 200 in 612.3ms; expected within 500ms. hint: a slow answer often means a blocked event loop or a slow dependency',
    );
  });

  it('should fail a probe that got no answer even if it ended quickly', () => {
    expect(() => expect(probe(undefined, '', 0.8, { error: 'connect ECONNREFUSED 127.0.0.1:8006' })).toRespondWithin(500)).toThrow(
      'http://127.0.0.1:8006/health did not answer: connect ECONNREFUSED 127.0.0.1:8006 (after 0.8ms); expected an answer within 500ms. hint: is the service running and bound to that port?',
    );
    expect(probe(undefined, '', 0.8, { error: 'connect ECONNREFUSED' })).not.toRespondWithin(500);
  });

  it('should use a CheckResult\'s durationMs, and refuse one without it', () => {
    expect(check('passed', 'ok', { durationMs: 40 })).toRespondWithin(50);
    expect(() => expect(check('passed', 'ok', { durationMs: 75.5 })).toRespondWithin(50)).toThrow('[P1-SC3] data-api /health took 75.5ms; expected <= 50ms. hint: ok');
    expect(() => expect(check('passed', 'ok')).toRespondWithin(50)).toThrow('toRespondWithin() expects a CheckResult with durationMs');
  });

  it('should support .not', () => {
    expect(() => expect(probe(200, '{}', 3)).not.toRespondWithin(500)).toThrow('http://127.0.0.1:8006/health answered HTTP 200 in 3.0ms; expected slower than 500ms');
  });
});

describe('toHaveNoRestartsSince', () => {
  const c = (service: string, startedAt: string, restartCount = 0, extra: Partial<ContainerSnapshot> = {}): ContainerSnapshot => ({ service, name: `homeiq-${service}`, state: 'running', health: 'healthy', restartCount, startedAt, id: `id-${service}`, ...extra });
  const gateStart = '2026-12-02T04:00:00.000Z';

  it('should pass containers started before the time and fail one started after it', () => {
    expect([c('data-api', '2026-12-02T03:00:00Z'), c('admin-api', '2026-12-02T03:59:59Z')]).toHaveNoRestartsSince(gateStart);
    expect([c('data-api', '2026-12-02T03:00:00Z')]).toHaveNoRestartsSince(new Date(gateStart));
    expect(() => expect([c('data-api', '2026-12-02T03:00:00Z'), c('sports-api', '2026-12-02T04:05:00Z', 1)]).toHaveNoRestartsSince(Date.parse(gateStart))).toThrow(
      '1 of 2 container(s) (re)started since 2026-12-02T04:00:00.000Z: sports-api (homeiq-sports-api): StartedAt 2026-12-02T04:05:00Z, running, RestartCount 1; expected 0 restarts. hint: `docker logs <container>` shows why; a crash loop shows as restarting',
    );
  });

  it('should count a container that is restarting right now', () => {
    expect(() => expect([c('ml-service', '2026-12-02T03:00:00Z', 3, { state: 'restarting' })]).toHaveNoRestartsSince(gateStart)).toThrow('1 of 1 container(s) (re)started since 2026-12-02T04:00:00.000Z: ml-service (homeiq-ml-service): StartedAt 2026-12-02T03:00:00Z, restarting, RestartCount 3;');
  });

  it('should compare with an earlier sample: RestartCount, StartedAt, id, and a missing container', () => {
    const before = { states: [c('data-api', '2026-12-02T03:00:00Z'), c('admin-api', '2026-12-02T03:00:00Z'), c('weather-api', '2026-12-02T03:00:00Z')], atMs: Date.parse(gateStart) };
    expect(before.states).toHaveNoRestartsSince(before);
    expect(() => expect([c('data-api', '2026-12-02T03:00:00Z', 1), c('admin-api', '2026-12-02T03:00:00Z', 0, { id: 'other' })]).toHaveNoRestartsSince(before)).toThrow(
      '3 of 3 container(s) (re)started since 2026-12-02T04:00:00.000Z: data-api: RestartCount 0→1, StartedAt 2026-12-02T03:00:00Z→2026-12-02T03:00:00Z; admin-api: RestartCount 0→0, StartedAt 2026-12-02T03:00:00Z→2026-12-02T03:00:00Z (container recreated); weather-api (container missing now); expected 0 restarts.',
    );
  });

  it('should support .not and refuse an unreadable time', () => {
    expect([c('data-api', '2026-12-02T04:05:00Z')]).not.toHaveNoRestartsSince(gateStart);
    expect(() => expect([c('data-api', '2026-12-02T03:00:00Z')]).not.toHaveNoRestartsSince(gateStart)).toThrow('no container among 1 (re)started since 2026-12-02T04:00:00.000Z; expected a restart');
    expect(() => expect([]).toHaveNoRestartsSince('yesterday')).toThrow('toHaveNoRestartsSince() expects a Date, an ISO time, epoch ms or a { states, atMs } sample; got string');
    expect(() => expect({ list: () => [] }).toHaveNoRestartsSince(gateStart)).toThrow('toHaveNoRestartsSince() expects an array of container snapshots');
  });
});
