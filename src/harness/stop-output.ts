import { trailer } from './protocol.js';

/**
 * The output files the harness writes itself when preflight stops a run
 * before any model call (DESIGN §3 step 2): what the agent would have written
 * for that stop condition, so the review shows the run like any other. Pure.
 */

/** `{date}` in a prompt or message is the run's local date. */
export function fillDate(text: string, date: string): string {
  return text.replaceAll('{date}', date);
}

/**
 * `output.empty_message`, else the line the prompt itself gives for the empty
 * case (the non-instruction line just before `STATUS: EMPTY`), else a neutral
 * "(no activity logged)".
 */
export function emptyOutput(options: { prompt: string; emptyMessage?: string; date: string; agent: string }): string {
  const line =
    options.emptyMessage ?? emptyLineFromPrompt(options.prompt) ?? `${options.agent} ({date}): (no activity logged)`;
  return `${fillDate(line.trimEnd(), options.date)}\n${trailer('EMPTY')}`;
}

export function emptyLineFromPrompt(prompt: string): string | undefined {
  const lines = prompt.split(/\r?\n/).map((line) => line.trim());
  const statusAt = lines.findIndex((line) => /^"?STATUS:\s*EMPTY"?$/i.test(line));
  if (statusAt === -1) {
    // one-line form: `- The log is empty: write "Day summary ({date}): (no activity logged)", then STATUS: EMPTY`
    const inline = lines
      .map((line) => /["\u201C]([^"\u201D]+)["\u201D][^"\u201C]*STATUS:\s*EMPTY\b/i.exec(line))
      .find((match) => match !== null);
    return inline?.[1];
  }
  if (statusAt === 0) return undefined;
  for (let i = statusAt - 1; i >= 0; i--) {
    const line = lines[i]!;
    if (line.length === 0) continue;
    // "- If the log is empty, output:" is the instruction, not the line to output.
    if (/:$/.test(line) && /^(-|\*|\d+\.)?\s*(if|when|otherwise)\b/i.test(line)) return undefined;
    if (/^(-|\*|\d+\.)\s/.test(line)) return undefined;
    return line.replace(/^["'`](.*)["'`]$/, '$1');
  }
  return undefined;
}

/** TOO_LARGE and UNEXPECTED_INPUT: the harness's reason as the one line, then the trailer. */
export function preflightStopOutput(status: 'TOO_LARGE' | 'UNEXPECTED_INPUT', reason: string): string {
  const line = `${reason.charAt(0).toUpperCase()}${reason.slice(1)}: not given to the model.`;
  return `${line}\n${trailer(status)}`;
}
