import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { authenticate, signBody } from '../../src/daemon/webhook/sign.js';

/** The rules of webhook authentication, on a fixed clock (no dependence on today's date). */
const SECRET = 's3cret';
const NOW = Date.UTC(2026, 0, 15, 12, 0, 0);
const body = Buffer.from('{"a":1}');
const seconds = (ms: number) => String(Math.floor(ms / 1000));

describe('webhook authentication', () => {
  it('signs as GitHub does: sha256= and the HMAC-SHA256 of the raw body', () => {
    const github = `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`;
    expect(signBody(SECRET, body)).toBe(github);
    expect(
      authenticate({ body, signature: github, authorization: undefined, timestamp: undefined }, SECRET, NOW),
    ).toEqual({ ok: true, by: 'signature' });
  });

  it('refuses a signature of other bytes, another secret, or a cut one', () => {
    const ask = (signature: string) =>
      authenticate({ body, signature, authorization: undefined, timestamp: undefined }, SECRET, NOW);
    expect(ask(signBody(SECRET, Buffer.from('{"a":2}')))).toEqual({ ok: false, reason: 'bad_signature' });
    expect(ask(signBody('other', body))).toEqual({ ok: false, reason: 'bad_signature' });
    expect(ask(signBody(SECRET, body).slice(0, -2))).toEqual({ ok: false, reason: 'bad_signature' });
    expect(ask('')).toEqual({ ok: false, reason: 'bad_signature' });
  });

  it('signs the timestamp with the body and refuses one more than 5 minutes away, either way', () => {
    const at = (offsetMs: number) => {
      const timestamp = seconds(NOW + offsetMs);
      return authenticate(
        { body, signature: signBody(SECRET, body, timestamp), authorization: undefined, timestamp },
        SECRET,
        NOW,
      );
    };
    expect(at(0)).toEqual({ ok: true, by: 'signature' });
    expect(at(-299_000)).toEqual({ ok: true, by: 'signature' });
    expect(at(-301_000)).toEqual({ ok: false, reason: 'stale' });
    expect(at(301_000)).toEqual({ ok: false, reason: 'stale' });
    // the body-only signature does not cover a timestamp added later
    const timestamp = seconds(NOW);
    expect(
      authenticate({ body, signature: signBody(SECRET, body), authorization: undefined, timestamp }, SECRET, NOW),
    ).toEqual({ ok: false, reason: 'bad_signature' });
    // a timestamp that is no number is never fresh
    const junk = 'soon';
    expect(
      authenticate(
        { body, signature: signBody(SECRET, body, junk), authorization: undefined, timestamp: junk },
        SECRET,
        NOW,
      ),
    ).toEqual({ ok: false, reason: 'stale' });
  });

  it('takes the secret as a bearer token, and only the secret', () => {
    const ask = (authorization: string) =>
      authenticate({ body, signature: undefined, authorization, timestamp: undefined }, SECRET, NOW);
    expect(ask(`Bearer ${SECRET}`)).toEqual({ ok: true, by: 'bearer' });
    expect(ask(`bearer ${SECRET}`)).toEqual({ ok: true, by: 'bearer' });
    expect(ask(`Bearer ${SECRET}x`)).toEqual({ ok: false, reason: 'bad_signature' });
    expect(ask(`Basic ${SECRET}`)).toEqual({ ok: false, reason: 'bad_signature' });
    // a stale timestamp is refused with a bearer token too
    expect(
      authenticate(
        { body, signature: undefined, authorization: `Bearer ${SECRET}`, timestamp: seconds(NOW - 600_000) },
        SECRET,
        NOW,
      ),
    ).toEqual({ ok: false, reason: 'stale' });
  });
});
