import { describe, expect, it } from 'vitest';
import { makeRedactor, secretValuesFromEnv } from '../../src/run/redact';

describe('redaction', () => {
  it('takes values of env vars whose names say secret', () => {
    const values = secretValuesFromEnv({
      GITHUB_TOKEN: 'ghp_abc',
      API_KEY: 'k-123',
      DB_PASSWORD: 'hunter2',
      MY_SECRET_THING: 's3cr3t',
      api_key_lower: 'lower-case',
      PATH: '/usr/bin',
      HOME: '/root',
    });
    expect(values.sort()).toEqual(['ghp_abc', 'hunter2', 'k-123', 'lower-case', 's3cr3t']);
  });

  it('replaces every occurrence, longest first', () => {
    const r = makeRedactor(['abc123', 'abc123xyz']);
    expect(r('token abc123xyz and abc123 and abc')).toBe('token *** and *** and abc');
  });

  it('escapes regular-expression characters in secrets', () => {
    const r = makeRedactor(['a.b*c(d)']);
    expect(r('x a.b*c(d) y aXbbc(d)')).toBe('x *** y aXbbc(d)');
  });

  it('ignores values too short to be secrets', () => {
    const r = makeRedactor(['1', 'no', '']);
    expect(r('no 1 way')).toBe('no 1 way');
  });
});
