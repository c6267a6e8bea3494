import { describe, expect, it } from 'vitest';
import { CHROMIUM_PATH_ENV, DEFAULT_CHROMIUM_PATHS, describeMissingChromium, findChromium } from './chromium-path.js';

const only = (...paths: string[]) => (path: string): boolean => paths.includes(path);

describe('findChromium', () => {
  it('should prefer the headless shell when both Debian browsers are installed', () => {
    expect(findChromium({ env: {}, exists: only(...DEFAULT_CHROMIUM_PATHS) })).toEqual({
      path: '/usr/bin/chromium-headless-shell', source: 'default', found: true, tried: ['/usr/bin/chromium-headless-shell'],
    });
  });

  it('should fall back to chromium when the headless shell is not installed', () => {
    expect(findChromium({ env: {}, exists: only('/usr/bin/chromium') })).toEqual({
      path: '/usr/bin/chromium', source: 'default', found: true, tried: ['/usr/bin/chromium-headless-shell', '/usr/bin/chromium'],
    });
  });

  it('should take PHASEGATE_CHROMIUM over the defaults, and say so when it does not exist', () => {
    const env = { [CHROMIUM_PATH_ENV]: ' /opt/chrome/chrome ' };
    expect(findChromium({ env, exists: only('/opt/chrome/chrome', ...DEFAULT_CHROMIUM_PATHS) })).toMatchObject({ path: '/opt/chrome/chrome', source: 'env', found: true });
    const missing = findChromium({ env, exists: only(...DEFAULT_CHROMIUM_PATHS) });
    expect(missing).toMatchObject({ source: 'env', found: false });
    expect(describeMissingChromium(missing)).toBe('PHASEGATE_CHROMIUM=/opt/chrome/chrome: no such file');
  });

  it("should take the caller's executablePath over the environment", () => {
    const choice = findChromium({ executablePath: '/x/chromium', env: { [CHROMIUM_PATH_ENV]: '/opt/chrome/chrome' }, exists: () => false });
    expect(choice).toEqual({ path: '/x/chromium', source: 'option', found: false, tried: ['/x/chromium'] });
    expect(describeMissingChromium(choice)).toBe('the browser /x/chromium (executablePath) is not there');
  });

  it('should name every default it looked at when none is installed', () => {
    const choice = findChromium({ env: { [CHROMIUM_PATH_ENV]: '  ' }, exists: () => false });
    expect(choice).toMatchObject({ path: '/usr/bin/chromium-headless-shell', found: false });
    expect(describeMissingChromium(choice)).toBe('no browser for the dashboard checks: none of /usr/bin/chromium-headless-shell, /usr/bin/chromium is installed');
  });
});
