import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatProblem, loadAgents } from '../../src/agents/index.js';
import { parseAgentText } from '../../src/agents/parse.js';

const where = { name: 'x', file: 'agents/x.md', absolutePath: '/home/agents/x.md' };

function agent(front: string, body = '# Task\nSummarize.\n'): string {
  return `---\nname: x\ndescription: test agent\n${front}---\n${body}`;
}

function problems(text: string): string[] {
  const entry = parseAgentText(text, where);
  return entry.ok ? [] : entry.problems.map(formatProblem);
}

describe('parseAgentText', () => {
  it('names the file, the field, the value and what was expected', () => {
    expect(problems(agent('trigger:\n  cron: "61 * * * *"\n'))).toEqual([
      'agents/x.md: trigger.cron: "61 * * * *" is not a valid cron expression: minute 61 is outside 0-59',
    ]);
  });

  it('treats an unknown key as an error and suggests the key it meant', () => {
    expect(problems(agent('limts:\n  time: 5m\n'))[0]).toMatch(
      /^agents\/x\.md: limts: unknown key \(did you mean "limits"\?\)/,
    );
    expect(problems(agent('limits:\n  tme: 5m\n'))[0]).toMatch(
      /^agents\/x\.md: limits\.tme: unknown key \(did you mean "time"\?\)/,
    );
  });

  it('reports every problem of a file, not just the first', () => {
    const found = problems(
      agent(
        'trigger:\n  cron: "0 23 * * *"\n  timezone: Mars/Base\nlimits:\n  time: 5 minutes\n  calls: ten\nbudget:\n  monthly_usd: -1\n',
      ),
    );
    expect(found).toEqual(
      expect.arrayContaining([
        'agents/x.md: trigger.timezone: "Mars/Base" is not a time zone: expected an IANA name like Europe/Berlin or UTC',
        'agents/x.md: limits.time: "5 minutes" is not a duration: expected a number and a unit, like 30s, 5m, 2h or 7d',
        'agents/x.md: limits.calls: "ten" is not a number',
        'agents/x.md: budget.monthly_usd: -1: expected an amount in USD of 0 or more',
      ]),
    );
    expect(found).toHaveLength(4);
  });

  it('corrects the case of a zone name (tz files are case-sensitive, a crontab would run it in UTC) and leaves links as written', () => {
    const zoneOf = (zone: string) => {
      const entry = parseAgentText(agent(`trigger:\n  cron: "0 1 * * *"\n  timezone: ${zone}\n`), where);
      return entry.ok ? entry.agent.trigger?.timezone : entry.problems.map(formatProblem);
    };
    expect(zoneOf('europe/berlin')).toBe('Europe/Berlin');
    expect(zoneOf('utc')).toBe('UTC');
    expect(zoneOf('US/Pacific')).toBe('US/Pacific');
    expect(zoneOf('Etc/UTC')).toBe('Etc/UTC');
  });

  it('rejects a trigger with two kinds and one with none', () => {
    expect(problems(agent('trigger:\n  cron: "@daily"\n  when: { command: "true" }\n'))[0]).toContain(
      'has cron and when: expected exactly one of cron, watch or when',
    );
    expect(problems(agent('trigger:\n  timezone: UTC\n'))[0]).toContain('expected one of cron, watch or when');
  });

  it('refuses a when condition polled more often than once a second, quoting the value and saying what to write', () => {
    const when = (fields: string) => problems(agent(`trigger:\n  when: { command: "test -e flag", ${fields} }\n`));
    expect(when('every: 1ms')).toEqual([
      'agents/x.md: trigger.when.every: "1ms" is too short: a condition is a shell command; poll it at most once a second (every: 1s or more)',
    ]);
    expect(when('every: 0.5s')).toEqual([
      'agents/x.md: trigger.when.every: "0.5s" is too short: a condition is a shell command; poll it at most once a second (every: 1s or more)',
    ]);
    // not a duration at all: one message, the usual one
    expect(when('every: often')).toEqual([
      'agents/x.md: trigger.when.every: "often" is not a duration: expected a number and a unit, like 30s, 5m, 2h or 7d',
    ]);
    expect(when('every: 1s')).toEqual([]);
    expect(when('every: 1000ms')).toEqual([]);
    // a timeout longer than every is fine: polls never overlap (the next is armed when the previous ended)
    expect(when('every: 1s, timeout: 10m')).toEqual([]);
    const entry = parseAgentText(agent('trigger:\n  when: { command: "true" }\n'), where);
    expect(entry.ok && entry.agent.trigger).toMatchObject({ kind: 'when', every: 300_000, timeout: 30_000 });
  });

  it('rejects an unknown runner kind and reports the right branch of a union', () => {
    expect(problems(agent('runner:\n  kind: gpt\n'))).toEqual([
      'agents/x.md: runner.kind: "gpt" is not a runner: expected claude, command, openai, anthropic or extractive',
    ]);
    expect(problems(agent('retention: { keep: 30d, then: burn }\n'))).toEqual([
      'agents/x.md: retention.then: "burn" is not allowed: expected one of "archive", "delete"',
    ]);
  });

  it('requires the name to match the file and a prompt body', () => {
    expect(problems(agent('').replace('name: x', 'name: y'))).toEqual([
      'agents/x.md: name: "y" does not match the file name: expected "x" (rename the file or the agent)',
    ]);
    expect(problems(agent('', '  \n'))).toEqual([
      "agents/x.md: has no prompt: expected the agent's instructions after the closing ---",
    ]);
  });

  it('gives the line of a YAML syntax error', () => {
    expect(problems('---\nname: x\ndescription: [unclosed\n---\nbody')[0]).toMatch(
      /^agents\/x\.md: line \d+: YAML does not parse/,
    );
  });

  it('refuses a key given twice, naming the key and both lines of the file (the opening --- is line 1)', () => {
    expect(
      problems(
        '---\nname: x\ndescription: test agent\nlimits:\n  time: 5m\n  calls: 3\n  time: 10m\ndescription: again\n---\nbody\n',
      ),
    ).toEqual([
      'agents/x.md: limits.time: line 7: the key "time" is given twice, on lines 5 and 7: keep one (YAML would otherwise have to guess which one counts)',
      'agents/x.md: description: line 8: the key "description" is given twice, on lines 3 and 8: keep one ' +
        '(YAML would otherwise have to guess which one counts)',
    ]);
    // in a list too, by its index; a syntax error elsewhere still has its own line
    expect(
      problems(
        agent(
          'tools: [Read]\nrunner:\n  kind: command\n  command: [a]\nalerts: {channels: [{kind: command, kind: email}]}\n',
        ),
      ),
    ).toEqual([
      expect.stringMatching(
        /^agents\/x\.md: alerts\.channels\.0\.kind: line 8: the key "kind" is given twice, on lines 8 and 8: keep one/,
      ),
    ]);
  });

  it('names a prompt no runner can pass, and command-line arguments the kernel would refuse (E2BIG), instead of every run failing', () => {
    // the prompt: claude takes it as a file now, so 1MB runs; more is refused for every runner
    expect(problems(agent('', `# Task\n${'x'.repeat(1024 * 1024 - 8)}`))).toEqual([]);
    expect(problems(agent('', `# Task\n${'x'.repeat(1024 * 1024)}`))).toEqual([
      'agents/x.md: the prompt is 1MB (1048583 bytes), and no runner takes more than 1MB (1048576 bytes) ' +
        "(about 250k tokens, more than a model's context): " +
        'shorten it, or move reference material into the input file',
    ]);
    const long = 'y'.repeat(128 * 1024);
    expect(problems(agent(`runner:\n  kind: command\n  command: [sh, -c, "${long}"]\n`))).toEqual([
      'agents/x.md: runner.command.2: is 128KB (131072 bytes), and one argument may hold at most 131071 bytes ' +
        '(the kernel refuses more: E2BIG): pass the text in a file instead',
    ]);
    expect(problems(agent(`runner:\n  kind: command\n  command: [sh, -c, "${long.slice(1)}"]\n`))).toEqual([]);
    const many = Array.from({ length: 9 }, () => `"${'z'.repeat(120 * 1024)}"`).join(', ');
    expect(problems(agent(`runner:\n  kind: command\n  command: [${many}]\n`))).toEqual([
      'agents/x.md: runner.command: is 1.1MB (1105929 bytes) in all, and a command line may hold at most 1MB ' +
        "(1048576 bytes) (the rest is the environment's): pass the text in a file instead",
    ]);
    expect(problems(agent(`trigger:\n  when:\n    command: "${long}"\n`))).toEqual([
      'agents/x.md: trigger.when.command: is 128KB (131072 bytes), and it runs as one argument of sh -c, which ' +
        'may hold at most 131071 bytes: put the command in a script and call that',
    ]);
  });

  it('fills every limit from the defaults, so no agent runs unbounded', () => {
    const entry = parseAgentText(agent('limits:\n  time: 2m\n'), where);
    expect(entry.ok).toBe(true);
    if (!entry.ok) return;
    expect(entry.agent.limits).toEqual({
      time: 120_000,
      calls: 10,
      tool_calls: 50,
      cost_usd: 2,
      output_bytes: 102_400,
    });
    expect(entry.agent.limitsSetInFile).toEqual(['time']);
  });

  it('accepts the keys of a Claude Code subagent file, so one file serves both', () => {
    const entry = parseAgentText(agent('tools: Read, Grep\nmodel: haiku\ncolor: blue\nmaxTurns: 3\n'), where);
    expect(entry.ok).toBe(true);
    if (entry.ok) {
      expect(entry.agent.tools).toEqual(['Read', 'Grep']);
      expect(entry.agent.model).toBe('haiku');
    }
  });

  it('resolves a cron trigger with its zone, grace and a date stamp for daily agents', () => {
    const entry = parseAgentText(agent('trigger:\n  cron: "0 23 * * *"\n  timezone: Europe/Berlin\n'), where);
    expect(entry.ok && entry.agent.trigger).toMatchObject({
      kind: 'cron',
      expression: '0 23 * * *',
      timezone: 'Europe/Berlin',
      grace: 1_800_000,
    });
    expect(entry.ok && entry.agent.stamp).toBe('date');
    const hourly = parseAgentText(agent('trigger:\n  cron: "*/10 * * * *"\n'), where);
    expect(hourly.ok && hourly.agent.stamp).toBe('datetime');
  });
});

describe('loadAgents', () => {
  it('never lets a broken file hide the others', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ns-agents-'));
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'good.md'), agent('').replace('name: x', 'name: good'));
    await writeFile(join(dir, 'bad.md'), '---\nname: bad\n');
    await writeFile(join(dir, 'notes.txt'), 'not an agent');
    const entries = await loadAgents(dir);
    expect(entries.map((e) => [e.name, e.ok])).toEqual([
      ['bad', false],
      ['good', true],
    ]);
  });

  it('returns nothing for a missing folder', async () => {
    expect(await loadAgents(join(tmpdir(), 'does-not-exist-ns'))).toEqual([]);
  });
});
