// Hand-written fakes for tests of code that takes a ContainerInspector and a Clock (no Docker, no real time).
import type { Clock } from '../common/clock.js';
import type { ContainerDetails, ContainerInspector, ContainerMemoryStats, LogLine } from './container-inspector.js';
import { DockerApiError } from './docker-api-error.js';

/** A container in a given state; override what the test cares about. */
export function container(over: Partial<ContainerDetails> & Pick<ContainerDetails, 'name'>): ContainerDetails {
  return {
    id: `id-${over.name}`,
    service: over.name,
    state: 'running',
    health: 'starting',
    restartCount: 0,
    startedAt: '2026-11-23T00:00:00Z',
    imageId: 'sha256:abc',
    image: 'tiny:local',
    exitCode: 0,
    healthLog: [],
    env: {},
    ...over,
  };
}

/** Clock whose sleep advances time instantly. */
export class FakeClock implements Clock {
  t = 0;
  sleeps: number[] = [];
  now(): number {
    return 1_700_000_000_000 + this.t;
  }
  monotonicMs(): number {
    return this.t;
  }
  async sleep(ms: number): Promise<void> {
    this.sleeps.push(ms);
    this.t += ms;
  }
}

/** Inspector that plays a script: `timeline[name]` is the state sequence one container goes through, one per poll. */
export class FakeInspector implements ContainerInspector {
  readonly polls = new Map<string, number>();
  /** Image reference → id answered by imageId(). */
  images: Record<string, string> = {};
  constructor(
    private readonly timeline: Record<string, ContainerDetails[]>,
    private readonly logs: Record<string, string[]> = {},
    private readonly project: string[] = Object.keys(timeline),
  ) {}

  async listProject(): Promise<ContainerDetails[]> {
    return Promise.all(this.project.map((name) => this.inspect(name)));
  }
  async inspect(idOrName: string): Promise<ContainerDetails> {
    const name = idOrName.replace(/^id-/, '');
    const states = this.timeline[name];
    if (!states) throw new DockerApiError('inspect', idOrName, 404, `Docker inspect failed: ${idOrName} not found`);
    const n = this.polls.get(name) ?? 0;
    this.polls.set(name, n + 1);
    return states[Math.min(n, states.length - 1)]!;
  }
  async logsTail(idOrName: string, lines: number): Promise<LogLine[]> {
    return (this.logs[idOrName.replace(/^id-/, '')] ?? []).slice(-lines).map((text) => ({ stream: 'stdout' as const, text }));
  }
  async stats(): Promise<ContainerMemoryStats> {
    return { memoryUsageBytes: 1, memoryLimitBytes: 2 };
  }
  async tagImage(): Promise<void> {}
  async untagImage(): Promise<void> {}
  async imageId(ref: string): Promise<string | undefined> {
    return this.images[ref];
  }
  async ping(): Promise<void> {}
}
