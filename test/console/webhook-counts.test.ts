import { describe, expect, it } from 'vitest';
import { definitionLines } from '../../src/console/selectors/agent.js';
import { sampleFleet } from './support.js';

/** The agent view shows what the daemon's webhook listener took and refused for the agent (run/webhooks.json). */
function text(line: Array<{ text: string }>): string {
  return line.map((cell) => cell.text).join('');
}

describe('webhook counts in the agent view', () => {
  const agent = sampleFleet().find((a) => a.valid)!;

  it('says accepted and refused by reason beside the trigger, in yellow when any was refused', () => {
    const counts = {
      accepted: 3,
      refused: { bad_signature: 2, rate: 1 },
      last_accepted_at: null,
      last_refused: null,
    };
    const lines = definitionLines(agent, 0, undefined, false, counts);
    const second = lines[1]!;
    expect(text(second)).toMatch(/trigger .* · hooks 3 accepted, 3 refused \(2 bad signature, 1 rate\) · runner /);
    expect(second.find((cell) => cell.text.startsWith('3 accepted'))).toMatchObject({ color: 'yellow' });
  });

  it('adds nothing for an agent without counts', () => {
    expect(text(definitionLines(agent, 0, undefined, false, null)[1]!)).not.toContain('hooks');
  });
});
