import { describe, expect, test } from 'vitest';
import { parserFor } from '../../src/journal/record-parser.js';
import { ALERT_RULES, alertEventSchema } from '../../src/journal/records.js';
import { holdFormatToOracle } from '../support/format-check.js';
import { alertEventOracle } from '../support/zod-oracles.js';

/** An alert event as the watchdog and the harness append them. */
function makeEvent(random: () => number): Record<string, unknown> {
  const rule = ALERT_RULES[Math.floor(random() * ALERT_RULES.length)];
  const event: Record<string, unknown> = {
    v: 1,
    key: `${rule}:agent-${Math.floor(random() * 5)}`,
    event: random() < 0.6 ? 'open' : random() < 0.5 ? 'resend' : 'resolve',
    rule,
    agent: random() < 0.9 ? `agent-${Math.floor(random() * 5)}` : null,
    severity: random() < 0.5 ? 'warning' : 'critical',
    at: new Date(Date.UTC(2026, 10, 1) + Math.floor(random() * 1e9)).toISOString(),
    message: 'inbox-digest ended TIMEOUT',
  };
  if (random() < 0.6) event.details = { status: 'TIMEOUT', run_id: 'r1', cost_usd: 0.12, nested: { a: [1, 2] } };
  if (random() < 0.5)
    event.channels =
      random() < 0.5 ? [{ channel: 'slack', ok: true }] : [{ channel: 'email', ok: false, error: 'ECONNREFUSED' }];
  return event;
}

describe('the alert event format', () => {
  test('accepts only events zod accepted, and returns them as zod did; most as they are', () => {
    expect(
      holdFormatToOracle({ format: alertEventSchema, oracle: alertEventOracle, make: makeEvent, seed: 41 }),
    ).toBeGreaterThan(600);
  });

  test('the alerts journal reader gives zod\u2019s verdict line for line', () => {
    const parser = parserFor(alertEventSchema);
    const good = makeEvent(() => 0.4);
    const lines = [
      JSON.stringify(good),
      JSON.stringify({ ...good, later_field: 1 }),
      JSON.stringify({ ...good, severity: 'loud' }),
      '{not json',
    ];
    const verdicts = lines.map((line) => parser.parseLine(line));
    expect(verdicts.map((v) => v.ok)).toEqual([true, true, false, false]);
    expect(verdicts[0]).toEqual({ ok: true, record: good });
    expect(verdicts[1]).toEqual({ ok: true, record: good }); // the unknown key is left out
    expect(verdicts[2]).toEqual({ ok: false, problem: expect.stringMatching(/^severity: /) });
  });
});
