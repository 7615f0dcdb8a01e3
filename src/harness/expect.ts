import type { OutputExpect } from '../agents/index.js';

/**
 * `output.expect` (DESIGN §2): the shape an OK output must have. Pure; each
 * broken rule comes back as one phrase with expected and actual, so a
 * BAD_FORMAT record says exactly what to look at.
 *
 * - bullets: the exact number of top-level bullet lines (`- `, `* `, `+ `, `• `,
 *   at most one leading space); nested bullets are details, not bullets.
 * - max_words: words are whitespace-separated tokens with a letter or digit
 *   in them, so markdown markers (`-`, `##`) are not counted.
 * - headings: each must start some line, ignoring `#` marks, `**` and a
 *   trailing colon, case-insensitively ("Anomalies" matches `## Anomalies:`).
 */
const TOP_LEVEL_BULLET = /^ ?[-*+\u2022][ \t]+\S/;
const WORDY = /[\p{L}\p{N}]/u;

export function countBullets(body: string): number {
  return body.split(/\r?\n/).filter((line) => TOP_LEVEL_BULLET.test(line)).length;
}

export function countWords(body: string): number {
  return body.split(/\s+/).filter((token) => WORDY.test(token)).length;
}

export function checkExpect(body: string, expect: OutputExpect | undefined): string[] {
  if (!expect) return [];
  const problems: string[] = [];
  if (expect.bullets !== undefined) {
    const bullets = countBullets(body);
    if (bullets !== expect.bullets)
      problems.push(`expected ${expect.bullets} bullet${expect.bullets === 1 ? '' : 's'}, found ${bullets}`);
  }
  if (expect.max_words !== undefined) {
    const words = countWords(body);
    if (words > expect.max_words) problems.push(`expected at most ${expect.max_words} words, found ${words}`);
  }
  const lines = body.split(/\r?\n/).map(headingText);
  for (const heading of expect.headings ?? []) {
    const wanted = headingText(heading);
    if (!lines.some((line) => line.startsWith(wanted)))
      problems.push(`expected a heading ${JSON.stringify(heading)}, found none`);
  }
  return problems;
}

function headingText(line: string): string {
  return line
    .trim()
    .replace(/^#+\s*/, '')
    .replace(/^\*\*(.*?)\*\*/, '$1')
    .replace(/:$/, '')
    .trim()
    .toLowerCase();
}
