/**
 * How much of the baseline's content an eval output still says: token F1
 * over normalised words, computed here with no model and no network.
 *
 * Words: the text is put in Unicode NFKC form and lower-cased; a word is a
 * run of letters, marks and digits (\p{L}\p{M}\p{N}), so punctuation,
 * symbols and spaces only separate words, in any script.
 * With C the output's words and B the baseline's, both as multisets, and
 * |C ∩ B| the words they share (each counted min(times in C, times in B)):
 *
 *   precision P = |C ∩ B| / |C|    recall R = |C ∩ B| / |B|
 *   F1 = 2·P·R / (P + R)           (0 when nothing is shared)
 *
 * Two empty texts score 1 (nothing was lost), one empty text scores 0.
 * Order does not count: a reworded, reordered summary of the same facts
 * keeps its score, while new facts in place of the old ones lower it.
 * Linear in the texts' length. Pure.
 */
const WORD = /[\p{L}\p{M}\p{N}]+/gu;

export function normalisedWords(text: string): string[] {
  return text.normalize('NFKC').toLowerCase().match(WORD) ?? [];
}

function counts(words: readonly string[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const word of words) out.set(word, (out.get(word) ?? 0) + 1);
  return out;
}

export function tokenF1(output: string, baseline: string): number {
  const mine = normalisedWords(output);
  const theirs = normalisedWords(baseline);
  if (mine.length === 0 && theirs.length === 0) return 1;
  if (mine.length === 0 || theirs.length === 0) return 0;
  const base = counts(theirs);
  let shared = 0;
  for (const [word, n] of counts(mine)) shared += Math.min(n, base.get(word) ?? 0);
  if (shared === 0) return 0;
  const precision = shared / mine.length;
  const recall = shared / theirs.length;
  return (2 * precision * recall) / (precision + recall);
}

/** Scores are kept and shown to 3 decimals: enough to see a trend, no false precision. */
export function roundScore(score: number): number {
  return Math.round(score * 1000) / 1000;
}
