import { describe, expect, test } from 'vitest';
import { stringify } from 'yaml';
import { type AgentDefinition, type AgentEntry, findSection, topLevelBullets } from '../../src/agents/index.js';
import { parseAgentText } from '../../src/agents/parse.js';
import { agentsInCronBlock, type AgentFacts, type HomeFacts, runChecklist } from '../../src/governance/doctor/index.js';

/** The checklist is pure: definitions and facts in, pass/fail with fixes out. No disk here. */
const NOW = new Date('2026-11-23T07:30:00.000Z');
const DAY = 86_400_000;

const PROMPT = `# Identity
You summarize the day.

# Output format
\`\`\`
# Report — {date}
## Stop conditions
- [a bullet that is output, not a stop condition]
STATUS: OK
END_OF_RUN
\`\`\`

# Stop conditions
- Empty input: STATUS: EMPTY, then END_OF_RUN.
- Too large: STATUS: TOO_LARGE, then END_OF_RUN.
- Not a log: STATUS: UNEXPECTED_INPUT, then END_OF_RUN.
`;

const READY = {
  description: 'test agent',
  tools: 'Read',
  owner: 'aycee',
  limits: { time: '2m', calls: 5, cost_usd: 0.5, output_bytes: '20KB' },
  budget: { monthly_usd: 1 },
  review: 'weekly',
  risk: {
    worst_hour: 'a bad summary',
    recovery_cost: 'minutes',
    detection: 'review',
    stop: 'nightshift disable x',
    worth_it: 'yes',
  },
};

function entry(front: Record<string, unknown>, prompt = PROMPT, name = 'agent'): AgentEntry {
  return parseAgentText(`---\n${stringify({ name, ...front })}---\n${prompt}`, {
    name,
    file: `agents/${name}.md`,
    absolutePath: `/h/agents/${name}.md`,
  });
}

function agentOf(front: Record<string, unknown>, prompt = PROMPT): AgentDefinition {
  const e = entry(front, prompt);
  if (!e.ok) throw new Error(JSON.stringify(e.problems));
  return e.agent;
}

const facts = (over: Partial<AgentFacts> = {}): AgentFacts => ({
  runbook: '## Stop it now\n\n    nightshift disable agent --reason "incident"\n',
  lastReviewAt: new Date(NOW.getTime() - 3 * DAY),
  evalCases: { valid: ['typical-day'], problems: [], dirExists: true },
  okHistory: { firstOkDay: null, okDaysInLast30: 0 },
  inCrontab: false,
  ...over,
});

const home = (over: Partial<HomeFacts> = {}): HomeFacts => ({
  now: NOW,
  root: '/h',
  channels: ['command'],
  daemonLive: true,
  disableScript: true,
  cli: 'nightshift',
  user: 'sam',
  defaultLimits: { time: '5m', calls: 10, cost_usd: 2, output_bytes: '100KB' },
  ...over,
});

function failing(front: Record<string, unknown>, f = facts(), h = home(), prompt = PROMPT) {
  const verdict = runChecklist(entry(front, prompt), f, h);
  return verdict.checks.filter((c) => !c.ok);
}

const ids = (checks: Array<{ id: string }>) => checks.map((c) => c.id);

describe('prompt sections', () => {
  test('headings inside a fenced output format are not sections; stop conditions are bullets outside fences', () => {
    const agent = agentOf(READY);
    const stops = findSection(agent.prompt, 'Stop conditions')!;
    expect(topLevelBullets(stops)).toHaveLength(3);
    expect(stops.lines.some((l) => l.text.includes('[a bullet that is output'))).toBe(false);
  });

  test('the seed style: "Stop conditions:" label with output lines between the bullets', () => {
    const seed =
      'Output format:\nDay summary ({date}):\n- [first bullet]\nSTATUS: OK\nEND_OF_RUN\nStop conditions:\n' +
      '- If empty, output:\nDay summary ({date}): (no activity logged)\nSTATUS: EMPTY\nEND_OF_RUN\n' +
      '- If over 100KB, output:\nSTATUS: TOO_LARGE\nEND_OF_RUN\n- If malformed, mark STATUS: PARTIAL.\n' +
      'Every run must end with STATUS and END_OF_RUN.\n';
    expect(failing(READY, facts(), home(), seed)).toEqual([]);
  });
});

describe('the checklist', () => {
  test('a ready agent passes every check', () => {
    const verdict = runChecklist(entry(READY), facts(), home());
    expect(verdict.ok).toBe(true);
    expect(ids(verdict.checks)).toEqual([
      'valid',
      'stop_conditions',
      'protocol',
      'limits',
      'read_only',
      'owner',
      'runbook',
      'budget',
      'review',
      'evals',
      'alert_channel',
      'risk',
      'one_scheduler',
    ]);
  });

  test('two stop conditions fail, with example bullets to add', () => {
    const two = PROMPT.replace('- Not a log: STATUS: UNEXPECTED_INPUT, then END_OF_RUN.\n', '');
    const [check] = failing(READY, facts(), home(), two);
    expect(check?.id).toBe('stop_conditions');
    expect(check?.detail).toMatch(/^2 under "Stop conditions"/);
    expect(check?.fix).toMatch(/add 1 more under "Stop conditions" in agents\/agent\.md/);
  });

  test('an output format without END_OF_RUN fails protocol', () => {
    const [check] = failing(READY, facts(), home(), PROMPT.replace('STATUS: OK\nEND_OF_RUN\n```', 'STATUS: OK\n```'));
    expect(check?.id).toBe('protocol');
    expect(check?.fix).toContain('STATUS: OK\nEND_OF_RUN');
  });

  test("a limit left to the home default fails, and the fix is the YAML with today's value", () => {
    const [check] = failing({ ...READY, limits: { time: '2m', calls: 5, cost_usd: 0.5 } });
    expect(check?.id).toBe('limits');
    expect(check?.fix).toContain('limits:\n  output_bytes: 100KB');
  });

  test(
    'write tools: without writes: true the definition is invalid, naming the tool and the fix; with it, only ' +
      'after 30 days of OK runs that go on until now',
    () => {
      const bash = { ...READY, tools: 'Read, Bash' };
      const invalid = runChecklist(entry(bash), facts(), home());
      expect(invalid.checks.map((c) => [c.id, c.ok])).toEqual([['valid', false]]);
      expect(invalid.checks[0]?.detail).toContain('tools: Bash is not read-only');
      expect(invalid.checks[0]?.detail).toContain('`tools: Read`');
      const writer = { ...bash, writes: true };
      const month = (first: number, recent: number) =>
        facts({
          okHistory: {
            firstOkDay: new Date(NOW.getTime() - first * DAY).toISOString().slice(0, 10),
            okDaysInLast30: recent,
          },
        });
      expect(ids(failing(writer, month(45, 20)))).toEqual([]);
      expect(ids(failing(writer, month(10, 10)))).toEqual(['read_only']);
      expect(ids(failing(writer, month(90, 0)))).toEqual(['read_only']);
      expect(ids(failing(writer, facts()))).toEqual(['read_only']);
      expect(failing(writer, month(10, 10))[0]?.fix).toMatch(/run it read-only until 2026-12-13/);
    },
  );

  test('a permission mode that stops asking is write-capable too: writes: true and a month of OK runs, or back to dontAsk', () => {
    const bypass = { ...READY, writes: true, runner: { kind: 'claude', permission_mode: 'bypassPermissions' } };
    const [check] = failing(bypass);
    expect(check?.id).toBe('read_only');
    expect(check?.detail).toContain('runner.permission_mode: bypassPermissions');
    expect(check?.fix).toContain('runner.permission_mode: dontAsk');
    const month = facts({
      okHistory: { firstOkDay: new Date(NOW.getTime() - 45 * DAY).toISOString().slice(0, 10), okDaysInLast30: 20 },
    });
    expect(ids(failing(bypass, month))).toEqual([]);
  });

  test('owner, budget and risk give the YAML to add', () => {
    const { owner: _o, budget: _b, ...bare } = READY;
    const checks = failing({ ...bare, risk: { worst_hour: 'x', stop: 'y' } });
    expect(ids(checks)).toEqual(['owner', 'budget', 'risk']);
    expect(checks[0]?.fix).toContain('owner: sam');
    expect(checks[1]?.fix).toContain('budget:\n  monthly_usd:');
    expect(checks[2]?.fix).toMatch(/recovery_cost: "…"[\s\S]*detection: "…"[\s\S]*worth_it: "…"/);
    expect(checks[2]?.fix).not.toContain('worst_hour');
  });

  test('a runbook needs the kill command for this agent, not for one whose name starts the same', () => {
    expect(ids(failing(READY, facts({ runbook: null })))).toEqual(['runbook']);
    expect(failing(READY, facts({ runbook: null }))[0]?.fix).toMatch(/^cat > \/h\/runbooks\/agent\.md <<'EOF'/);
    expect(ids(failing(READY, facts({ runbook: 'nightshift disable agent-2' })))).toEqual(['runbook']);
    expect(ids(failing(READY, facts({ runbook: 'run scripts/disable-agent.sh agent' })))).toEqual([]);
    expect(
      ids(failing(READY, facts({ runbook: 'run scripts/disable-agent.sh agent' }), home({ disableScript: false }))),
    ).toEqual(['runbook']);
    expect(ids(failing(READY, facts({ runbook: 'nightshift --home /x disable agent' })))).toEqual([]);
  });

  test('review: cadence none fails; never reviewed fails; weekly allows 7 + 2 days', () => {
    expect(ids(failing({ ...READY, review: 'none' }))).toEqual(['review']);
    expect(ids(failing(READY, facts({ lastReviewAt: null })))).toEqual(['review']);
    expect(ids(failing(READY, facts({ lastReviewAt: new Date(NOW.getTime() - 9 * DAY) })))).toEqual([]);
    const late = failing(READY, facts({ lastReviewAt: new Date(NOW.getTime() - 10 * DAY) }));
    expect(late[0]?.detail).toMatch(/last reviewed 10 days ago/);
    expect(late[0]?.fix).toContain('nightshift review mark agent');
  });

  test('evals: none gives the commands for a first case; only broken cases name their problems', () => {
    const none = failing(
      { ...READY, input: { path: 'samples/log.txt' } },
      facts({ evalCases: { valid: [], problems: [], dirExists: false } }),
      home({ cli: 'nightshift --home /h' }),
    );
    expect(none[0]?.fix).toBe(
      'mkdir -p /h/evals/agent/typical\ncp /h/samples/log.txt /h/evals/agent/typical/input.txt\n' +
        "printf 'expect_status: OK\\n' > /h/evals/agent/typical/case.yaml\n" +
        'nightshift --home /h eval agent --baseline',
    );
    const broken = failing(
      READY,
      facts({
        evalCases: { valid: [], problems: ['evals/agent/a/: has no input: expected input.txt'], dirExists: true },
      }),
    );
    expect(broken[0]?.detail).toContain('has no input');
  });

  test('alert channel and one scheduler', () => {
    expect(ids(failing(READY, facts(), home({ channels: [] })))).toEqual(['alert_channel']);
    expect(ids(failing(READY, facts({ inCrontab: true }), home({ daemonLive: true })))).toEqual(['one_scheduler']);
    expect(ids(failing(READY, facts({ inCrontab: true }), home({ daemonLive: false })))).toEqual([]);
  });

  test('an invalid agent fails "valid" alone, with its problems', () => {
    const verdict = runChecklist(entry({ ...READY, limts: {} }), facts(), home());
    expect(verdict.checks.map((c) => c.id)).toEqual(['valid']);
    expect(verdict.checks[0]?.detail).toMatch(/limts: unknown key \(did you mean "limits"\?\)/);
  });

  test('a command agent: its program is looked for from the run folder, as a run would; missing or not executable fails', () => {
    const command = { ...READY, runner: { kind: 'command', command: ['scripts/tally.sh', '--fast'] } };
    const asked: Array<[string, string]> = [];
    const with_ = (problem: 'ENOENT' | 'EACCES' | null) =>
      runChecklist(
        entry(command),
        facts(),
        home({
          programProblem: (file, cwd) => {
            asked.push([file, cwd]);
            return problem;
          },
        }),
      ).checks.find((c) => c.id === 'runner_program');
    expect(with_(null)).toMatchObject({ ok: true });
    expect(asked[0]).toEqual(['scripts/tally.sh', home().root]);
    expect(with_('ENOENT')).toMatchObject({
      ok: false,
      detail: `${home().root}/scripts/tally.sh is not there: every run would end RUNNER_FAILED`,
    });
    expect(with_('EACCES')).toMatchObject({ ok: false, fix: `chmod +x ${home().root}/scripts/tally.sh` });
    // not a command agent: not listed
    expect(runChecklist(entry(READY), facts(), home()).checks.some((c) => c.id === 'runner_program')).toBe(false);
  });
});

describe('agentsInCronBlock', () => {
  test("reads the run lines of this home's block only", () => {
    const crontab = [
      'MAILTO=""',
      '# BEGIN nightshift /other',
      '0 1 * * * /usr/bin/node /x/bin/nightshift.js run elsewhere --trigger cron --home /other >/dev/null',
      '# END nightshift /other',
      '# BEGIN nightshift /h',
      '# nightly-summarizer: "0 23 * * *" in Europe/Berlin …',
      '0 22 * * * /usr/bin/node /x/bin/nightshift.js run nightly-summarizer --trigger cron --home /h >/dev/null',
      "*/5 * * * * /usr/bin/node '/x y/bin/nightshift.js' run 'queue-depth' --trigger cron --home /h >/dev/null",
      '* * * * * /usr/bin/node /x/bin/nightshift.js check --home /h >/dev/null',
      '# END nightshift /h',
    ].join('\n');
    expect(agentsInCronBlock(crontab, '/h')).toEqual(['nightly-summarizer', 'queue-depth']);
    expect(agentsInCronBlock('', '/h')).toEqual([]);
  });
});
