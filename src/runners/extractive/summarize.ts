import { fillDate, findTemplate, renderSummary } from './format.js';
import { checkLines, contentOf, showLine } from './line-shape.js';
import { topLines } from './rank.js';

/** What the extractive runner read: the text, or why there is none to summarize. */
export type InputText =
  { kind: 'text'; text: string } | { kind: 'empty' } | { kind: 'too-large'; maxBytes: number } | { kind: 'not-text' };

export interface SummarizeOptions {
  /** the prompt whose output-format block is followed (the system prompt, {date} filled or not) */
  prompt: string;
  /** the run's local date, YYYY-MM-DD */
  date: string;
  bullets: number;
  maxWords?: number;
}

const MAX_ANOMALIES_SHOWN = 10;

/**
 * The whole summarizer, pure: input text in, output chunks out. The status
 * words are the protocol's (DESIGN §3): OK, PARTIAL (malformed lines, or
 * fewer usable lines than bullets), EMPTY, TOO_LARGE, UNEXPECTED_INPUT.
 */
export function summarize(input: InputText, options: SummarizeOptions): { chunks: string[]; status: string } {
  const template = findTemplate(options.prompt);
  const header = fillDate(template.header, options.date);
  const base = {
    header,
    marker: template.marker,
    bullets: [],
    anomalies: [],
    notes: [],
    ...(options.maxWords ? { maxWords: options.maxWords } : {}),
  };

  if (input.kind === 'empty') return done({ ...base, header: `${header} (no activity logged)`, status: 'EMPTY' });
  if (input.kind === 'too-large') {
    return done({
      ...base,
      notes: [`The input is larger than ${input.maxBytes} bytes: not summarized.`],
      status: 'TOO_LARGE',
    });
  }
  if (input.kind === 'not-text')
    return done({
      ...base,
      notes: ['The input is not text (it holds NUL bytes): not summarized.'],
      status: 'UNEXPECTED_INPUT',
    });

  const { verdicts } = checkLines(input.text.split(/\r?\n/).map((line) => line.trimEnd()));
  if (verdicts.length === 0) return done({ ...base, header: `${header} (no activity logged)`, status: 'EMPTY' });
  const good = verdicts.filter((line) => !line.problem);
  const bad = verdicts.filter((line) => line.problem);
  const chosen = topLines(
    good.map((line) => contentOf(line.text)),
    options.bullets,
  ).map((ranked) => good[ranked.position]!.text.trim().replace(/\s+/g, ' '));
  const anomalies = bad
    .slice(0, MAX_ANOMALIES_SHOWN)
    .map((line) => `line ${line.index}: "${showLine(line.text)}" (${line.problem})`);
  if (bad.length > MAX_ANOMALIES_SHOWN) anomalies.push(`… and ${bad.length - MAX_ANOMALIES_SHOWN} more`);
  const notes =
    chosen.length < options.bullets
      ? [`Only ${chosen.length} usable line${chosen.length === 1 ? '' : 's'} in the log.`]
      : [];
  const status = bad.length > 0 || chosen.length < options.bullets ? 'PARTIAL' : 'OK';
  return done({ ...base, bullets: chosen, anomalies, notes, status });
}

function done(parts: Parameters<typeof renderSummary>[0]): { chunks: string[]; status: string } {
  return { chunks: renderSummary(parts), status: parts.status };
}
