import { describe, expect, test } from 'vitest';
import { emptyLineFromPrompt, emptyOutput, preflightStopOutput } from '../../src/harness/stop-output.js';
import { exampleAgent } from '../../src/home/templates/example-agent.js';

describe('the outputs preflight writes', () => {
  test('the empty line comes from the stop condition in the prompt (block form, quoted or not)', () => {
    const block =
      'Stop conditions:\n- If /tmp/daily-log.txt is empty or missing, output:\nDay summary ({date}): (no activity logged)\nSTATUS: EMPTY\nEND_OF_RUN\n';
    expect(emptyLineFromPrompt(block)).toBe('Day summary ({date}): (no activity logged)');
    const quoted = '- If it is empty, write:\n"Day summary ({date}): (no activity logged)"\nSTATUS: EMPTY\n';
    expect(emptyLineFromPrompt(quoted)).toBe('Day summary ({date}): (no activity logged)');
  });

  test('one-line form, as in the example agent `nightshift init` writes', () => {
    expect(emptyLineFromPrompt(exampleAgent('me', 'UTC'))).toBe('Day summary ({date}): (no activity logged)');
  });

  test('an instruction right before STATUS: EMPTY is not output', () => {
    expect(emptyLineFromPrompt('- If empty, output:\nSTATUS: EMPTY\nEND_OF_RUN')).toBeUndefined();
    expect(emptyLineFromPrompt('no stop conditions here')).toBeUndefined();
  });

  test('empty_message wins; {date} is filled; the protocol trailer ends it', () => {
    expect(emptyOutput({ prompt: 'x', emptyMessage: 'Nothing on {date}.', date: '2026-11-24', agent: 'a' })).toBe(
      'Nothing on 2026-11-24.\nSTATUS: EMPTY\nEND_OF_RUN\n',
    );
    expect(
      emptyOutput({
        prompt: 'Day summary ({date}): (no activity logged)\nSTATUS: EMPTY',
        date: '2026-11-24',
        agent: 'a',
      }),
    ).toBe('Day summary (2026-11-24): (no activity logged)\nSTATUS: EMPTY\nEND_OF_RUN\n');
    expect(emptyOutput({ prompt: 'x', date: '2026-11-24', agent: 'digest' })).toBe(
      'digest (2026-11-24): (no activity logged)\nSTATUS: EMPTY\nEND_OF_RUN\n',
    );
  });

  test('TOO_LARGE and UNEXPECTED_INPUT say why, then the trailer', () => {
    expect(preflightStopOutput('TOO_LARGE', 'input /x is 50MB')).toBe(
      'Input /x is 50MB: not given to the model.\nSTATUS: TOO_LARGE\nEND_OF_RUN\n',
    );
  });
});
