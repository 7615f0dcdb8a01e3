import { describe, expect, test } from 'vitest';
import { keepHead, keepTail, redact, redactFragment, secretsOf } from '../../src/secrets/index.js';
import { KEY_58, piecesIn } from '../support/secret-pieces.js';

/** The pure rules of issue 12 §5: which values are secrets, the one redaction, and the cuts. */

describe('secretsOf', () => {
  test('names ending in _KEY, _TOKEN, _SECRET or PASSWORD (any case), or the bare word; not names that merely contain one', () => {
    const env = {
      STRIPE_KEY: 'sk-live-stripe-1234',
      deploy_token: 'tok-deploy-5678',
      APP_SECRET: 'app-secret-9012',
      DB_PASSWORD: 'correct-horse-battery',
      PGPASSWORD: 'pg-horse-battery',
      TOKEN: 'bare-token-3456',
      GNOME_KEYRING_CONTROL: '/run/user/1000/keyring',
      KEYBOARD_LAYOUT: 'dvorak-programmer',
      MONKEY: 'banana-banana',
      PATH: '/usr/bin:/bin',
    };
    expect(
      secretsOf(env)
        .map((s) => s.name)
        .sort(),
    ).toEqual(['APP_SECRET', 'DB_PASSWORD', 'PGPASSWORD', 'STRIPE_KEY', 'TOKEN', 'deploy_token']);
  });

  test('variables named by the caller (a runner key variable, nightshift.yaml secrets.env) whatever their names', () => {
    const env = {
      LLM_CREDENTIAL: 'cred-0123456789',
      DATABASE_URL: 'postgres://u:pw@db/x',
      OTHER: 'not-a-secret-at-all',
    };
    expect(
      secretsOf(env, ['LLM_CREDENTIAL', 'DATABASE_URL', 'MISSING'])
        .map((s) => s.name)
        .sort(),
    ).toEqual(['DATABASE_URL', 'LLM_CREDENTIAL']);
  });

  test('settings and short values are not secrets; one entry per value, longest first', () => {
    const env = {
      USE_TOKEN: 'true',
      PIN_KEY: 'abc',
      A_KEY: 'same-value-123',
      B_KEY: 'same-value-123',
      LONG_KEY: 'a-much-longer-value-456',
    };
    expect(secretsOf(env)).toEqual([
      { name: 'LONG_KEY', value: 'a-much-longer-value-456' },
      { name: 'A_KEY', value: 'same-value-123' },
    ]);
  });
});

describe('redact', () => {
  const secrets = secretsOf({ OPENAI_API_KEY: KEY_58, PIN_PASSWORD: 'hunter2' });

  test('a whole secret becomes [redacted:NAME]', () => {
    expect(redact(`auth with ${KEY_58} failed; pw hunter2`, secrets)).toBe(
      'auth with [redacted:OPENAI_API_KEY] failed; pw [redacted:PIN_PASSWORD]',
    );
  });

  test('so does any run of 8 or more of its characters, wherever it stands', () => {
    const start = KEY_58.slice(0, 30);
    const middle = KEY_58.slice(20, 28);
    const end = KEY_58.slice(-12);
    const text = `a ${start}\nb ${middle} c\n${end}`;
    const out = redact(text, secrets);
    expect(out).toBe('a [redacted:OPENAI_API_KEY]\nb [redacted:OPENAI_API_KEY] c\n[redacted:OPENAI_API_KEY]');
    expect(piecesIn(out, KEY_58)).toEqual([]);
  });

  test('a key split over two lines by another program: both halves go', () => {
    const text = `error: ${KEY_58.slice(0, 25)}\n${KEY_58.slice(25)} rejected`;
    expect(redact(text, secrets)).toBe('error: [redacted:OPENAI_API_KEY]\n[redacted:OPENAI_API_KEY] rejected');
  });

  test('fewer than 8 characters of a secret in the middle of a text stay: they are ordinary text', () => {
    expect(redact(`prefix ${KEY_58.slice(0, 7)} suffix`, secrets)).toBe(`prefix ${KEY_58.slice(0, 7)} suffix`);
  });

  test('no secrets: the text as it was', () => {
    expect(redact(`x ${KEY_58}`, [])).toBe(`x ${KEY_58}`);
  });
});

describe('cuts', () => {
  const secrets = secretsOf({ OPENAI_API_KEY: KEY_58 });
  const line = `${'x'.repeat(200)} key=${KEY_58} ${'z'.repeat(369)}`;

  test('keepTail: redacted before it is cut, so a cut inside the key leaves none of it (the reported case: 30 of 58 characters kept)', () => {
    // the plain cut would keep the key's last 30 characters
    expect(line.slice(-400).startsWith(KEY_58.slice(-30))).toBe(true);
    const kept = keepTail(line, 400, secrets);
    expect(piecesIn(kept, KEY_58)).toEqual([]);
    expect(kept.startsWith('…')).toBe(true);
    expect(kept.length).toBeLessThanOrEqual(401);
  });

  test('keepTail never splits a marker: it keeps it whole or leaves it out', () => {
    const kept = keepTail(line, 380, secrets);
    expect(kept).toBe(`… ${'z'.repeat(369)}`);
    expect(keepTail(line, 395, secrets)).toBe(`…[redacted:OPENAI_API_KEY] ${'z'.repeat(369)}`);
  });

  test('keepHead: a cut inside the key at the end leaves none of it', () => {
    const body = `${'e'.repeat(270)}${KEY_58}${'f'.repeat(100)}`;
    expect(body.slice(0, 300).endsWith(KEY_58.slice(0, 30))).toBe(true);
    const kept = keepHead(body, 300, secrets);
    expect(piecesIn(kept, KEY_58)).toEqual([]);
    expect(kept).toBe(`${'e'.repeat(270)}[redacted:OPENAI_API_KEY]fffff…`);
    expect(keepHead(body, 280, secrets)).toBe(`${'e'.repeat(270)}…`);
  });

  test('wherever the cut falls, in the key or beside it, no piece of it is kept and the text is not longer than asked (plus the mark)', () => {
    for (let before = 0; before <= 80; before++) {
      const text = `${'a'.repeat(before)}${KEY_58}${'b'.repeat(80 - before)}`;
      for (const max of [10, 40, 64, 100]) {
        const head = keepHead(text, max, secrets);
        const tail = keepTail(text, max, secrets);
        expect(piecesIn(head, KEY_58), `keepHead ${before}/${max}`).toEqual([]);
        expect(piecesIn(tail, KEY_58), `keepTail ${before}/${max}`).toEqual([]);
        expect(head.length).toBeLessThanOrEqual(max + 1);
        expect(tail.length).toBeLessThanOrEqual(max + 1);
      }
    }
  });

  test('short texts are only redacted, not marked as cut', () => {
    expect(keepHead(`k ${KEY_58}`, 300, secrets)).toBe('k [redacted:OPENAI_API_KEY]');
    expect(keepTail(`k ${KEY_58}`, 300, secrets)).toBe('k [redacted:OPENAI_API_KEY]');
  });

  test('a text that was cut before it got here: a short end of a secret at its start, or start at its end, is the secret', () => {
    const fragment = `${KEY_58.slice(-5)} middle ${KEY_58.slice(0, 5)}`;
    expect(redactFragment(fragment, secrets)).toBe('[redacted:OPENAI_API_KEY] middle [redacted:OPENAI_API_KEY]');
    // only at the edges that were cut
    expect(redactFragment(fragment, secrets, { end: true })).toBe(
      `${KEY_58.slice(-5)} middle [redacted:OPENAI_API_KEY]`,
    );
    // 3 characters are too few to tell from ordinary text
    expect(redactFragment(`${KEY_58.slice(-3)} x`, secrets)).toBe(`${KEY_58.slice(-3)} x`);
  });
});
