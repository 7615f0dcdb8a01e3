import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { parseAgentText } from '../../../src/agents/parse.js';
import { exampleAgent, SAMPLE_LOG } from '../../../src/home/templates/example-agent.js';
import { countWords, findTemplate } from '../../../src/runners/extractive/format.js';
import { checkLines } from '../../../src/runners/extractive/line-shape.js';
import { topLines } from '../../../src/runners/extractive/rank.js';
import { extractiveRunner } from '../../../src/runners/extractive/runner.js';
import { summarize } from '../../../src/runners/extractive/summarize.js';
import { makeAgent, makeRunnerInput, recordEvents } from '../../support/runner-harness.js';

const dir = mkdtempSync(join(tmpdir(), 'ns-extractive-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
function file(content: string | Buffer): string {
  const path = join(dir, `log-${++files}.txt`);
  writeFileSync(path, content);
  return path;
}

/** the agent `nightshift init` writes, as the loader reads it */
function exampleDefinition(overrides: (text: string) => string = (t) => t) {
  const entry = parseAgentText(overrides(exampleAgent('aycee', 'Europe/Berlin')), {
    name: 'nightly-summarizer',
    file: 'agents/nightly-summarizer.md',
    absolutePath: '/x/agents/nightly-summarizer.md',
  });
  if (!entry.ok) throw new Error(JSON.stringify(entry.problems));
  return entry.agent;
}

async function run(agent = exampleDefinition(), content: string | Buffer | null = SAMPLE_LOG) {
  const recorded = recordEvents();
  const inputPath = content === null ? join(dir, 'missing.txt') : file(content);
  const outcome = await extractiveRunner.run(
    makeRunnerInput({ agent, inputPath, date: '2026-04-18' }),
    recorded.events,
  );
  return { outcome, recorded, text: recorded.output() };
}

describe('extractive runner', () => {
  test('the sample log: the three informative lines (deploy, flaky test/race, payments bug), in the prompt format', async () => {
    const { outcome, recorded, text } = await run();
    expect(text).toBe(
      [
        'Day summary (2026-04-18):',
        '- 09:15 - Deployed v1.42 to production',
        '- 14:00 - Investigated flaky test in auth module, root-caused a race in token refresh',
        '- 16:00 - Paired with Jamie on the payments rounding bug',
        'STATUS: OK',
        'END_OF_RUN',
        '',
      ].join('\n'),
    );
    expect(recorded.chunks.length).toBeGreaterThan(1);
    expect(outcome).toMatchObject({ completed: true, exitCode: null });
    expect(outcome.usage).toEqual({
      llmCalls: 0,
      toolCalls: [],
      tokens: { input: 0, output: 0, cache_read: 0, cache_write: 0 },
      costUsd: 0,
      costBasis: 'none',
    });
  });

  test('malformed lines go under Anomalies and the status is PARTIAL', async () => {
    const log = `${SAMPLE_LOG}random garbage without a time\n25:99 - impossible time\n10:00 - a bell \u0007 rang\n`;
    const { outcome, text } = await run(undefined, log);
    expect(outcome.completed).toBe(true);
    expect(text).toContain('- 09:15 - Deployed v1.42 to production\n');
    expect(text).toContain(
      [
        'Anomalies:',
        '- line 9: "random garbage without a time" (does not match the log\'s "HH:MM - text" lines)',
        '- line 10: "25:99 - impossible time" (no such time 25:99)',
        '- line 11: "10:00 - a bell \\x07 rang" (control characters)',
        'STATUS: PARTIAL',
        'END_OF_RUN',
      ].join('\n'),
    );
  });

  test('deterministic: the same log gives the same bytes, every time', async () => {
    const outputs = await Promise.all([1, 2, 3].map(() => run().then((r) => r.text)));
    expect(new Set(outputs).size).toBe(1);
  });

  test('equal scores keep file order', () => {
    expect(topLines(['alpha beta', 'gamma delta', 'epsilon zeta'], 2).map((l) => l.text)).toEqual([
      'alpha beta',
      'gamma delta',
    ]);
  });

  test("empty, missing, too large, not text: the prompt's stop conditions", async () => {
    const empty = await run(undefined, '\n  \n');
    expect(empty.text).toBe('Day summary (2026-04-18): (no activity logged)\nSTATUS: EMPTY\nEND_OF_RUN\n');
    expect((await run(undefined, null)).text).toContain('STATUS: EMPTY');
    const big = exampleDefinition((t) => t.replace('max_bytes: 100KB', 'max_bytes: 1KB'));
    expect((await run(big, '09:00 - x\n'.repeat(200))).text).toContain('STATUS: TOO_LARGE\nEND_OF_RUN');
    expect((await run(undefined, Buffer.from([0x30, 0x00, 0x31]))).text).toContain(
      'STATUS: UNEXPECTED_INPUT\nEND_OF_RUN',
    );
  });

  test('a prompt without an output-format block gets "Summary (<date>):"; bullets from expect', async () => {
    const agent = makeAgent({
      body: 'Summarize the log.',
      front: {
        input: { path: '/unused' },
        output: { expect: { bullets: 2 } },
        trigger: { cron: '0 23 * * *', timezone: 'UTC' },
      },
    });
    const { text } = await run(agent);
    expect(text.split('\n')[0]).toBe('Summary (2026-04-18):'); // the run's date, as the harness gives it
    expect(text.split('\n').filter((l) => l.startsWith('- '))).toHaveLength(2);
  });

  test('max_words is respected', async () => {
    const agent = exampleDefinition((t) => t.replace('max_words: 500', 'max_words: 24'));
    const { text } = await run(agent);
    expect(countWords(text)).toBeLessThanOrEqual(24);
    expect(text.endsWith('STATUS: OK\nEND_OF_RUN\n')).toBe(true);
  });

  test('fewer usable lines than bullets → PARTIAL with a note', async () => {
    const { text } = await run(undefined, '09:15 - Deployed v1.42 to production\n');
    expect(text).toContain('Only 1 usable line in the log.\nSTATUS: PARTIAL');
  });

  test('no input declared: the runner cannot work', async () => {
    const agent = makeAgent({ front: {} });
    const outcome = await extractiveRunner.run(makeRunnerInput({ agent }), recordEvents().events);
    expect(outcome).toMatchObject({
      completed: false,
      reason: 'the extractive runner needs an input file: set input.path in the agent file',
    });
  });
});

describe('pieces', () => {
  test('findTemplate reads the header and marker of an output-format block', () => {
    expect(findTemplate('x\n# Output format\nReport for {date}\n* [item]\n')).toEqual({
      header: 'Report for {date}',
      marker: '* ',
    });
    expect(findTemplate('no block here')).toEqual({ header: 'Summary ({date}):', marker: '- ' });
  });

  test('the dominant shape decides what is malformed; free-form logs only flag control characters', () => {
    expect(
      checkLines(['2026-04-18 09:00 deployed', '2026-04-18 10:00 fixed', 'oops']).verdicts.map((v) => v.problem),
    ).toEqual([undefined, undefined, 'does not match the log\'s "YYYY-MM-DD HH:MM text" lines']);
    expect(checkLines(['free text', 'more text', 'bad \u0001 line']).verdicts.map((v) => Boolean(v.problem))).toEqual([
      false,
      false,
      true,
    ]);
  });

  test('the summary for a big log keeps its bounds', () => {
    const lines = Array.from(
      { length: 2000 },
      (_, i) => `${String(9 + (i % 10)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')} - routine work item ${i}`,
    );
    lines[1234] = '12:34 - Fixed the outage in billing after deploy v2.0 failed';
    const { chunks, status } = summarize(
      { kind: 'text', text: lines.join('\n') },
      { prompt: '', date: '2026-04-18', bullets: 3, maxWords: 500 },
    );
    expect(status).toBe('OK');
    expect(chunks.join('')).toContain('Fixed the outage in billing');
  });
});
