import { countBullets, countWords, readProtocol } from '../../harness/index.js';
import { promptSections } from '../../agents/index.js';

/**
 * What an eval compares of an output: its declared status, its length and
 * its structure (bullets, headings, the protocol trailer) — not its exact
 * words, which change with the date and with every honest rewording. Pure;
 * bullets and words are counted as the harness counts them for output.expect.
 */
export interface OutputShape {
  /** the STATUS word, or null when the protocol trailer is missing */
  status: string | null;
  words: number;
  bullets: number;
  /** headings and "Label:" lines, outside code fences, in order */
  headings: string[];
}

export function shapeOf(text: string): OutputShape {
  const protocol = readProtocol(text);
  const body = protocol.kind === 'declared' ? protocol.body : text;
  return {
    status: protocol.kind === 'declared' ? protocol.word : null,
    words: countWords(body),
    bullets: countBullets(body),
    headings: promptSections(body).map((section) => section.title),
  };
}

/** The output without its STATUS/END_OF_RUN trailer: what its content is compared on. */
export function bodyOf(text: string): string {
  const protocol = readProtocol(text);
  return protocol.kind === 'declared' ? protocol.body : text;
}
