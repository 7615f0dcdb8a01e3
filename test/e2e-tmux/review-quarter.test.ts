import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoConsole, jsonl } from './tmux.js';

/**
 * `nightshift review --quarter` at a real terminal: after the review, each agent not answered yet is asked keep,
 * tune or retire and a note; anything else is asked again, Enter skips an agent, Ctrl-D ends the asking. Each
 * answer is in logs/reviews.jsonl with its note as soon as it is given.
 */
const demo = demoConsole({ args: ['review', '--quarter'], cols: 120, rows: 40 });
const QUESTION = /^(\S+): keep, tune or retire\? \(enter skips\)\s*$/;
/** The agent of the question the screen ends with (the earlier ones stay on screen above it). */
const asked = (screen: string): string | null =>
  screen
    .trimEnd()
    .split('\n')
    .map((line) => QUESTION.exec(line)?.[1] ?? null)
    .at(-1) ?? null;

describe('review --quarter asks at the terminal', () => {
  it('asks again on a word it does not know, records an answer with its note, skips on Enter, stops on Ctrl-D', async () => {
    const reviews = join(demo.home, 'logs', 'reviews.jsonl');
    const before = jsonl(reviews).length;
    const terminal = demo.open();
    const first = asked(await terminal.waitFor((s) => asked(s) !== null))!;

    terminal.type('maybe');
    terminal.keys('Enter');
    // the same agent is asked again: the word is not an answer
    await terminal.waitFor(
      (screen) => screen.split('\n').filter((line) => line.startsWith(`${first}: keep, tune or retire?`)).length === 2,
    );
    terminal.type('retire');
    terminal.keys('Enter');
    await terminal.waitFor(/^ {2}note:\s*$/m);
    terminal.type('replaced by the weekly digest');
    terminal.keys('Enter');

    // recorded before the next question is answered
    const second = asked(await terminal.waitFor((s) => (asked(s) ?? first) !== first))!;
    const added = jsonl(reviews).slice(before);
    expect(added).toHaveLength(1);
    expect(added[0]).toMatchObject({ agent: first, answer: 'retire', note: 'replaced by the weekly digest' });
    expect(added[0]!.quarter).toMatch(/^\d{4}-Q[1-4]$/);

    terminal.keys('Enter');
    await terminal.waitFor((s) => (asked(s) ?? second) !== second);
    terminal.keys('C-d');
    await terminal.waitFor('[exit 0]');
    // the skipped agent and the one Ctrl-D left unanswered have nothing recorded
    expect(jsonl(reviews).slice(before)).toHaveLength(1);
  });
});
