import { describe, expect, it } from 'vitest';
import { CorruptFileError } from '../../src/shared/errors.js';
import { defaultState, formatState } from '../../src/state/index.js';
import { CORRUPT_STATE_FIX, parseStateText } from '../../src/state/format.js';

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
