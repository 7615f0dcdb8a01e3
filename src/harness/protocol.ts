/**
 * The end-of-run protocol (DESIGN §3 step 4): an agent's last non-empty lines
 * are `STATUS: <WORD>` then `END_OF_RUN`. Pure: it reads text and says what
 * the agent declared; the harness decides what that means (see status.ts).
 */
export const END_OF_RUN = 'END_OF_RUN';

const STATUS_LINE = /^STATUS:[ \t]*(.*?)$/i;

export type ProtocolReading =
  /** the trailer is there: `word` as written, upper-cased; `body` is everything before the STATUS line */
  | { kind: 'declared'; word: string; body: string }
  /** END_OF_RUN is missing, or is not the last non-empty line */
  | { kind: 'no-end'; detail: string }
  /** END_OF_RUN is last, but the line before it is not a STATUS line */
  | { kind: 'no-status'; detail: string };

export function readProtocol(output: string): ProtocolReading {
  const lines = output.split(/\r?\n/).map((line) => line.trim());
  const nonEmpty = lineIndexes(lines);
  const lastIndex = nonEmpty[nonEmpty.length - 1];
  if (lastIndex === undefined) return { kind: 'no-end', detail: 'the output is empty' };
  if (lines[lastIndex] !== END_OF_RUN) {
    const endAt = lines.lastIndexOf(END_OF_RUN);
    if (endAt === -1)
      return { kind: 'no-end', detail: `no ${END_OF_RUN} line; the last line is ${quote(lines[lastIndex]!)}` };
    const after = nonEmpty.filter((index) => index > endAt).length;
    return { kind: 'no-end', detail: `${END_OF_RUN} is followed by ${after} more line${after === 1 ? '' : 's'}` };
  }
  const statusIndex = nonEmpty[nonEmpty.length - 2];
  const match = statusIndex === undefined ? null : STATUS_LINE.exec(lines[statusIndex]!);
  if (statusIndex === undefined || !match) {
    const before = statusIndex === undefined ? 'nothing' : quote(lines[statusIndex]!);
    return { kind: 'no-status', detail: `${END_OF_RUN} is not preceded by a STATUS: line (found ${before})` };
  }
  const rawLines = output.split(/\r?\n/);
  return { kind: 'declared', word: match[1]!.trim().toUpperCase(), body: rawLines.slice(0, statusIndex).join('\n') };
}

function lineIndexes(lines: string[]): number[] {
  const out: number[] = [];
  lines.forEach((line, index) => {
    if (line.length > 0) out.push(index);
  });
  return out;
}

/** Quoted and cut short: a reason names the offending line without copying a page of output. */
export function quote(text: string, max = 80): string {
  const short = text.length > max ? `${text.slice(0, max - 1)}…` : text;
  return JSON.stringify(short);
}

/** The trailer the harness writes into the output files it makes itself (preflight stops). */
export function trailer(status: string): string {
  return `STATUS: ${status}\n${END_OF_RUN}\n`;
}
