import { describe, expect, it } from 'vitest';
import { parseNpmRange } from './npm-range.js';
import { isExactSpecifier, parsePep440Specifier, parseSpecifierClauses } from './pep440-specifier.js';
import { rangeAdmits, rangeMinimum, rangesEquivalent, rangesOverlap, rangeWithin } from './version-range.js';
import { compareVersions, parseVersion, version } from './version.js';

const sorted = (list: string[]) => [...list].sort((a, b) => compareVersions(version(a), version(b)));

describe('compareVersions (PEP 440 order, numeric segments)', () => {
  it('should order numerically, not as strings (3.9 < 3.10, D8.2)', () => {
    expect(sorted(['3.10', '3.9', '3.12.8', '3.2'])).toEqual(['3.2', '3.9', '3.10', '3.12.8']);
  });

  it('should order dev < pre < release < post and ignore trailing zeros', () => {
    expect(sorted(['1.0.post1', '1.0', '1.0rc1', '1.0a1', '1.0.dev0', '1.0b2', '1.0.post1.dev0'])).toEqual(['1.0.dev0', '1.0a1', '1.0b2', '1.0rc1', '1.0', '1.0.post1.dev0', '1.0.post1']);
    expect(compareVersions(version('3'), version('3.0.0'))).toBe(0);
  });

  it('should read npm pre-releases and a leading v, and reject text that is not a version', () => {
    expect(parseVersion('v20.19.0')?.release).toEqual([20, 19, 0]);
    expect(parseVersion('4.0.0-beta.2')?.pre).toEqual({ kind: 'b', n: 2 });
    expect(parseVersion('latest')).toBeUndefined();
    expect(() => version('3.x')).toThrow('"3.x" is not a version number');
  });
});

describe('parsePep440Specifier', () => {
  const admits = (spec: string, v: string) => rangeAdmits(parsePep440Specifier(spec), version(v));

  it('should admit by every clause of a range (>=2.0.46,<3.0.0)', () => {
    expect(['2.0.45', '2.0.46', '2.9.9', '3.0.0'].map((v) => admits('>=2.0.46,<3.0.0', v))).toEqual([false, true, true, false]);
  });

  it('should read ~=, ==X.*, != and exact pins', () => {
    expect(['2.1', '2.2', '2.9', '3.0'].map((v) => admits('~=2.2', v))).toEqual([false, true, true, false]);
    expect(['1.4.4', '1.4.5', '1.4.9', '1.5'].map((v) => admits('~=1.4.5', v))).toEqual([false, true, true, false]);
    expect(['1.3.9', '1.4', '1.4.7', '1.5.0'].map((v) => admits('==1.4.*', v))).toEqual([false, true, true, false]);
    expect(admits('>=1.0,!=1.5', '1.5')).toBe(false);
    expect(admits('==0.22.1', '0.22.1')).toBe(true);
    expect(isExactSpecifier('==0.22.1')).toBe(true);
    expect(isExactSpecifier('>=0.22.1')).toBe(false);
    expect(isExactSpecifier('==1.4.*')).toBe(false);
  });

  it('should fail on clauses that are not PEP 440, naming the clause', () => {
    expect(() => parseSpecifierClauses('>=2.0,<<3')).toThrow('invalid version specifier clause "<<3" in ">=2.0,<<3"');
    expect(() => parseSpecifierClauses('~=2')).toThrow('"~=2": ~= needs at least two release segments');
    expect(() => parseSpecifierClauses('>=1.*')).toThrow('">=1.*": a .* suffix is only allowed with == and !=');
  });

  it('should decide within, overlap and equivalence', () => {
    const s = parsePep440Specifier;
    expect(rangesEquivalent(s('>=2.0.46,<3.0.0'), s('>=2.0.46, <3'))).toBe(true);
    expect(rangeWithin(s('>=0.128,<0.129'), s('>=0.119.0,<0.130.0'))).toBe(true);
    expect(rangeWithin(s('>=0.115,<1.0'), s('>=0.119.0,<0.130.0'))).toBe(false);
    expect(rangeWithin(s('>=2.0.35'), s('>=2.0.46,<3.0.0'))).toBe(false);
    expect(rangeWithin(s('==2.0.46'), s('>=2.0.46,<3.0.0'))).toBe(true);
    expect(rangeWithin(s('<=3.0'), s('<3.0'))).toBe(false);
    expect(rangesOverlap(s('>=0.20,<0.21'), s('==0.22.1'))).toBe(false);
    expect(rangesOverlap(s('>=0.21,<0.22'), s('>=0.21'))).toBe(true);
    expect(rangesOverlap(s('<1.0'), s('>=1.0'))).toBe(false);
    expect(rangesOverlap(s('<=1.0'), s('>=1.0'))).toBe(true);
    expect(rangeMinimum(s('>=0.22.1,<0.23.0'))?.text).toBe('0.22.1');
  });
});

describe('parseNpmRange', () => {
  const admits = (range: string, v: string) => rangeAdmits(parseNpmRange(range), version(v));

  it('should read caret, tilde, exact, wildcards, comparator sets, hyphens and ||', () => {
    expect(['18.3.0', '18.3.1', '18.9.0', '19.0.0'].map((v) => admits('^18.3.1', v))).toEqual([false, true, true, false]);
    expect(['0.2.9', '0.3.0'].map((v) => admits('^0.2.3', v))).toEqual([true, false]);
    expect(['5.1.9', '5.2.0'].map((v) => admits('~5.1.2', v))).toEqual([true, false]);
    expect(['5.1.2', '5.1.3'].map((v) => admits('5.1.2', v))).toEqual([true, false]);
    expect(['18.0.0', '19.0.0'].map((v) => admits('18.x', v))).toEqual([true, false]);
    expect(['20.18.9', '20.19.0', '21.0.0'].map((v) => admits('>=20.19 <21', v))).toEqual([false, true, false]);
    expect(['1.4.9', '1.5.0'].map((v) => admits('1.2.3 - 1.4', v))).toEqual([true, false]);
    expect(['17.0.0', '18.1.0', '19.1.0'].map((v) => admits('^17 || ^19', v))).toEqual([true, false, true]);
    expect(admits('*', '99.0.0')).toBe(true);
    expect(admits('>= 6.4.1', '6.4.1')).toBe(true);
  });

  it('should give the minimum of a caret range and refuse tags', () => {
    expect(rangeMinimum(parseNpmRange('^5.1.2'))?.text).toBe('5.1.2');
    expect(rangeWithin(parseNpmRange('^18.3.1'), parseNpmRange('18.x'))).toBe(true);
    expect(rangeWithin(parseNpmRange('>=18'), parseNpmRange('18.x'))).toBe(false);
    expect(() => parseNpmRange('latest')).toThrow('"latest" is not a semver version');
  });
});
