import type { HomePaths } from '../../home/index.js';
import { readEvalHistory } from './history.js';
import { agentTrends, type CaseTrend, HISTORY_EVALS, scoreText } from './trend.js';

/**
 * `nightshift eval --history <agent>`: per case, the content scores of its
 * last evals (oldest → newest) as a sparkline and as figures, their median,
 * the last one against the case's threshold, and the judge's scores (0–10)
 * over the same evals, with its last one against its minimum.
 */
export interface EvalHistory {
  agent: string;
  last: number;
  cases: CaseTrend[];
}

export async function evalHistory(paths: HomePaths, agent: string, last = HISTORY_EVALS): Promise<EvalHistory> {
  return { agent, last, cases: agentTrends(await readEvalHistory(paths, agent), last) };
}

export function renderEvalHistory(history: EvalHistory): string {
  if (history.cases.length === 0)
    return `${history.agent}: no eval recorded yet in logs/evals.jsonl: run \`nightshift eval ${history.agent}\``;
  const out = [
    `${history.agent}: content scores of the last ${history.last} evals per case, oldest → newest (1 = says what the baseline says; · = no score)`,
  ];
  const width = Math.max(...history.cases.map((c) => c.case.length), 4);
  for (const c of history.cases) {
    const threshold = c.min_similarity === null ? '' : `  min ${c.min_similarity}`;
    const judge =
      c.judge === null
        ? ''
        : `  judge ${c.judge.sparkline} ${c.judge.score === null ? '?' : c.judge.score}/10 (min ${c.judge.min_score})`;
    out.push(
      `${c.passed ? 'PASS' : 'FAIL'}  ${c.case.padEnd(width)}  ${c.sparkline.padEnd(history.last)}  ` +
        `median ${scoreText(c.median)}  last ${scoreText(c.last)}${threshold}${judge}`,
    );
    out.push(`      ${' '.repeat(width)}  ${c.scores.map(scoreText).join(' ')}`);
  }
  return out.join('\n');
}
