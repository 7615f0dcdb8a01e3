/**
 * How a read went: lines that are not records are counted and a few are kept
 * as examples, so an operator can find them with `sed -n Np`, and a reader
 * never stops at one.
 */
export interface BadLineSample {
  /** 1-based line number; undefined when reading began mid-file, where line numbers are unknown */
  line: number | undefined;
  /** byte offset of the line in the (uncompressed) file */
  offset: number;
  problem: string;
}

export interface ReadStats {
  good: number;
  bad: number;
  badSamples: BadLineSample[];
}

export const MAX_BAD_SAMPLES = 5;

export function emptyStats(): ReadStats {
  return { good: 0, bad: 0, badSamples: [] };
}

export function countBad(stats: ReadStats, sample: BadLineSample): void {
  stats.bad++;
  if (stats.badSamples.length < MAX_BAD_SAMPLES) stats.badSamples.push(sample);
}

/** Blank lines (an editor's trailing newline, a stray "\r") are neither records nor damage. */
export function isBlank(text: string): boolean {
  if (text.length === 0) return true;
  const first = text.charCodeAt(0);
  // a JSON line starts with "{" or "[" or a letter; only whitespace-led lines need the slower check
  if (first !== 32 && first !== 9 && first !== 13 && first !== 10) return false;
  return text.trim().length === 0;
}

export function tooLongProblem(maxLineBytes: number): string {
  return `line longer than ${maxLineBytes} bytes: not read`;
}

export function truncatedProblem(problem: string): string {
  return `last line has no newline (cut short, or still being written): ${problem}`;
}
