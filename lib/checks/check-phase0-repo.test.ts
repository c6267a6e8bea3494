import { describe, expect, it } from 'vitest';
import { checkEnvFileIgnored, gitignoreIgnores } from './check-phase0-repo.js';

describe('gitignoreIgnores', () => {
  it.each([
    ['.env', true],
    ['/.env', true],
    ['*.env', true],
    ['.env*', true],
    ['**/.env', true],
    ['# .env', false],
    ['.env/', false],
    ['config/.env', false],
    ['.env.local', false],
    ['node_modules\n.env   ', true],
  ])('%j ignores .env: %s', (text, expected) => {
    expect(gitignoreIgnores(text, '.env')).toBe(expected);
  });

  it('lets a later !pattern re-include, and a later pattern ignore again', () => {
    expect(gitignoreIgnores('.env*\n!.env', '.env')).toBe(false);
    expect(gitignoreIgnores('.env*\n!.env\n.env', '.env')).toBe(true);
  });
});

describe('checkEnvFileIgnored (P0-001-CI5a)', () => {
  it('passes an ignored, untracked .env', () => {
    const r = checkEnvFileIgnored({ root: '/h', gitignore: '.env\n', tracked: false });
    expect(r.status).toBe('passed');
    expect(r.message).toContain('git does not track it');
  });

  it('says when tracking could not be asked (not a git work tree)', () => {
    expect(checkEnvFileIgnored({ root: '/h', gitignore: '.env\n', tracked: undefined }).message).toContain('tracking not asked');
  });

  it('fails a tracked .env even when ignored, with the rotate hint', () => {
    const r = checkEnvFileIgnored({ root: '/h', gitignore: '.env\n', tracked: true });
    expect(r.status).toBe('failed');
    expect(r.message).toMatch(/git tracks \.env, .*hint: git rm --cached \.env/);
  });

  it('fails without a .gitignore and when nothing ignores .env', () => {
    expect(checkEnvFileIgnored({ root: '/h', gitignore: undefined, tracked: undefined }).message).toContain('has no .gitignore');
    expect(checkEnvFileIgnored({ root: '/h', gitignore: 'node_modules\n', tracked: false }).message).toContain('.gitignore does not ignore .env');
  });
});
