import { describe, expect, test } from 'vitest';
import { redact, redactFragment, secretsOf } from '../../src/secrets/index.js';

describe('redact', () => {
  const env = {
    ANTHROPIC_API_KEY: 'sk-ant-abc123',
    github_token: 'ghp_xyz789',
    DB_PASSWORD: 'hunter2',
    MY_SECRET: 'sk-ant-abc123-long-version',
    SHORT_KEY: 'abc',
    USE_KEYRING: 'true',
    PATH: '/usr/bin',
    HOME: '/root',
  };

  test('names ending in KEY, TOKEN, SECRET or PASSWORD, any case; values of 4+ characters; booleans are settings', () => {
    expect(
      secretsOf(env)
        .map((s) => s.name)
        .sort(),
    ).toEqual(['ANTHROPIC_API_KEY', 'DB_PASSWORD', 'MY_SECRET', 'github_token']);
  });

  test('replaces every occurrence with the variable name; the longer secret wins when one contains another', () => {
    const text =
      'key sk-ant-abc123 and sk-ant-abc123-long-version, token ghp_xyz789 ghp_xyz789, pw hunter2 in /usr/bin';
    expect(redact(text, env)).toBe(
      'key [redacted:ANTHROPIC_API_KEY] and [redacted:MY_SECRET], token [redacted:github_token] [redacted:github_token], pw [redacted:DB_PASSWORD] in /usr/bin',
    );
  });

  test('accepts a precomputed list', () => {
    expect(redact('hunter2', secretsOf(env))).toBe('[redacted:DB_PASSWORD]');
  });

  test('a secret cut by a byte limit does not leak its first characters', () => {
    expect(redactFragment('output ends ghp_xy', env, { end: true })).toBe('output ends [redacted:github_token]');
    expect(redactFragment('output ends sk-', env, { end: true })).toBe('output ends sk-');
  });
});
