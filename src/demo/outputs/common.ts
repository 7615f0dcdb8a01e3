import { formatSize } from '../../agents/index.js';
import type { Rng } from '../prng.js';

/**
 * What every output renderer is given: the run's moment in local terms, its
 * status (already decided by the story), a variant for scripted episodes
 * (a newsletter storm, a quiet Sunday) and its own random stream.
 */
export interface OutputContext {
  agent: string;
  status: string;
  variant: string | null;
  /** when the run started */
  at: Date;
  /** YYYY-MM-DD, local */
  date: string;
  /** "Sun 22 Nov 2026" */
  longDay: string;
  /** HH:MM, local */
  time: string;
  inputFile: string;
  inputSize: number;
  maxInputBytes: number;
  rng: Rng;
  /** the generator's seed, for values that must agree between runs (last week's totals are this week's "last week") */
  seed: number;
  /** a value an episode needs to quote (a timestamp, a count) */
  detail?: string;
}

/** null: the run leaves no output file (limit hit, runner failed, crashed, skipped; DESIGN §3). */
export type Renderer = (ctx: OutputContext) => string | null;

export function trailer(status: string): string {
  return `STATUS: ${status}\nEND_OF_RUN\n`;
}

/** What the harness writes itself when preflight finds the input missing or empty. */
export function harnessEmpty(line: string): string {
  return `${line}\n${trailer('EMPTY')}`;
}

/** What the harness writes itself when preflight finds the input over max_bytes. */
export function harnessTooLarge(ctx: OutputContext): string {
  return `Input ${ctx.inputFile} is ${formatSize(ctx.inputSize)} (${ctx.inputSize} bytes), over the ${formatSize(ctx.maxInputBytes)} limit: not read.\n${trailer('TOO_LARGE')}`;
}

export function numbered(lines: string[]): string {
  return lines.map((line, i) => `${i + 1}. ${line}`).join('\n');
}

export function bullets(lines: string[]): string {
  return lines.map((line) => `- ${line}`).join('\n');
}

export function pct(now: number, before: number): string {
  if (before === 0) return 'n/a';
  const change = ((now - before) / before) * 100;
  return `${change >= 0 ? '+' : ''}${change.toFixed(1)}%`;
}

export function thousands(n: number): string {
  return n.toLocaleString('en-US');
}
