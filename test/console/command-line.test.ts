import { describe, expect, it } from 'vitest';
import {
  availableCommands,
  type CommandContext,
  completeCommand,
  parseCommand,
  someNames,
} from '../../src/console/state/command-line.js';
import { READ_ONLY_MESSAGE } from '../../src/console/state/ops.js';

/** The `:` line as pure text → meaning: no console, a fixed clock. */
const NOW = Date.parse('2026-11-23T07:30:00.000Z');

function context(overrides: Partial<CommandContext> = {}): CommandContext {
  return {
    agents: ['nightly-summarizer', 'news-digest', 'inbox-triage'],
    runbooks: ['nightly-summarizer', 'on-call'],
    readonly: false,
    current: null,
    now: NOW,
    timezone: 'Europe/Berlin',
    ...overrides,
  };
}

describe(':command parsing', () => {
  it('names every view', () => {
    for (const view of ['fleet', 'alerts', 'costs', 'review', 'runbooks', 'help'])
      expect(parseCommand(view, context())).toEqual({ ok: true, command: { kind: 'view', view } });
    expect(parseCommand(':alerts', context())).toEqual({ ok: true, command: { kind: 'view', view: 'alerts' } });
    expect(parseCommand('  costs  ', context())).toMatchObject({ ok: true, command: { view: 'costs' } });
  });

  it('opens an agent by :agent <name> or just :<name>, and a runbook by name', () => {
    expect(parseCommand('agent news-digest', context())).toEqual({
      ok: true,
      command: { kind: 'agent', agent: 'news-digest' },
    });
    expect(parseCommand('news-digest', context())).toEqual({
      ok: true,
      command: { kind: 'agent', agent: 'news-digest' },
    });
    expect(parseCommand('runbook on-call', context())).toEqual({
      ok: true,
      command: { kind: 'runbook', name: 'on-call' },
    });
    // an agent without a runbook file yet still names one (the view says it is missing)
    expect(parseCommand('runbook inbox-triage', context())).toMatchObject({ ok: true });
  });

  it('names every action the keys do, on a named agent', () => {
    for (const op of ['run', 'pause', 'resume', 'disable', 'enable', 'kill', 'edit'])
      expect(parseCommand(`${op} nightly-summarizer`, context())).toEqual({
        ok: true,
        command: { kind: 'op', op, agent: 'nightly-summarizer', until: null },
      });
    expect(parseCommand('stop-all', context())).toEqual({ ok: true, command: { kind: 'stop-all' } });
    expect(parseCommand('start-all', context())).toEqual({ ok: true, command: { kind: 'start-all' } });
    expect(parseCommand('quit', context())).toEqual({ ok: true, command: { kind: 'quit' } });
    expect(parseCommand('q', context())).toEqual({ ok: true, command: { kind: 'quit' } });
  });

  it('an action without a name is about the agent on screen; without one it says what is missing', () => {
    expect(parseCommand('pause', context({ current: 'inbox-triage' }))).toMatchObject({
      ok: true,
      command: { op: 'pause', agent: 'inbox-triage' },
    });
    expect(parseCommand('kill', context())).toEqual({ ok: false, message: ':kill needs a name: :kill <agent>' });
  });

  it('pause takes an end: a duration from now, or a wall time in the home’s zone', () => {
    expect(parseCommand('pause news-digest 2h', context())).toMatchObject({
      ok: true,
      command: { until: NOW + 2 * 3_600_000 },
    });
    expect(parseCommand('pause news-digest until 30m', context())).toMatchObject({
      command: { until: NOW + 30 * 60_000 },
    });
    // 09:00 in Berlin on 1 December is 08:00 UTC
    expect(parseCommand('pause news-digest 2026-12-01T09:00', context())).toMatchObject({
      command: { until: Date.parse('2026-12-01T08:00:00Z') },
    });
    const bad = parseCommand('pause news-digest soonish', context());
    expect(bad).toMatchObject({ ok: false, message: expect.stringContaining('“soonish” is not a time') });
    expect(parseCommand('pause news-digest 2026-11-01T09:00', context())).toMatchObject({
      ok: false,
      message: expect.stringContaining('not in the future'),
    });
  });

  it('an unknown command names the commands and the agents; a near one is suggested', () => {
    const unknown = parseCommand('frobnicate', context());
    expect(unknown.ok).toBe(false);
    const message = (unknown as { message: string }).message;
    expect(message).toContain('no command or agent “frobnicate”');
    expect(message).toContain('alerts');
    expect(message).toContain('pause');
    expect(message).toContain('nightly-summarizer');
    expect(parseCommand('al', context())).toEqual({
      ok: false,
      message: 'no command or agent “al” — did you mean :alerts?',
    });
    expect(parseCommand('digest', context())).toEqual({
      ok: false,
      message: 'no command or agent “digest” — did you mean :news-digest?',
    });
  });

  it('an unknown agent names the agents that exist, the near ones first', () => {
    expect(parseCommand('pause nightly', context())).toEqual({
      ok: false,
      message: 'no agent “nightly”. Agents: nightly-summarizer',
    });
    expect(parseCommand('pause zzz', context())).toEqual({
      ok: false,
      message: 'no agent “zzz”. Agents: nightly-summarizer, news-digest, inbox-triage',
    });
  });

  it('extra words are refused, not ignored', () => {
    expect(parseCommand('alerts now', context())).toMatchObject({
      ok: false,
      message: ':alerts takes no argument (got “now”)',
    });
    expect(parseCommand('kill news-digest hard', context())).toMatchObject({ ok: false });
    expect(parseCommand('', context())).toMatchObject({ ok: false, message: expect.stringContaining('empty') });
    expect(parseCommand('news-digest pause', context())).toEqual({
      ok: false,
      message: ':news-digest opens the agent and takes nothing after it; an action goes first: :pause news-digest',
    });
  });

  it('read-only refuses every action and never names one', () => {
    const readonly = context({ readonly: true });
    for (const line of [
      'run news-digest',
      'pause news-digest',
      'kill news-digest',
      'stop-all',
      'start-all',
      'edit news-digest',
    ])
      expect(parseCommand(line, readonly), line).toEqual({ ok: false, message: READ_ONLY_MESSAGE });
    expect(parseCommand('alerts', readonly)).toMatchObject({ ok: true });
    const unknown = (parseCommand('frobnicate', readonly) as { message: string }).message;
    for (const action of ['run', 'pause', 'resume', 'disable', 'enable', 'kill', 'edit', 'stop-all', 'start-all'])
      expect(unknown.split(/[ ;:.,]/), action).not.toContain(action);
    expect(availableCommands(true).map((spec) => spec.name)).toEqual([
      'fleet',
      'alerts',
      'costs',
      'review',
      'runbooks',
      'runbook',
      'agent',
      'help',
      'quit',
    ]);
  });

  it('someNames keeps a long list to one line', () => {
    expect(someNames(['a', 'b', 'c'], 2)).toBe('a, b and 1 more');
    expect(someNames([])).toBe('(none)');
  });
});

describe(':command completion', () => {
  it('completes a command, with a space when a name follows', () => {
    expect(completeCommand('ale', context())).toEqual({ text: 'alerts', candidates: [] });
    expect(completeCommand('pa', context())).toEqual({ text: 'pause ', candidates: [] });
    expect(completeCommand('run', context())).toEqual({ text: 'run', candidates: ['runbooks', 'runbook', 'run'] });
  });

  it('lists the candidates when several fit, and extends to what they share', () => {
    expect(completeCommand('n', context())).toEqual({ text: 'n', candidates: ['nightly-summarizer', 'news-digest'] });
    expect(completeCommand('ni', context())).toEqual({ text: 'nightly-summarizer', candidates: [] });
    expect(completeCommand('', context()).candidates).toContain('kill');
    expect(completeCommand('', context()).candidates).toContain('inbox-triage');
  });

  it('completes the agent after a command, and a runbook name after :runbook', () => {
    expect(completeCommand('pause nig', context())).toEqual({ text: 'pause nightly-summarizer ', candidates: [] });
    expect(completeCommand('kill ne', context())).toEqual({ text: 'kill news-digest', candidates: [] });
    expect(completeCommand('kill ', context()).candidates).toEqual([
      'nightly-summarizer',
      'news-digest',
      'inbox-triage',
    ]);
    expect(completeCommand('runbook on', context())).toEqual({ text: 'runbook on-call', candidates: [] });
    expect(completeCommand('alerts x', context())).toEqual({ text: 'alerts x', candidates: [] });
  });

  it('read-only completion offers no action', () => {
    const readonly = context({ readonly: true });
    const all = completeCommand('', readonly).candidates;
    for (const action of ['run', 'pause', 'resume', 'disable', 'enable', 'kill', 'edit', 'stop-all', 'start-all'])
      expect(all, action).not.toContain(action);
    expect(all).toContain('alerts');
    expect(completeCommand('pa', readonly)).toEqual({ text: 'pa', candidates: [] });
    expect(completeCommand('pause nig', readonly)).toEqual({ text: 'pause nig', candidates: [] });
    expect(completeCommand('ru', readonly)).toEqual({ text: 'runbook', candidates: ['runbooks', 'runbook'] });
  });
});
