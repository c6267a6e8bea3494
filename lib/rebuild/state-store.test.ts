import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../common/errors.js';
import type { RebuildState } from './state.js';
import { FileRebuildStateStore } from './state-store.js';

const STATE: RebuildState = {
  version: 1,
  runId: 'run-1',
  planId: 'phase1',
  project: 'p',
  status: 'running',
  startedAt: '2026-12-01T00:00:00.000Z',
  updatedAt: '2026-12-01T00:00:00.000Z',
  waves: [['a']],
  services: { a: { wave: 0, planStep: 'S1', action: 'rebuild', done: ['tag'], imageRef: 'a:latest', previousImageId: 'sha256:1', backupTag: 'a:pre-rebuild-run-1' } },
  timeline: [],
};

describe('FileRebuildStateStore', () => {
  it('should save atomically and load what it saved, leaving no temporary file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pg-state-'));
    const store = new FileRebuildStateStore('p', dir);
    expect(store.load()).toBeUndefined();
    store.save(STATE);
    expect(store.load()).toEqual(STATE);
    expect(readdirSync(dir)).toEqual(['p.json']);
    store.clear();
    expect(existsSync(store.path)).toBe(false);
  });

  it.each([
    ['{ not json', /p\.json: the rebuild state is not valid JSON/],
    [JSON.stringify({ ...STATE, version: 2 }), /p\.json: version: Invalid input: expected 1/],
    [JSON.stringify({ ...STATE, status: 'exploded' }), /p\.json: status: Invalid option/],
  ])('should refuse a corrupt or foreign state file with its path and a hint (%#)', (content, message) => {
    const dir = mkdtempSync(join(tmpdir(), 'pg-state-'));
    writeFileSync(join(dir, 'p.json'), content);
    const store = new FileRebuildStateStore('p', dir);
    expect(() => store.load()).toThrow(ConfigError);
    expect(() => store.load()).toThrow(message);
    expect(() => store.load()).toThrow(/hint: .*move it away/);
  });
});
