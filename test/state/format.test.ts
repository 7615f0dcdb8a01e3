import { describe, expect, it, test } from 'vitest';
import { CorruptFileError } from '../../src/shared/errors.js';
import { defaultState, formatState } from '../../src/state/index.js';
import { CORRUPT_STATE_FIX, parseStateText } from '../../src/state/format.js';
import { agentEntrySchema, globalStopSchema, stateFileSchema } from '../../src/state/schema.js';
import { holdFormatToOracle } from '../support/format-check.js';
import { agentEntryOracle, globalStopOracle, stateFileOracle } from '../support/zod-oracles.js';

const FILE = '/home/aycee/.bot-infrastructure/state.json';

function corruptError(text: string): CorruptFileError {
  try {
    parseStateText(text, FILE);
  } catch (error) {
    expect(error).toBeInstanceOf(CorruptFileError);
    return error as CorruptFileError;
  }
  throw new Error(`expected ${JSON.stringify(text)} to be refused`);
}

describe('parseStateText', () => {
  it('reads back what formatState writes, pretty-printed with a final newline', () => {
    const state = {
      ...defaultState(),
      agents: {
        'inbox-digest': {
          state: 'paused' as const,
          reason: 'cost',
          since: '2026-11-20T08:00:00.000Z',
          by: 'aycee',
          paused_until: null,
        },
      },
    };
    const text = formatState(state);
    expect(text).toMatch(/^\{\n {2}"v": 1,\n/);
    expect(text.endsWith('}\n')).toBe(true);
    expect(parseStateText(text, FILE)).toEqual(state);
  });

  it('accepts an agent entry without paused_until (hand-written) and fills null', () => {
    const text =
      '{"v":1,"global":{"stopped":false,"since":null,"by":null,"reason":null},"agents":{"a":{"state":"disabled","reason":null,"since":null,"by":null}}}';
    expect(parseStateText(text, FILE).agents.a?.paused_until).toBeNull();
  });

  it('invalid JSON: names the file, the parse position as line and column, and the fix', () => {
    const error = corruptError('{\n  "v": 1,\n  oops\n}');
    expect(error.message).toContain(FILE);
    expect(error.message).toMatch(/not valid JSON: .*position 14 \(line 3, column 3\)/);
    expect(error.file).toBe(FILE);
    expect(error.fix).toBe(CORRUPT_STATE_FIX);
    expect(error.cause).toBeInstanceOf(SyntaxError);
    expect(error.exitCode).toBe(3);
  });

  it('an empty file says so', () => {
    expect(corruptError('').message).toBe(`${FILE}: is empty`);
  });

  it('wrong shape: names the zod path of the first problem and lists them all', () => {
    const error = corruptError(
      '{"v":1,"global":{"stopped":false,"since":null,"by":null,"reason":null},' +
        '"agents":{"inbox-digest":{"state":"sleeping","reason":null,"since":null,"by":null}}}',
    );
    expect(error.field).toBe('agents.inbox-digest.state');
    expect(error.message).toContain('at agents.inbox-digest.state');
    expect(error.fix).toBe(CORRUPT_STATE_FIX);
  });

  it('refuses unknown keys (a typo must not drop a pause) and bad agent names', () => {
    expect(
      corruptError(
        '{"v":1,"global":{"stopped":false,"since":null,"by":null,"reason":null},' +
          '"agents":{"a":{"state":"paused","reason":null,"since":null,"by":null,' +
          '"paused_untill":"2026-12-01T00:00:00Z"}}}',
      ).actual,
    ).toContain('paused_untill');
    expect(
      corruptError(
        '{"v":1,"global":{"stopped":false,"since":null,"by":null,"reason":null},"agents":{"../x":{"state":"paused","reason":null,"since":null,"by":null}}}',
      ).actual,
    ).toContain('agents');
    expect(corruptError('[]').field).toBe('(root)');
  });

  it('a newer format version is refused with "upgrade", whatever its shape', () => {
    const error = corruptError('{"v":2,"operators":{}}');
    expect(error.message).toContain('newer nightshift (state format v2)');
    expect(error).toMatchObject({ field: 'v', expected: '1', actual: '2' });
    expect(error.fix).toMatch(/^upgrade nightshift/);
  });
});

describe('the state.json format holds to the zod schema it replaced', () => {
  const pick = <T>(random: () => number, list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  // times as the harness writes them, and as a person types them into the file
  const time = (random: () => number) =>
    pick(random, [
      new Date(Date.UTC(2026, 10, 1) + Math.floor(random() * 1e9)).toISOString(),
      '2026-12-01T08:00:00+01:00',
      '2026-12-01',
      'Dec 1 2026',
    ]);
  const entry = (random: () => number): Record<string, unknown> => {
    const paused = random() < 0.5;
    return {
      state: pick(random, ['enabled', 'paused', 'disabled']),
      reason: random() < 0.5 ? null : 'cost',
      since: random() < 0.2 ? null : time(random),
      by: random() < 0.2 ? null : 'aycee',
      // left out by hand: the format fills null
      ...(random() < 0.3 ? {} : { paused_until: paused && random() < 0.5 ? time(random) : null }),
    };
  };
  const stop = (random: () => number): Record<string, unknown> => {
    const stopped = random() < 0.3;
    return {
      stopped,
      since: stopped ? time(random) : null,
      by: stopped ? 'sam' : null,
      reason: stopped && random() < 0.5 ? 'quota' : null,
    };
  };
  const state = (random: () => number): Record<string, unknown> => {
    const agents: Record<string, unknown> = {};
    const names = ['inbox-digest', 'nightly', 'weekly-metrics-2', '0day', 'constructor'];
    for (const name of names) if (random() < 0.4) agents[name] = entry(random);
    return { v: 1, global: stop(random), agents };
  };

  test('the whole file, an agent entry and the global stop: the same verdicts and values', () => {
    expect(
      holdFormatToOracle({ format: stateFileSchema, oracle: stateFileOracle, make: state, seed: 71 }),
    ).toBeGreaterThan(100);
    expect(
      holdFormatToOracle({ format: agentEntrySchema, oracle: agentEntryOracle, make: entry, seed: 72 }),
    ).toBeGreaterThan(300);
    expect(
      holdFormatToOracle({ format: globalStopSchema, oracle: globalStopOracle, make: stop, seed: 73 }),
    ).toBeGreaterThan(300);
  });

  test('a bad agent name or a bad entry deep in agents: the same verdict as zod', () => {
    const good = state(() => 0.1);
    const cases: unknown[] = [
      { ...good, agents: { '../x': entry(() => 0.1) } },
      { ...good, agents: { Inbox: entry(() => 0.1) } },
      { ...good, agents: { ['a'.repeat(64)]: entry(() => 0.1) } },
      { ...good, agents: { ['a'.repeat(63)]: entry(() => 0.1) } },
      { ...good, agents: { a: { ...entry(() => 0.1), paused_untill: null } } },
      { ...good, agents: { a: { ...entry(() => 0.1), since: 'yesterday' } } },
      { ...good, agents: [] },
      { ...good, agents: null },
    ];
    for (const value of cases)
      expect(stateFileSchema.safeParse(value).success, JSON.stringify(value)).toBe(
        stateFileOracle.safeParse(value).success,
      );
    // one deliberate difference: zod dropped an agent named __proto__ without a word; the format refuses it like any bad name
    const proto = JSON.parse(`{"v":1,"global":${JSON.stringify(good.global)},"agents":{"__proto__":{}}}`) as unknown;
    expect(stateFileOracle.safeParse(proto).success).toBe(true);
    expect(stateFileSchema.safeParse(proto)).toMatchObject({ success: false, error: { field: 'agents.__proto__' } });
  });
});

describe('what a hand-edited state.json is told', () => {
  const global = '{"stopped":false,"since":null,"by":null,"reason":null}';

  it('a misspelt key: its path, and the keys the entry may have', () => {
    const error = corruptError(
      `{"v":1,"global":${global},"agents":{"nightly":` +
        `{"state":"paused","reason":null,"since":null,"by":null,"paused_untill":"2026-12-01T00:00:00Z"}}}`,
    );
    expect(error.message).toBe(
      `${FILE}: does not match the state format at agents.nightly.paused_untill: ` +
        'expected one of the keys state, reason, since, by, paused_until, got the unknown key "paused_untill"',
    );
    expect(error).toMatchObject({ field: 'agents.nightly.paused_untill', fix: CORRUPT_STATE_FIX });
    expect(
      corruptError(`{"v":1,"global":{"stoped":true,"since":null,"by":null,"reason":null},"agents":{}}`).field,
    ).toBe('global.stoped');
    expect(corruptError(`{"v":1,"global":${global},"agents":{},"agent":{}}`).field).toBe('agent');
  });

  it('a bad agent name: the key, and what an agent name is', () => {
    const error = corruptError(
      `{"v":1,"global":${global},"agents":{"Nightly":{"state":"paused","reason":null,"since":null,"by":null}}}`,
    );
    expect(error.message).toBe(
      `${FILE}: does not match the state format at agents.Nightly: ` +
        'expected an agent name (lowercase letters, digits, dashes), got the key "Nightly"',
    );
    expect(error.field).toBe('agents.Nightly');
  });

  it('takes any time Date.parse reads, as before; refuses one it does not', () => {
    const text =
      `{"v":1,"global":${global},"agents":{"a":{"state":"paused","reason":null,` +
      `"since":"2026-12-01T08:00:00+01:00","by":"aycee","paused_until":"2026-12-02"}}}`;
    expect(parseStateText(text, FILE).agents.a).toMatchObject({
      since: '2026-12-01T08:00:00+01:00',
      paused_until: '2026-12-02',
    });
    expect(corruptError(text.replace('2026-12-02', 'next tuesday')).message).toContain(
      'at agents.a.paused_until: expected an ISO 8601 time or null, got "next tuesday"',
    );
  });
});
