import { describe, expect, it } from 'vitest';
import { formatProblem, formatRate, parseRate } from '../../src/agents/index.js';
import { describeTrigger } from '../../src/agents/resolve.js';
import { parseAgentText } from '../../src/agents/parse.js';

/** trigger.webhook in an agent file: its defaults, its units, and what validate says about a wrong one. */
const where = { name: 'x', file: 'agents/x.md', absolutePath: '/home/agents/x.md' };

function agent(front: string): string {
  return `---\nname: x\ndescription: test agent\n${front}---\n# Task\nSummarize.\n`;
}

function problems(text: string): string[] {
  const entry = parseAgentText(text, where);
  return entry.ok ? [] : entry.problems.map(formatProblem);
}

describe('trigger.webhook', () => {
  it('resolves secret_env, max_bytes and rate, with 64KB and 10/h by default', () => {
    const entry = parseAgentText(agent('trigger:\n  webhook: { secret_env: HOOK_SECRET }\n'), where);
    expect(entry.ok && entry.agent.trigger).toMatchObject({
      kind: 'webhook',
      secretEnv: 'HOOK_SECRET',
      maxBytes: 64 * 1024,
      rate: { count: 10, windowMs: 3_600_000 },
    });
    const set = parseAgentText(
      agent('trigger:\n  webhook: { secret_env: GH, max_bytes: 1MB, rate: 5/30m }\n  timezone: UTC\n'),
      where,
    );
    expect(set.ok && set.agent.trigger).toMatchObject({
      kind: 'webhook',
      maxBytes: 1024 * 1024,
      rate: { count: 5, windowMs: 1_800_000 },
    });
    expect(set.ok && describeTrigger(set.agent.trigger)).toBe(
      'on a signed POST to the daemon (at most 5/30m, 1MB a body)',
    );
  });

  it('names the field, the value and what was expected for a wrong one', () => {
    expect(problems(agent('trigger:\n  webhook: { secret_env: my-secret }\n'))).toEqual([
      'agents/x.md: trigger.webhook.secret_env: "my-secret": expected the name of the environment variable holding the shared secret, like GITHUB_HOOK_SECRET',
    ]);
    expect(problems(agent('trigger:\n  webhook: { secret_env: S, rate: often }\n'))).toEqual([
      'agents/x.md: trigger.webhook.rate: "often" is not a rate: expected a count per window, like 10/h, 100/d or 5/30m',
    ]);
    expect(problems(agent('trigger:\n  webhook: { secret_env: S, max_bytes: lots }\n'))).toEqual([
      'agents/x.md: trigger.webhook.max_bytes: "lots" is not a size: expected a number and a unit, like 100KB or 10MB',
    ]);
    // the secret itself never belongs in the file
    expect(problems(agent('trigger:\n  webhook: { secret_env: S, secret: hunter2 }\n'))[0]).toContain(
      'trigger.webhook.secret: unknown key',
    );
    expect(problems(agent('trigger:\n  webhook: {}\n'))[0]).toContain('trigger.webhook.secret_env');
    expect(problems(agent('trigger:\n  cron: "@daily"\n  webhook: { secret_env: S }\n'))[0]).toContain(
      'has cron and webhook: expected exactly one of cron, watch or when, or webhook',
    );
  });

  it('reads rates as a count per window', () => {
    expect(parseRate('10/h')).toEqual({ count: 10, windowMs: 3_600_000 });
    expect(parseRate('100 / d')).toEqual({ count: 100, windowMs: 86_400_000 });
    expect(parseRate('5/30m')).toEqual({ count: 5, windowMs: 1_800_000 });
    for (const bad of ['0/h', '10', '10/', '/h', '10/x', '-1/h', '1.5/h']) expect(parseRate(bad)).toBeNull();
    expect(formatRate({ count: 10, windowMs: 3_600_000 })).toBe('10/h');
    expect(formatRate({ count: 5, windowMs: 1_800_000 })).toBe('5/30m');
  });
});

describe('nightshift validate on webhook agents', () => {
  it('passes a good one and names the field and value of a bad one, exit 1', async () => {
    const { cli } = await import('../support/cli.js');
    const { makeScheduleHome } = await import('../support/schedule/home.js');
    const home = await makeScheduleHome();
    try {
      await home.writeAgent('good', {
        runner: { kind: 'command', command: ['true'] },
        trigger: { webhook: { secret_env: 'GOOD_SECRET' } },
      });
      const ok = await cli(['validate', '--home', home.root], { env: { NIGHTSHIFT_HOME: '' } });
      expect(ok.code, ok.stdout + ok.stderr).toBe(0);
      await home.writeAgent('bad', {
        runner: { kind: 'command', command: ['true'] },
        trigger: { webhook: { secret_env: 'S', rate: 'ten an hour' } },
      });
      const bad = await cli(['validate', '--home', home.root], { env: { NIGHTSHIFT_HOME: '' } });
      expect(bad.code).toBe(1);
      expect(bad.stdout + bad.stderr).toContain(
        'trigger.webhook.rate: "ten an hour" is not a rate: expected a count per window, like 10/h, 100/d or 5/30m',
      );
    } finally {
      await home.remove();
    }
  }, 30_000);
});
