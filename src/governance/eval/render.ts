import type { CaseResult, EvalReport } from './run-evals.js';

const BASELINE_WORDS: Record<CaseResult['baseline'], string> = {
  compared: 'vs baseline',
  stored: 'baseline stored',
  none: 'no baseline yet',
  'not-stored': 'baseline not stored',
};

/** One line per case, failures under it; then what the drift alert did. */
export function renderEval(report: EvalReport): string {
  const out: string[] = [];
  const width = Math.max(...report.cases.map((c) => c.case.length), 4);
  for (const c of report.cases) {
    const mark = c.passed ? 'PASS' : 'FAIL';
    const baseline = BASELINE_WORDS[c.baseline];
    const content = c.similarity === null ? '' : `  content ${c.similarity.toFixed(3)}`;
    const judged = c.judge === null ? '' : `  judge ${c.judge.score === null ? '?' : c.judge.score}/10`;
    const score = `${content}${judged}`;
    out.push(
      `${mark}  ${c.case.padEnd(width)}  ${c.status.padEnd(16)} ${String(c.words).padStart(5)} words  ` +
        `${baseline}${score}${c.output_file ? `  → ${c.output_file}` : ''}`,
    );
    for (const failure of c.failures) out.push(`        ${failure}`);
  }
  const failed = report.cases.filter((c) => !c.passed).length;
  out.push(
    failed === 0
      ? `${report.agent}: all ${report.cases.length} cases pass`
      : `${report.agent}: ${failed} of ${report.cases.length} cases fail`,
  );
  if (report.cases.some((c) => c.baseline === 'none'))
    out.push(
      `some cases have no baseline yet: store the outputs you accept with \`nightshift eval ${report.agent} --baseline\``,
    );
  if (report.alert === 'open') out.push(`alert opened: drift:${report.agent}`);
  if (report.alert === 'resend') out.push(`alert sent again: drift:${report.agent}`);
  if (report.alert === 'update') out.push(`alert text updated (not sent again): drift:${report.agent}`);
  if (report.alert === 'resolve') out.push(`alert resolved: drift:${report.agent}`);
  out.push(
    'results appended to logs/evals.jsonl; eval runs are journaled in logs/eval-runs.jsonl, not in the production trail',
  );
  return out.join('\n');
}
