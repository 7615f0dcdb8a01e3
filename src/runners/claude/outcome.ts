import { retryableApiError } from '../retryable.js';
import { keepHead, redact, type Secret } from '../../secrets/index.js';
import type { ClaudeResult, ClaudeStreamStats } from './stream-parser.js';

export interface ClaudeVerdict {
  completed: boolean;
  reason?: string;
}

const MAX_REASON = 400;

/** One line of at most MAX_REASON characters, redacted before it is made one line and cut. */
function clip(text: string, secrets: readonly Secret[]): string {
  return keepHead(redact(text, secrets).replace(/\s+/g, ' ').trim(), MAX_REASON, secrets);
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
  secrets: readonly Secret[] = [],
): ClaudeVerdict {
  if (aborted) {
    return {
      completed: false,
      reason: `stopped by the harness (${exitWords(exit)}${result ? '' : ', no result line'})`,
    };
  }
  if (!result) {
    const notes: string[] = [];
    if (stats.malformed > 0) notes.push(`${stats.malformed} malformed line${stats.malformed === 1 ? '' : 's'} skipped`);
    if (stats.oversize > 0) notes.push(`${stats.oversize} overlong line${stats.oversize === 1 ? '' : 's'} dropped`);
    if (stats.lines === 0) notes.push('it printed nothing on stdout');
    return {
      completed: false,
      reason: `claude ended without a result line (${exitWords(exit)})${notes.length ? `; ${notes.join(', ')}` : ''}`,
    };
  }
  if (!result.isError) return { completed: true };
  const detail = result.errors.length > 0 ? result.errors.join('; ') : undefined;
  if (result.subtype === 'error_max_turns' || result.terminalReason === 'max_turns') {
    return { completed: false, reason: clip(`claude stopped at max turns${detail ? `: ${detail}` : ''}`, secrets) };
  }
  if (result.subtype === 'error_max_budget_usd' || result.terminalReason === 'budget_exhausted') {
    return {
      completed: false,
      reason: clip(`claude stopped at its --max-budget-usd${detail ? `: ${detail}` : ''}`, secrets),
    };
  }
  const what = result.text ?? detail ?? result.subtype;
  // the API's 429, 529 or overloaded_error as claude's result reports it: named first, so the reason says it may pass
  const retryable = retryableApiError(result.apiErrorStatus, `${result.text ?? ''} ${detail ?? ''}`);
  const prefix = retryable === null ? '' : `${retryable}: `;
  return { completed: false, reason: clip(`${prefix}claude reported is_error: ${what}`, secrets) };
}
