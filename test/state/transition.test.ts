import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/shared/errors.js';
import { agentState, defaultState, nextState, normalizeChange } from '../../src/state/index.js';
import type { AgentEntry, ChangeRequest, OperatorState } from '../../src/state/index.js';
import type { Transition } from '../../src/state/transition.js';

const NOW = new Date('2026-11-20T08:00:00.000Z');
const LATER = '2026-12-01T09:00:00.000Z';
const EARLIER = '2026-11-19T09:00:00.000Z';

function change(request: ChangeRequest, now = NOW) {
  return normalizeChange(request, now, 'aycee');
}

function withAgent(entry: Partial<AgentEntry>, name = 'inbox-digest'): OperatorState {
  const full: AgentEntry = {
    state: 'enabled',
    reason: null,
    since: EARLIER,
    by: 'someone',
    paused_until: null,
    ...entry,
  };
  return { ...defaultState(), agents: { [name]: full } };
}

function applied(t: Transition) {
  if (!t.applied) throw new Error(`expected an applied change, got no-op ${t.noop}: ${t.message}`);
  return t;
}

describe('nextState: agent actions', () => {
  it('pause of an agent state.json does not mention: before is the default entry, after is paused by the caller', () => {
    const t = applied(
      nextState(defaultState(), change({ action: 'pause', agent: 'inbox-digest', reason: 'investigating cost' }), NOW),
    );
    expect(t.before).toEqual({ state: 'enabled', reason: null, since: null, by: null, paused_until: null });
    expect(t.after).toEqual({
      state: 'paused',
      reason: 'investigating cost',
      since: NOW.toISOString(),
      by: 'aycee',
      paused_until: null,
    });
    expect(t.state.agents['inbox-digest']).toEqual(t.after);
    expect(t.reason).toBe('investigating cost');
  });

  it('pause --until stores paused_until as ISO', () => {
    const t = applied(nextState(defaultState(), change({ action: 'pause', agent: 'a', until: new Date(LATER) }), NOW));
    expect(t.after).toMatchObject({ state: 'paused', paused_until: LATER });
  });

  it('pause of a paused agent with the same end is a no-op; with another end it re-pauses', () => {
    const state = withAgent({ state: 'paused', paused_until: LATER });
    const same = nextState(state, change({ action: 'pause', agent: 'inbox-digest', until: LATER }), NOW);
    expect(same).toMatchObject({ applied: false, noop: 'already-paused' });
    expect(same.state).toBe(state);
    const other = applied(nextState(state, change({ action: 'pause', agent: 'inbox-digest', reason: 'longer' }), NOW));
    expect(other.after).toMatchObject({ state: 'paused', paused_until: null, reason: 'longer' });
  });

  it('pause replaces a pause whose end has passed', () => {
    const t = applied(
      nextState(
        withAgent({ state: 'paused', paused_until: EARLIER }),
        change({ action: 'pause', agent: 'inbox-digest' }),
        NOW,
      ),
    );
    expect(t.after).toMatchObject({ state: 'paused', paused_until: null });
  });

  it('pause of a disabled agent is refused as a no-op, since it would weaken the disable', () => {
    const t = nextState(withAgent({ state: 'disabled' }), change({ action: 'pause', agent: 'inbox-digest' }), NOW);
    expect(t).toMatchObject({ applied: false, noop: 'is-disabled' });
    if (!t.applied) expect(t.message).toMatch(/^inbox-digest is disabled/);
  });

  it('resume: paused → enabled; enabled → not-paused; disabled → is-disabled (use enable)', () => {
    const t = applied(
      nextState(
        withAgent({ state: 'paused', paused_until: LATER }),
        change({ action: 'resume', agent: 'inbox-digest', reason: 'fixed' }),
        NOW,
      ),
    );
    expect(t.before).toMatchObject({ state: 'paused' });
    expect(t.after).toEqual({
      state: 'enabled',
      reason: 'fixed',
      since: NOW.toISOString(),
      by: 'aycee',
      paused_until: null,
    });
    expect(nextState(defaultState(), change({ action: 'resume', agent: 'inbox-digest' }), NOW)).toMatchObject({
      applied: false,
      noop: 'not-paused',
    });
    const disabled = nextState(
      withAgent({ state: 'disabled' }),
      change({ action: 'resume', agent: 'inbox-digest' }),
      NOW,
    );
    expect(disabled).toMatchObject({ applied: false, noop: 'is-disabled' });
    if (!disabled.applied) expect(disabled.message).toContain('enable it instead');
  });

  it('disable from enabled or paused drops paused_until; disable of a disabled agent is a no-op', () => {
    const t = applied(
      nextState(
        withAgent({ state: 'paused', paused_until: LATER }),
        change({ action: 'disable', agent: 'inbox-digest', reason: 'broken' }),
        NOW,
      ),
    );
    expect(t.after).toMatchObject({ state: 'disabled', paused_until: null, reason: 'broken' });
    expect(applied(nextState(defaultState(), change({ action: 'disable', agent: 'x' }), NOW)).after).toMatchObject({
      state: 'disabled',
    });
    expect(
      nextState(withAgent({ state: 'disabled' }), change({ action: 'disable', agent: 'inbox-digest' }), NOW),
    ).toMatchObject({ applied: false, noop: 'already-disabled' });
  });

  it('enable from disabled or paused; enable of an enabled agent is a no-op', () => {
    expect(
      applied(nextState(withAgent({ state: 'disabled' }), change({ action: 'enable', agent: 'inbox-digest' }), NOW))
        .after,
    ).toMatchObject({ state: 'enabled' });
    expect(
      applied(nextState(withAgent({ state: 'paused' }), change({ action: 'enable', agent: 'inbox-digest' }), NOW))
        .after,
    ).toMatchObject({ state: 'enabled' });
    expect(nextState(defaultState(), change({ action: 'enable', agent: 'inbox-digest' }), NOW)).toMatchObject({
      applied: false,
      noop: 'already-enabled',
    });
  });

  it('budget-pause is by nightshift with reason "budget", whatever the caller says', () => {
    const t = applied(
      nextState(
        defaultState(),
        change({ action: 'budget-pause', agent: 'a', reason: 'ignored', by: 'mallory', source: 'watchdog' }),
        NOW,
      ),
    );
    expect(t.after).toMatchObject({ state: 'paused', reason: 'budget', by: 'nightshift' });
    expect(t.reason).toBe('budget');
  });

  it('budget-pause leaves an operator pause and a disable alone, but replaces an expired pause', () => {
    expect(
      nextState(
        withAgent({ state: 'paused', reason: 'mine' }),
        change({ action: 'budget-pause', agent: 'inbox-digest' }),
        NOW,
      ),
    ).toMatchObject({ applied: false, noop: 'already-paused' });
    expect(
      nextState(withAgent({ state: 'disabled' }), change({ action: 'budget-pause', agent: 'inbox-digest' }), NOW),
    ).toMatchObject({ applied: false, noop: 'is-disabled' });
    const t = applied(
      nextState(
        withAgent({ state: 'paused', paused_until: EARLIER }),
        change({ action: 'budget-pause', agent: 'inbox-digest' }),
        NOW,
      ),
    );
    expect(t.after).toMatchObject({ reason: 'budget', paused_until: null });
  });

  it('auto-resume resumes only a pause whose end has passed, and says why', () => {
    const t = applied(
      nextState(
        withAgent({ state: 'paused', paused_until: EARLIER }),
        change({ action: 'auto-resume', agent: 'inbox-digest' }),
        NOW,
      ),
    );
    expect(t.after).toEqual({
      state: 'enabled',
      reason: `paused until ${EARLIER} passed`,
      since: NOW.toISOString(),
      by: 'nightshift',
      paused_until: null,
    });
    expect(t.reason).toBe(`paused until ${EARLIER} passed`);
    expect(
      nextState(
        withAgent({ state: 'paused', paused_until: LATER }),
        change({ action: 'auto-resume', agent: 'inbox-digest' }),
        NOW,
      ),
    ).toMatchObject({ applied: false, noop: 'pause-not-expired' });
    expect(
      nextState(withAgent({ state: 'paused' }), change({ action: 'auto-resume', agent: 'inbox-digest' }), NOW),
    ).toMatchObject({ applied: false, noop: 'pause-not-expired' });
    expect(nextState(defaultState(), change({ action: 'auto-resume', agent: 'inbox-digest' }), NOW)).toMatchObject({
      applied: false,
      noop: 'not-paused',
    });
  });

  it('a paused_until exactly now counts as passed', () => {
    const t = nextState(
      withAgent({ state: 'paused', paused_until: NOW.toISOString() }),
      change({ action: 'auto-resume', agent: 'inbox-digest' }),
      NOW,
    );
    expect(t.applied).toBe(true);
  });

  it('never mutates the state it is given', () => {
    const state = withAgent({ state: 'paused' });
    const frozen = JSON.stringify(state);
    applied(nextState(state, change({ action: 'resume', agent: 'inbox-digest' }), NOW));
    applied(nextState(state, change({ action: 'stop-all' }), NOW));
    expect(JSON.stringify(state)).toBe(frozen);
  });
});

describe('nextState: fleet actions', () => {
  it('stop-all turns the global stop on; again is a no-op; start-all turns it off', () => {
    const stop = applied(nextState(defaultState(), change({ action: 'stop-all', reason: 'incident' }), NOW));
    expect(stop.before).toEqual({ stopped: false, since: null, by: null, reason: null });
    expect(stop.after).toEqual({ stopped: true, since: NOW.toISOString(), by: 'aycee', reason: 'incident' });
    expect(nextState(stop.state, change({ action: 'stop-all' }), NOW)).toMatchObject({
      applied: false,
      noop: 'already-stopped',
    });
    const start = applied(nextState(stop.state, change({ action: 'start-all', reason: 'over' }), NOW));
    expect(start.after).toMatchObject({ stopped: false, reason: 'over' });
    expect(nextState(start.state, change({ action: 'start-all' }), NOW)).toMatchObject({
      applied: false,
      noop: 'not-stopped',
    });
  });
});

describe('normalizeChange', () => {
  it('refuses what cannot be meant, with expected and actual', () => {
    const cases: Array<[ChangeRequest, string]> = [
      [{ action: 'pause' }, 'agent'],
      [{ action: 'stop-all', agent: 'a' }, 'agent'],
      [{ action: 'pause', agent: '../etc' }, 'name'],
      [{ action: 'resume', agent: 'a', until: LATER }, 'until'],
      [{ action: 'pause', agent: 'a', until: 'next tuesday' }, 'until'],
      [{ action: 'pause', agent: 'a', until: EARLIER }, 'until'],
      [{ action: 'kill' as never, agent: 'a' }, 'action'],
      [{ action: 'pause', agent: 'a', source: 'cron' as never }, 'source'],
    ];
    for (const [request, field] of cases) {
      let caught: unknown;
      try {
        normalizeChange(request, NOW, 'aycee');
      } catch (error) {
        caught = error;
      }
      expect(caught, JSON.stringify(request)).toBeInstanceOf(UsageError);
      expect((caught as UsageError).field).toBe(field);
      expect((caught as UsageError).actual).toBeDefined();
    }
  });

  it('defaults who to the given user, the source to cli, and trims an empty reason to null', () => {
    expect(normalizeChange({ action: 'pause', agent: 'a', reason: '  ' }, NOW, 'aycee')).toEqual({
      action: 'pause',
      agent: 'a',
      reason: null,
      until: null,
      by: 'aycee',
      source: 'cli',
    });
    expect(normalizeChange({ action: 'auto-resume', agent: 'a', by: 'aycee' }, NOW, 'aycee').by).toBe('nightshift');
  });
});

describe('agentState', () => {
  it('an agent missing from state.json is enabled and runnable', () => {
    expect(agentState(defaultState(), 'new-agent', NOW)).toEqual({
      agent: 'new-agent',
      status: 'enabled',
      entry: { state: 'enabled', reason: null, since: null, by: null, paused_until: null },
      stopped: false,
      blockedBy: null,
    });
  });

  it('paused, pause-expired and disabled', () => {
    expect(agentState(withAgent({ state: 'paused', paused_until: LATER }), 'inbox-digest', NOW)).toMatchObject({
      status: 'paused',
      blockedBy: 'paused',
    });
    expect(agentState(withAgent({ state: 'paused' }), 'inbox-digest', NOW)).toMatchObject({
      status: 'paused',
      blockedBy: 'paused',
    });
    expect(agentState(withAgent({ state: 'paused', paused_until: EARLIER }), 'inbox-digest', NOW)).toMatchObject({
      status: 'pause-expired',
      blockedBy: null,
    });
    expect(agentState(withAgent({ state: 'disabled' }), 'inbox-digest', NOW)).toMatchObject({
      status: 'disabled',
      blockedBy: 'disabled',
    });
  });

  it('the global stop blocks every agent and wins over its own state', () => {
    const state = {
      ...withAgent({ state: 'disabled' }),
      global: { stopped: true, since: EARLIER, by: 'aycee', reason: 'incident' },
    };
    expect(agentState(state, 'inbox-digest', NOW)).toMatchObject({
      status: 'disabled',
      stopped: true,
      blockedBy: 'stopped',
    });
    expect(agentState(state, 'other', NOW)).toMatchObject({ status: 'enabled', stopped: true, blockedBy: 'stopped' });
  });
});

describe('an agent named like an Object.prototype key', () => {
  it('is enabled by default, not read from the prototype, and can be paused', () => {
    for (const name of ['constructor']) {
      expect(agentState(defaultState(), name, NOW).status).toBe('enabled');
      const paused = applied(nextState(defaultState(), change({ action: 'pause', agent: name, reason: 'r' }), NOW));
      expect(paused.before).toMatchObject({ state: 'enabled', since: null });
      expect(agentState(paused.state, name, NOW).status).toBe('paused');
    }
  });
});
