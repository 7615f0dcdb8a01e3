import { hostname } from 'node:os';
import { describe, expect, it } from 'vitest';
import { currentHost, UsageError } from '../../src/shared/index.js';

describe('currentHost', () => {
  it('is NIGHTSHIFT_HOST when set, so containers sharing a kernel host name keep their own journals', () => {
    expect(currentHost({ NIGHTSHIFT_HOST: 'pod-7' })).toBe('pod-7');
  });

  it("is the kernel's host name when NIGHTSHIFT_HOST is unset or empty", () => {
    expect(currentHost({})).toBe(hostname());
    expect(currentHost({ NIGHTSHIFT_HOST: '' })).toBe(hostname());
  });

  it('refuses a name that cannot be part of a file name, and says what would do', () => {
    for (const bad of ['../etc', 'a/b', ' web', 'x'.repeat(64), '-lead']) {
      expect(() => currentHost({ NIGHTSHIFT_HOST: bad })).toThrow(UsageError);
    }
    expect(() => currentHost({ NIGHTSHIFT_HOST: 'a/b' })).toThrow(/NIGHTSHIFT_HOST="a\/b".*runs@<host>\.jsonl/);
  });
});
