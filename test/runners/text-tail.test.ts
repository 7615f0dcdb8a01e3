import { describe, expect, test } from 'vitest';
import { TextTail } from '../../src/runners/index.js';
import { secretsOf } from '../../src/secrets/index.js';
import { KEY_58, piecesIn } from '../support/secret-pieces.js';

/** A runner's stderr tail (issue 12 §5): redacted before any of its cuts, so no piece of a key survives one. */
const secrets = secretsOf({ SERVICE_API_KEY: KEY_58 });

describe('TextTail', () => {
  test('the one-line reason keeps the last 400 characters: a cut inside the key keeps none of it', () => {
    const tail = new TextTail(4096, secrets);
    tail.addLine(`${'x'.repeat(300)} auth failed for ${KEY_58} ${'z'.repeat(369)}`);
    const said = tail.lastLines(3);
    expect(piecesIn(said, KEY_58)).toEqual([]);
    expect(said.endsWith('z'.repeat(369))).toBe(true);
  });

  test("the buffer dropped its start inside the key: its first characters are the key's end, and go", () => {
    for (const kept of [5, 30, 57]) {
      const tail = new TextTail(100, secrets);
      // the buffer is cut back to its last 100 characters once it passes 200: the cut leaves `kept` characters of the key
      tail.add('p'.repeat(150));
      tail.add(`${KEY_58}${'q'.repeat(100 - kept)}`);
      const value = tail.value();
      expect(piecesIn(value, KEY_58), `${kept} kept`).toEqual([]);
      expect(value).not.toContain(KEY_58.slice(-Math.min(kept, 5)));
      expect(value.endsWith('q'.repeat(100 - kept))).toBe(true);
    }
  });

  test('a whole key is named, so the operator knows which one leaked', () => {
    const tail = new TextTail(4096, secrets);
    tail.addLine(`denied: ${KEY_58}`);
    expect(tail.value()).toBe('denied: [redacted:SERVICE_API_KEY]');
    expect(tail.lastLines()).toBe('denied: [redacted:SERVICE_API_KEY]');
  });
});
