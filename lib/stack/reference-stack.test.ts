import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ComposeClient, ComposePsResult, ComposeResult, ComposeStep } from '../compose/compose-client.js';
import { FakeClock, FakeInspector, container } from '../docker/fake-inspector.test-helper.js';
import { ContainerStartError } from '../docker/wait-healthy.js';
import { bundleReferenceTwins, ReferenceStack } from './reference-stack.js';

const HEALTHY = join(import.meta.dirname, '..', '..', 'fixtures', 'compose', 'healthy.yml');

/** Records every call; `fail` makes a step exit 1. */
class FakeComposeClient implements ComposeClient {
  readonly calls: string[] = [];
  constructor(
    readonly projectName: string,
    private readonly fail: ComposeStep[] = [],
  ) {}
  async driver() {
    return 'v1' as const;
  }
  #result(step: ComposeStep, args: readonly string[]): ComposeResult {
    this.calls.push([step, ...args].join(' '));
    const failed = this.fail.includes(step);
    return { step, command: `docker-compose ${step}`, exitCode: failed ? 1 : 0, timedOut: false, durationMs: 1, stdoutTail: '', stderrTail: failed ? `${step} broke` : '' };
  }
  async build(services: readonly string[] = []) {
    return this.#result('build', services);
  }
  async up(services: readonly string[] = []) {
    return this.#result('up', services);
  }
  async down(options: { volumes?: boolean } = {}) {
    return this.#result('down', options.volumes ? ['-v'] : []);
  }
  async stop(services: readonly string[] = []) {
    return this.#result('stop', services);
  }
  async start(services: readonly string[] = []) {
    return this.#result('start', services);
  }
  async restart(services: readonly string[] = []) {
    return this.#result('restart', services);
  }
  async ps(): Promise<ComposePsResult> {
    return { ...this.#result('ps', []), containers: [] };
  }
}

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function setup(inspector: FakeInspector, fail: ComposeStep[] = []) {
  const stampDir = mkdtempSync(join(tmpdir(), 'pg-stamp-'));
  dirs.push(stampDir);
  const compose = new FakeComposeClient('pgtest-unit', fail);
  const lines: string[] = [];
  let prepared = 0;
  const options = {
    composeFile: HEALTHY,
    projectName: 'pgtest-unit',
    services: ['alpha', 'beta'],
    env: { ALPHA_PORT: '18191' },
    compose,
    inspector,
    clock: new FakeClock(),
    stampDir,
    log: (line: string) => lines.push(line),
    prepare: async () => {
      prepared += 1;
    },
  } as const;
  return { options, compose, lines, prepared: () => prepared };
}

const healthyProject = () =>
  new FakeInspector({ alpha: [container({ name: 'alpha' }), container({ name: 'alpha', health: 'healthy' })], beta: [container({ name: 'beta', health: 'none' })] });

describe('ReferenceStack.up', () => {
  it('should prepare, build, start and wait, then give URLs from the compose file', async () => {
    const inspector = healthyProject();
    const { options, compose, lines, prepared } = setup(inspector);
    const started = await new ReferenceStack(options).up();
    expect(prepared()).toBe(1);
    expect(compose.calls).toEqual(['build alpha beta', 'up alpha beta']);
    expect(lines.map((l) => l.replace(/\d+\.\ds/, 'N.Ns'))).toEqual([
      '[stack] prepared build inputs in N.Ns',
      '[stack] built 2 images in N.Ns',
      '[stack] started 2 services in N.Ns',
      '[stack] 2 containers healthy in N.Ns',
      '[stack] up in N.Ns (project pgtest-unit)',
    ]);
    expect(started.url('alpha')).toBe('http://127.0.0.1:18191');
    expect(started.urls()).toEqual({ alpha: 'http://127.0.0.1:18191', beta: 'http://127.0.0.1:18102' });
    expect(started.faults('beta').service).toBe('beta');
    await started[Symbol.asyncDispose]();
    expect(compose.calls.at(-1)).toBe('down -v');
  });

  it('should skip the build when the stamp matches the inputs and the images', async () => {
    const inspector = healthyProject();
    inspector.images = { 'phasegate-fixture-tiny:local': 'sha256:one' };
    const first = setup(inspector);
    await new ReferenceStack(first.options).up();
    const compose = new FakeComposeClient('pgtest-unit');
    const lines: string[] = [];
    await new ReferenceStack({ ...first.options, compose, log: (l) => lines.push(l) }).up();
    expect(compose.calls).toEqual(['up alpha beta']);
    expect(lines[1]).toMatch(/^\[stack\] 2 images up to date, build skipped \(checked in \d+\.\ds\)$/);
    inspector.images = { 'phasegate-fixture-tiny:local': 'sha256:two' };
    const third = new FakeComposeClient('pgtest-unit');
    await new ReferenceStack({ ...first.options, compose: third }).up();
    expect(third.calls).toEqual(['build alpha beta', 'up alpha beta']);
  });

  it('should take the project down and rethrow the original error when a container fails', async () => {
    const inspector = new FakeInspector({ alpha: [container({ name: 'alpha', health: 'unhealthy' })], beta: [container({ name: 'beta', health: 'none' })] });
    const { options, compose, lines } = setup(inspector, ['down']);
    const error = await new ReferenceStack(options).up().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ContainerStartError);
    expect((error as ContainerStartError).shortMessage).toBe('alpha is unhealthy (for 20000ms, grace 20000ms)');
    expect(compose.calls).toEqual(['build alpha beta', 'up alpha beta', 'down -v']);
    expect(lines.at(-1)).toMatch(/^\[stack\] start of project pgtest-unit failed after \d+\.\ds; taking it down \(down -v\)$/);
  });

  it('should stop at a failed build with a ComposeError', async () => {
    const { options, compose } = setup(healthyProject(), ['build']);
    await expect(new ReferenceStack(options).up()).rejects.toMatchObject({ code: 'PHASEGATE_COMPOSE_FAILED', step: 'build', stderrTail: 'build broke' });
    expect(compose.calls).toEqual(['build alpha beta', 'down -v']);
  });
});

describe('ReferenceStack', () => {
  it('should reject unknown services with the known ones', () => {
    expect(() => new ReferenceStack({ composeFile: HEALTHY, services: ['alpha', 'gamma'] }).selectedServices()).toThrow(
      `unknown service(s) "gamma" in ${HEALTHY}\nhint: known: alpha, beta`,
    );
  });

  it('should attach to a running project after checking health', async () => {
    const { options, compose } = setup(healthyProject());
    const attached = await new ReferenceStack(options).attach();
    expect(attached.projectName).toBe('pgtest-unit');
    expect(compose.calls).toEqual([]);
  });
});

describe('bundleReferenceTwins', () => {
  it('should fail clearly when the bundler file does not exist', async () => {
    await expect(bundleReferenceTwins('/nonexistent/build-bundles.ts')).rejects.toThrow(
      'cannot bundle the reference twins: /nonexistent/build-bundles.ts does not exist\nhint: the reference stack is not in this checkout; pass `prepare` to ReferenceStack or restore fixtures/reference/',
    );
  });
});
