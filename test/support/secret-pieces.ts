/**
 * Issue 12 §5: no piece of a secret is ever stored or sent. A "piece" is any
 * run of 8 or more of its characters; these find every one left in a text.
 */
export const PIECE = 8;

/** A 58-character key, like an OpenAI project key: long enough that a cut can leave most of it. */
export const KEY_58 = 'sk-proj-A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8S9t0U1v2W3x4Y5';

/** Every 8-character window of `secret` that occurs in `text`. */
export function piecesIn(text: string, secret: string): string[] {
  const found: string[] = [];
  for (let at = 0; at + PIECE <= secret.length; at++) {
    const window = secret.slice(at, at + PIECE);
    if (text.includes(window)) found.push(window);
  }
  return found;
}
