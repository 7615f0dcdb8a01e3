import type { ClaudeResult, ClaudeStreamStats } from './stream-parser.js';

export interface ClaudeVerdict {
  completed: boolean;
  reason?: string;
}

const MAX_REASON = 400;

function clip(text: string): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return one.length > MAX_REASON ? `${one.slice(0, MAX_REASON)}…` : one;
}

function exitWords(exit: { code: number | null; signal: NodeJS.Signals | null }): string {
  if (exit.signal) return `killed by ${exit.signal}`;
  return `exit ${exit.code ?? 'unknown'}`;
}

/**
 * Whether claude did its job, from the stream alone: the exit code cannot
 * tell (SIGINT makes it exit 0 with no result; an error result exits 1 with
 * one). Done = a last `result` line with is_error false.
 */
export function judgeClaudeRun(
  result: ClaudeResult | undefined,
  exit: { code: number | null; signal: NodeJS.Signals | null },
  stats: ClaudeStreamStats,
  aborted: boolean,
): ClaudeVerdict {
  if (aborted) {
    return { completed: false, reason: `stopped by the harness (${exitWords(exit)}${result ? '' : ', no result line'})` };
  }
  if (!result) {
    const notes: string[] = [];
    if (stats.malformed > 0) notes.push(`${stats.malformed} malformed line${stats.malformed === 1 ? '' : 's'} skipped`);
    if (stats.oversize > 0) notes.push(`${stats.oversize} overlong line${stats.oversize === 1 ? '' : 's'} dropped`);
    if (stats.lines === 0) notes.push('it printed nothing on stdout');
    return { completed: false, reason: `claude ended without a result line (${exitWords(exit)})${notes.length ? `; ${notes.join(', ')}` : ''}` };
  }
  if (!result.isError) return { completed: true };
  const detail = result.errors.length > 0 ? result.errors.join('; ') : undefined;
  if (result.subtype === 'error_max_turns' || result.terminalReason === 'max_turns') {
    return { completed: false, reason: clip(`claude stopped at max turns${detail ? `: ${detail}` : ''}`) };
  }
  if (result.subtype === 'error_max_budget_usd' || result.terminalReason === 'budget_exhausted') {
    return { completed: false, reason: clip(`claude stopped at its --max-budget-usd${detail ? `: ${detail}` : ''}`) };
  }
  const what = result.text ?? detail ?? result.subtype;
  return { completed: false, reason: clip(`claude reported is_error: ${what}`) };
}
