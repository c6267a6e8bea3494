import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildContext, dependencyClosure, interpolate, readComposeFile, servicePort } from './compose-file.js';

const HEALTHY = join(import.meta.dirname, '..', '..', 'fixtures', 'compose', 'healthy.yml');

describe('interpolate', () => {
  it('should resolve compose variable forms', () => {
    const env = { A: '1', EMPTY: '' };
    expect(interpolate('${A}|${B:-d}|${EMPTY:-d}|${EMPTY-d}|$A|$$A', env)).toBe('1|d|d||1|$A');
  });
});

describe('servicePort', () => {
  it('should read the published port of ports:', () => {
    expect(servicePort({ ports: ['127.0.0.1:8086:8086'] })).toBe(8086);
    expect(servicePort({ ports: ['${WEB_PORT:-3000}:80/tcp'] }, { WEB_PORT: '3100' })).toBe(3100);
  });

  it('should read PORT, SIMULATOR_PORT or the influx bind address for host networking', () => {
    expect(servicePort({ environment: { PORT: '8006' } })).toBe(8006);
    expect(servicePort({ environment: ['SIMULATOR_PORT=8125'] })).toBe(8125);
    expect(servicePort({ environment: { INFLUXD_HTTP_BIND_ADDRESS: '127.0.0.1:8086' } })).toBe(8086);
    expect(servicePort({ environment: { OTHER: 'x' } })).toBeUndefined();
  });
});

describe('readComposeFile', () => {
  it('should resolve YAML merge keys of the scenario file', () => {
    const { services } = readComposeFile(HEALTHY);
    expect(Object.keys(services)).toEqual(['alpha', 'beta']);
    expect(services.alpha?.image).toBe('phasegate-fixture-tiny:local');
    expect(servicePort(services.alpha!, { ALPHA_PORT: '18190' })).toBe(18190);
    expect(servicePort(services.beta!, {})).toBe(18102);
    expect(buildContext(HEALTHY, services.alpha!)).toBe(join(HEALTHY, '..', 'tiny'));
  });

  it('should fail with the path when the file is missing', () => {
    expect(() => readComposeFile('/nonexistent/compose.yml')).toThrow('compose file /nonexistent/compose.yml cannot be read: ENOENT\nhint: pass an existing file as composeFile');
  });
});

describe('dependencyClosure', () => {
  it('should add dependencies in both depends_on forms, once', () => {
    const services = { api: { depends_on: { db: { condition: 'service_healthy' } } }, db: { depends_on: ['vol'] }, vol: {}, ui: { depends_on: ['api'] } };
    expect(dependencyClosure(services, ['ui', 'api'])).toEqual(['ui', 'api', 'db', 'vol']);
  });
});
