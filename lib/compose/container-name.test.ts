import { describe, expect, it } from 'vitest';
import { composeContainerName, normalizeProjectName, parseComposeContainerName } from './container-name.js';

describe('composeContainerName', () => {
  it('should join with underscores for v1 and hyphens for v2', () => {
    expect(composeContainerName({ project: 'pgtest-a', service: 'api', driver: 'v1' })).toBe('pgtest-a_api_1');
    expect(composeContainerName({ project: 'pgtest-a', service: 'api', driver: 'v2', index: 2 })).toBe('pgtest-a-api-2');
  });

  it('should prefer an explicit container_name', () => {
    expect(composeContainerName({ project: 'phasegate-ref', service: 'data-api', driver: 'v1', containerName: 'homeiq-data-api' })).toBe('homeiq-data-api');
  });

  it('should normalize the project name like compose does', () => {
    expect(normalizeProjectName('PG.Test Ref', 'v1')).toBe('pgtestref');
    expect(normalizeProjectName('_pg', 'v2')).toBe('pg');
    expect(composeContainerName({ project: 'My.Proj', service: 'web', driver: 'v1' })).toBe('myproj_web_1');
  });
});

describe('parseComposeContainerName', () => {
  it('should parse v1 and v2 names, with or without the leading slash', () => {
    expect(parseComposeContainerName('/pgtest-a_data-api_1', 'pgtest-a')).toEqual({ service: 'data-api', index: 1, driver: 'v1' });
    expect(parseComposeContainerName('pgtest-a-data-api-3', 'pgtest-a')).toEqual({ service: 'data-api', index: 3, driver: 'v2' });
  });

  it('should return undefined for names of other projects or explicit names', () => {
    expect(parseComposeContainerName('homeiq-data-api', 'phasegate-ref')).toBeUndefined();
    expect(parseComposeContainerName('other_api_1', 'pgtest-a')).toBeUndefined();
  });
});
