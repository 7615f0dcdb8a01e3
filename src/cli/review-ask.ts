import { createInterface } from 'node:readline/promises';
import type { QuarterReview } from '../governance/index.js';

/**
 * The quarterly review's answers asked at the terminal: after the review is
 * printed, each agent not answered yet for the quarter is asked keep, tune or
 * retire and a note; an empty answer skips it. Only when both ends are a
 * terminal and no --answer was given: scripts and pipes get the review alone.
 * Each answer is handed to `record` as soon as its note is given, so a
 * Ctrl-C half-way loses none of those already given. Returns how many.
 */
export async function askAnswers(
  review: QuarterReview,
  record: (given: { answer: string; note: string }) => Promise<void>,
): Promise<number> {
  const pending = review.agents.filter((agent) => agent.answer === null);
  if (pending.length === 0) return 0;
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  let given = 0;
  // lines through the iterator, which queues what was typed ahead; Ctrl+D ends the asking, what was answered is kept
  const lines = rl[Symbol.asyncIterator]();
  const ask = async (question: string): Promise<string | null> => {
    process.stdout.write(question);
    const next = await lines.next();
    return next.done ? null : String(next.value);
  };
  try {
    for (const agent of pending) {
      let answer: string | null = '';
      for (;;) {
        answer = (await ask(`${agent.name}: keep, tune or retire? (enter skips) `))?.trim().toLowerCase() ?? null;
        if (answer === null || answer === '' || answer === 'keep' || answer === 'tune' || answer === 'retire') break;
      }
      if (answer === null) break;
      if (answer === '') continue;
      const note = await ask('  note: ');
      if (note === null) break;
      await record({ answer: `${agent.name}=${answer}`, note: note.trim() });
      given++;
    }
  } finally {
    rl.close();
  }
  return given;
}
