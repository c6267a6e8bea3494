import { describe, expect, it } from 'vitest';
import type { CommandResult, CommandRunner } from '../system/command-runner.js';
import { DockerExecVersionSource, parsePipShow } from './runtime-version-source.js';

/** Answers `docker exec` calls from a table and records them. */
class FakeRunner implements CommandRunner {
  readonly calls: string[] = [];
  constructor(private readonly answers: Record<string, Partial<CommandResult>>) {}
  async run(file: string, args: readonly string[]): Promise<CommandResult> {
    const line = [file, ...args].join(' ');
    this.calls.push(line);
    return { exitCode: 0, stdout: '', stderr: '', timedOut: false, notFound: false, durationMs: 1, ...(this.answers[line] ?? { exitCode: 1, stderr: 'Error: No such container: x' }) };
  }
}

const containers: Record<string, string> = { 'data-api': 'homeiq-data-api' };
const source = (runner: CommandRunner) => new DockerExecVersionSource({ runner, containerFor: (s) => containers[s] });

describe('DockerExecVersionSource', () => {
  it('should read python --version from stdout or stderr', async () => {
    const runner = new FakeRunner({ 'docker exec homeiq-data-api python --version': { stdout: 'Python 3.12.8\n' } });
    expect(await source(runner).pythonVersion('data-api')).toEqual({ version: '3.12.8' });
    expect(runner.calls).toEqual(['docker exec homeiq-data-api python --version']);
    const old = new FakeRunner({ 'docker exec homeiq-data-api python --version': { stderr: 'Python 2.7.18\n' } });
    expect(await source(old).pythonVersion('data-api')).toEqual({ version: '2.7.18' });
  });

  it('should read pip show and say why when the package is missing', async () => {
    const runner = new FakeRunner({
      'docker exec homeiq-data-api pip show sqlalchemy': { stdout: 'Name: SQLAlchemy\nVersion: 2.0.46\nSummary: Database Abstraction Library\n' },
      'docker exec homeiq-data-api pip show aiosqlite': { exitCode: 1, stderr: 'WARNING: Package(s) not found: aiosqlite\n' },
    });
    expect(await source(runner).pipShow('data-api', 'sqlalchemy')).toEqual({ version: '2.0.46' });
    expect(await source(runner).pipShow('data-api', 'aiosqlite')).toEqual({ reason: 'aiosqlite is not installed in homeiq-data-api (`pip show aiosqlite` exit 1: WARNING: Package(s) not found: aiosqlite)', unavailable: false });
  });

  it('should give a reason, not a version, when there is no container, no docker or no python in the image', async () => {
    expect(await source(new FakeRunner({})).pythonVersion('ml-service')).toEqual({ reason: 'ml-service has no running container in this target', unavailable: true });
    expect(await source(new FakeRunner({ 'docker exec homeiq-data-api python --version': { exitCode: undefined, notFound: true } })).pythonVersion('data-api')).toEqual({ reason: '`docker exec homeiq-data-api python --version`: docker is not on PATH', unavailable: true });
    const noPython = new FakeRunner({ 'docker exec homeiq-data-api python --version': { exitCode: 127, stderr: 'OCI runtime exec failed: exec: "python": executable file not found in $PATH' } });
    expect(await source(noPython).pythonVersion('data-api')).toEqual({ reason: '`docker exec homeiq-data-api python --version` failed (exit 127): OCI runtime exec failed: exec: "python": executable file not found in $PATH', unavailable: true });
  });

  it('should parse pip show fields', () => {
    expect(parsePipShow('Name: fastapi\nVersion: 0.128.0\nLocation: /usr/lib\n')).toEqual({ name: 'fastapi', version: '0.128.0' });
    expect(parsePipShow('')).toEqual({});
  });
});
