import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { parseAgentText } from '../../src/agents/parse.js';
import { createAgent } from '../../src/governance/index.js';
import { caseYaml, CASE_INPUT } from '../../src/governance/new-agent-eval.js';
import { newAgentFile, RUNNER_KINDS } from '../../src/governance/new-agent-template.js';
import { newAgentRunbook } from '../../src/governance/new-agent-runbook.js';
import { checkExpect } from '../../src/harness/expect.js';
import { summarize } from '../../src/runners/extractive/summarize.js';
import { cli, syntheticHome, type TempHome } from './new-home-support.js';

const NON_OK = [
  'EMPTY',
  'PARTIAL',
  'INCOMPLETE',
  'ERROR',
  'TOO_LARGE',
  'UNEXPECTED_INPUT',
  'TOOL_FAILED',
  'TIMEOUT',
  'CALL_LIMIT',
  'COST_LIMIT',
  'OUTPUT_LIMIT',
  'NO_END',
  'BAD_FORMAT',
  'RUNNER_FAILED',
  'CRASHED',
  'SKIPPED',
  'MISSED',
];

describe('the new agent template', () => {
  test.each(
    RUNNER_KINDS.flatMap(
      (runner) =>
        [
          [runner, null],
          [runner, '30 8 * * 1-5'],
        ] as Array<[string, string | null]>,
    ),
  )('validates as written: runner %s, cron %s', (runner, cron) => {
    const text = newAgentFile({
      name: 'fresh',
      owner: 'jo',
      description: 'Summarizes it.',
      runner: runner as never,
      cron,
      timezone: 'Europe/Berlin',
      created: '2026-11-23',
    });
    const entry = parseAgentText(text, { name: 'fresh', file: 'agents/fresh.md', absolutePath: '/x/agents/fresh.md' });
    expect(entry.ok ? [] : entry.problems).toEqual([]);
    if (entry.ok) expect(entry.agent.trigger?.kind ?? 'manual').toBe(cron ? 'cron' : 'manual');
  });

  test('every key has a comment; the prompt has the five sections and at least three stop conditions', () => {
    const text = newAgentFile({
      name: 'fresh',
      owner: 'jo',
      description: 'Summarizes it.',
      runner: 'claude',
      cron: '0 7 * * *',
      timezone: 'UTC',
      created: '2026-11-23',
    });
    const front = text.split('\n---\n')[0]!.split('\n').slice(1);
    const keyLines = front.filter((line) => /^\s*[a-z_]+:/.test(line));
    expect(keyLines.length).toBeGreaterThan(30);
    for (const line of keyLines) expect(line, line).toMatch(/ # \S/);
    const body = text.slice(text.indexOf('\n---\n') + 5);
    for (const section of ['# Identity', '# Capability', '# Scope lock', '# Output format', '# Stop conditions'])
      expect(body).toContain(`\n${section}\n`.slice(body.startsWith(section) ? 1 : 0));
    const stops = body
      .slice(body.indexOf('# Stop conditions'))
      .split('\n')
      .filter((line) => line.startsWith('- '));
    expect(stops.length).toBeGreaterThanOrEqual(3);
    expect(body).toMatch(/STATUS: OK\nEND_OF_RUN\n```/);
  });

  test('the runbook says how to investigate every non-OK status, and how to stop it in one line', () => {
    const runbook = newAgentRunbook({
      name: 'fresh',
      owner: 'jo',
      description: 'd',
      trigger: 'manual only',
      home: '/h',
    });
    for (const status of NON_OK) expect(runbook, status).toMatch(new RegExp(`\\*\\*[A-Z_ /]*${status}[A-Z_ /]*\\*\\*`));
    expect(runbook).toContain('nightshift disable fresh --reason "incident" && nightshift kill fresh');
  });

  test('the eval case has exactly the agreed keys, and the offline runner passes it', () => {
    const spec = parse(caseYaml('fresh')) as Record<string, unknown>;
    expect(Object.keys(spec).sort()).toEqual(['bullets', 'expect_status', 'forbidden', 'max_words', 'required']);
    const text = newAgentFile({
      name: 'fresh',
      owner: 'jo',
      description: 'Summarizes it.',
      runner: 'extractive',
      cron: null,
      timezone: 'UTC',
      created: '2026-11-23',
    });
    const { chunks, status } = summarize(
      { kind: 'text', text: CASE_INPUT },
      { prompt: text.slice(text.indexOf('\n---\n') + 5), date: '2026-11-23', bullets: 3, maxWords: 500 },
    );
    const output = chunks.join('');
    expect(status).toBe(spec.expect_status);
    expect(checkExpect(output.replace(/STATUS: \w+\nEND_OF_RUN\n?$/, ''), { bullets: 3, max_words: 500 })).toEqual([]);
    for (const phrase of spec.forbidden as string[]) expect(output).not.toContain(phrase);
  });
});

describe('nightshift new', () => {
  let home: TempHome;
  beforeEach(async () => {
    home = await syntheticHome({ timezone: 'Europe/Berlin' });
  });
  afterEach(async () => home.remove());

  test('writes the agent, its runbook and one eval case, private; validate passes and registry lists it', async () => {
    const ran = await cli([
      'new',
      'standup-notes',
      '--home',
      home.root,
      '--owner',
      'jo',
      '--cron',
      '30 8 * * 1-5',
      '--description',
      'Summarizes the standup notes.',
    ]);
    expect(ran.stderr).toBe('');
    expect(ran.code).toBe(0);
    for (const file of [
      'agents/standup-notes.md',
      'runbooks/standup-notes.md',
      'evals/standup-notes/typical-day/input.txt',
      'evals/standup-notes/typical-day/case.yaml',
    ]) {
      expect(ran.stdout).toContain(file);
      expect((await stat(join(home.root, file))).mode & 0o777).toBe(0o600);
    }
    expect(await home.read('runbooks/standup-notes.md')).toContain(
      '**Trigger:** at 08:30, Monday through Friday Europe/Berlin',
    );
    const validate = await cli(['validate', '--home', home.root]);
    expect(validate.code).toBe(0);
    const registry = JSON.parse((await cli(['registry', '--home', home.root, '--json'])).stdout);
    expect(registry.rows).toMatchObject([
      {
        name: 'standup-notes',
        owner: 'jo',
        cron: '30 8 * * 1-5',
        state: 'enabled',
        runbook: 'runbooks/standup-notes.md',
      },
    ]);
  });

  test('--runner command: its program and input are written too, and the first run is OK', async () => {
    const ran = await cli(['new', 'tally', '--runner', 'command', '--home', home.root]);
    expect(ran.code, ran.stderr).toBe(0);
    expect(ran.stdout).toContain('scripts/tally.sh');
    expect(ran.stdout).toContain('samples/tally.txt');
    expect((await stat(join(home.root, 'scripts/tally.sh'))).mode & 0o777).toBe(0o700);
    const run = await cli(['run', 'tally', '--home', home.root]);
    expect(run.stdout).toMatch(/^OK tally /);
    expect(run.code).toBe(0);
    // never overwritten: a second agent's files are its own, and an existing program is kept
    await home.write('scripts/other.sh', '#!/bin/sh\necho mine\n');
    const other = await cli(['new', 'other', '--runner', 'command', '--home', home.root]);
    expect(other.stdout).toMatch(/Kept as they were:\n(.*\n)*\s+scripts\/other\.sh/);
    expect(await home.read('scripts/other.sh')).toBe('#!/bin/sh\necho mine\n');
  });

  test('never overwrites: an existing agent is exit 2 and its file is left alone', async () => {
    await home.write('agents/taken.md', 'mine\n');
    const ran = await cli(['new', 'taken', '--home', home.root]);
    expect(ran.code).toBe(2);
    expect(ran.stderr).toContain('agents/taken.md exists already');
    expect(await home.read('agents/taken.md')).toBe('mine\n');
    await expect(readFile(join(home.root, 'runbooks', 'taken.md'))).rejects.toThrow();
  });

  test('a bad name, runner or cron: exit 2 naming it, nothing written', async () => {
    const cases: Array<[string[], string]> = [
      [['new', 'Bad_Name'], '"Bad_Name" is not an agent name'],
      [
        ['new', 'ok', '--runner', 'gpt'],
        '--runner: "gpt" is not a runner: expected one of extractive, claude, command, openai, anthropic',
      ],
      [['new', 'ok', '--cron', '61 * * * *'], '"61 * * * *" is not a valid cron expression: minute 61 is outside 0-59'],
    ];
    for (const [args, message] of cases) {
      const ran = await cli([...args, '--home', home.root]);
      expect(ran.code).toBe(2);
      expect(ran.stderr).toContain(message);
    }
    await expect(stat(join(home.root, 'agents', 'ok.md'))).rejects.toThrow();
  });

  test('createAgent keeps a runbook that is already there', async () => {
    await home.write('runbooks/solo.md', 'hand-written\n');
    const result = await createAgent(await home.open(), { name: 'solo', owner: 'me' });
    expect(result.kept).toEqual(['runbooks/solo.md']);
    expect(result.trigger).toBe('manual only');
    expect(await home.read('runbooks/solo.md')).toBe('hand-written\n');
  });
});
