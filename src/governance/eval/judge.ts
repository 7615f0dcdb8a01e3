import type { CaseChecks } from './case-schema.js';
import { shapeOf } from './output-shape.js';

/**
 * Does one eval run pass? Against the case's own checks always, and against
 * the stored baseline when there is one: status changed, format broken or
 * changed, length off by more than half. A required phrase that is gone is
 * caught by the case's own `required`, with or without a baseline. Each failure is one sentence with
 * what was expected and what came. Pure.
 */
export const LENGTH_TOLERANCE = 0.5;

export interface Baseline {
  text: string;
  status: string;
}

export interface RunSeen {
  /** the run record's status (the harness's verdict, e.g. TOO_LARGE, BAD_FORMAT) */
  status: string;
  /** the output file's text; null when the run wrote none */
  text: string | null;
}

function has(text: string, phrase: string): boolean {
  return text.toLowerCase().includes(phrase.toLowerCase());
}

export function judgeRun(checks: CaseChecks, run: RunSeen, baseline: Baseline | null): string[] {
  const failures: string[] = [];
  const text = run.text ?? '';
  const shape = shapeOf(text);
  if (run.status !== checks.expect_status) failures.push(`status ${run.status}, expected ${checks.expect_status}`);
  if (run.text === null) failures.push('the run wrote no output');
  for (const phrase of checks.required)
    if (!has(text, phrase)) failures.push(`required phrase missing: ${JSON.stringify(phrase)}`);
  for (const phrase of checks.forbidden)
    if (has(text, phrase)) failures.push(`forbidden phrase present: ${JSON.stringify(phrase)}`);
  if (checks.bullets !== undefined && shape.bullets !== checks.bullets)
    failures.push(`${shape.bullets} bullets, expected ${checks.bullets}`);
  if (checks.max_words !== undefined && shape.words > checks.max_words)
    failures.push(`${shape.words} words, expected at most ${checks.max_words}`);
  if (baseline) failures.push(...againstBaseline(run, shape, baseline, checks));
  return failures;
}

function againstBaseline(
  run: RunSeen,
  shape: ReturnType<typeof shapeOf>,
  baseline: Baseline,
  checks: CaseChecks,
): string[] {
  const failures: string[] = [];
  const base = shapeOf(baseline.text);
  // a status that already fails expect_status is said once
  if (run.status !== baseline.status && run.status === checks.expect_status)
    failures.push(`status changed since the baseline: ${baseline.status} → ${run.status}`);
  if (base.status !== null && shape.status === null)
    failures.push('format broken: the STATUS/END_OF_RUN trailer is gone (the baseline had it)');
  if (base.bullets !== shape.bullets && checks.bullets === undefined)
    failures.push(`format changed: ${shape.bullets} bullets, the baseline had ${base.bullets}`);
  if (base.headings.join('\n') !== shape.headings.join('\n')) {
    failures.push(
      `format changed: headings ${JSON.stringify(shape.headings)}, the baseline had ${JSON.stringify(base.headings)}`,
    );
  }
  if (base.words > 0) {
    const off = Math.abs(shape.words - base.words) / base.words;
    if (off > LENGTH_TOLERANCE)
      failures.push(
        `length off by ${Math.round(off * 100)}% from the baseline: ${shape.words} words, the baseline had ${base.words}`,
      );
  }
  return failures;
}
